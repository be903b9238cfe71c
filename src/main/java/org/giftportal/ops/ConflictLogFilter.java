package org.giftportal.ops;

import io.quarkus.logging.LoggingFilter;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops the warnings the database driver, Hibernate and the transaction manager write for every deadlock or Galera
 * certification conflict: the retry policy runs that work again and counts it ({@code portal_db_retries_total}), and
 * on a cluster these conflicts are routine, thousands of lines a minute under load. Only those: every other warning
 * from the same places, and every error, is still written.
 */
@LoggingFilter(name = "cluster-conflicts")
public final class ConflictLogFilter implements Filter {
    private static final List<String> SOURCES = List.of("org.mariadb.jdbc", "org.hibernate", "com.arjuna");
    /**
     * MariaDB's words for error 1213 (which a Galera certification failure reuses), or its code and state together as
     * the driver and Hibernate print them ("1213-40001", "ErrorCode: 1213, SQLState: 40001"); a bare number is not
     * enough, an unrelated warning may mention one.
     */
    private static final java.util.regex.Pattern CONFLICT = java.util.regex.Pattern.compile(
            "Deadlock found|\\b1213\\b\\D{1,20}\\b40001\\b");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() > Level.WARNING.intValue() || record.getLoggerName() == null
                || SOURCES.stream().noneMatch(record.getLoggerName()::startsWith)) {
            return true;
        }
        return !isConflict(record);
    }

    static boolean isConflict(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (mentionsConflict(message)) {
            return true;
        }
        for (Throwable cause = record.getThrown(), previous = null; cause != null && cause != previous;
                previous = cause, cause = cause.getCause()) {
            if (mentionsConflict(cause.getMessage()) || cause instanceof java.sql.SQLException sql
                    && (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsConflict(String text) {
        return text != null && CONFLICT.matcher(text).find();
    }
}
