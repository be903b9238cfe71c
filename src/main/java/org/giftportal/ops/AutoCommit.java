package org.giftportal.ops;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Single statements that commit on their own, outside any transaction of the request: for shared counters, leases
 * and records that must not wait for (or hold a connection during) the work around them.
 */
public final class AutoCommit {
    private AutoCommit() {
    }

    /** Runs one INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = bound(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql.lines().findFirst().orElse(sql), e);
        }
    }

    /** Whether the query finds a row. */
    public static boolean exists(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = bound(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql.lines().findFirst().orElse(sql), e);
        }
    }

    private static PreparedStatement bound(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            statement.setObject(i + 1, parameter instanceof java.time.Instant instant ? DatabaseTime.of(instant)
                    : parameter);
        }
        return statement;
    }
}
