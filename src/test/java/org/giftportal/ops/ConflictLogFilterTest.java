package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransactionRollbackException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The log filter drops the per-deadlock warnings of the database layers, and nothing else. */
class ConflictLogFilterTest {
    private final ConflictLogFilter filter = new ConflictLogFilter();

    @Test
    void dropsTheDatabaseLayersWarningsAboutAConflictTheRetryPolicyHandles() {
        assertThat(filter.isLoggable(record(Level.WARNING, "org.mariadb.jdbc.message.server.ErrorPacket",
                "Error: 1213-40001: Deadlock found when trying to get lock; try restarting transaction", null)))
                .isFalse();
        assertThat(filter.isLoggable(record(Level.WARNING, "com.arjuna.ats.jta", "ARJUNA016039: onePhaseCommit failed",
                new IllegalStateException("commit", new SQLTransactionRollbackException("rolled back", "40001",
                        1213))))).isFalse();
    }

    @Test
    void dropsHibernatesCodeLineOfTheSameConflict() {
        assertThat(filter.isLoggable(record(Level.WARNING, "org.hibernate.orm.jdbc.error",
                "HHH000247: ErrorCode: 1213, SQLState: 40001", null))).isFalse();
    }

    @Test
    void keepsEveryOtherWarningAndEveryError() {
        assertThat(filter.isLoggable(record(Level.WARNING, "com.arjuna.ats.arjuna",
                "ARJUNA012117: transaction 0:ffff:51213 timed out", null)))
                .as("a number that happens to contain 1213").isTrue();
        assertThat(filter.isLoggable(record(Level.WARNING, "org.hibernate.orm.jdbc.error",
                "Duplicate entry 'x' for key 'uk_card'", null))).isTrue();
        assertThat(filter.isLoggable(record(Level.SEVERE, "org.mariadb.jdbc.message.server.ErrorPacket",
                "Error: 1213-40001: Deadlock found", null))).as("errors are never dropped").isTrue();
        assertThat(filter.isLoggable(record(Level.WARNING, "org.giftportal.ops.Retries",
                "redeem gave up after 8 attempts: Deadlock found", null))).as("the portal's own give-up").isTrue();
    }

    private static LogRecord record(Level level, String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
