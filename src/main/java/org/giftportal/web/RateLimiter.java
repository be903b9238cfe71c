package org.giftportal.web;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.giftportal.ops.AutoCommit;
import org.giftportal.ops.Retries;
import org.giftportal.site.RequestRate;

/**
 * Request budgets shared by every portal instance through MariaDB, one row per bucket (a rule and an account or a
 * client address). The generic cell rate algorithm keeps a single number per bucket, the theoretical arrival time
 * (TAT): a request fits when the TAT is at most one period ahead of now, and pushes the TAT one interval further.
 * One guarded UPDATE decides and records it atomically, outside any transaction of the request: nothing is held
 * while the request runs.
 */
@ApplicationScoped
public class RateLimiter implements org.giftportal.ops.Sweep {
    /** How long a request whose bucket kept losing commit-time conflicts is told to wait. */
    private static final Duration CONTENDED_WAIT = Duration.ofSeconds(1);
    private final AgroalDataSource dataSource;
    private final Clock clock;
    /** How long an idle bucket may still matter: the longest period of any rule. */
    private final Duration longestPeriod;
    private final Retries retries;

    RateLimiter(AgroalDataSource dataSource, Clock clock, Retries retries, org.giftportal.site.PortalConfig config) {
        this.longestPeriod = config.rateLimits().values().stream()
                .flatMap(rule -> java.util.stream.Stream.of(rule.perAccount(), rule.perAddress()))
                .flatMap(Optional::stream)
                .map(org.giftportal.site.RequestRate::period)
                .max(Duration::compareTo).orElse(Duration.ofHours(1));
        this.dataSource = dataSource;
        this.clock = clock;
        this.retries = retries;
    }

    /**
     * Takes one request from the bucket's budget; empty if it fit, otherwise how long until one would. Runs again
     * through the retry policy after a passing failure: on a Galera cluster, two nodes moving one bucket at once (the
     * loser's statement was rolled back whole, so running it again counts the request once), or a pooled connection
     * whose node died (tried once more; at worst the request is counted twice).
     *
     * @throws IllegalStateException when the budget store can't be reached (the caller lets the request through)
     */
    public Optional<Duration> take(String bucket, RequestRate rate) {
        try {
            return retries.reading("rate-limit", () -> takeOnce(bucket, rate));
        } catch (Retries.RetriesExhausted e) {
            if (e.reason() == Retries.Transient.CONFLICT) {
                // A bucket so hot that it keeps losing is being hammered: the request waits its turn like one over
                // budget, it is not let through.
                return Optional.of(CONTENDED_WAIT);
            }
            throw new IllegalStateException("Rate limit store unavailable", e);
        }
    }

    private Optional<Duration> takeOnce(String bucket, RequestRate rate) {
        long now = micros(clock.instant());
        long interval = rate.intervalMicros();
        long tolerance = rate.period().toNanos() / 1_000 - interval;
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (consume(connection, bucket, now, interval, tolerance) || create(connection, bucket, now + interval)) {
                    return Optional.empty();
                }
            }
            return Optional.of(waitFor(connection, bucket, now, tolerance));
        } catch (SQLException e) {
            throw new IllegalStateException("Rate limit store unavailable", e);
        }
    }

    /**
     * Takes one interval of the bucket if its TAT allows it. A TAT further ahead than one whole period can only come
     * from a clock that stepped back (a VM restored, a clock corrected): it counts from now, so such a step never
     * starves a bucket for longer than its period.
     */
    private static boolean consume(Connection connection, String bucket, long now, long interval, long tolerance)
            throws SQLException {
        long period = tolerance + interval;
        try (PreparedStatement update = connection.prepareStatement("UPDATE rate_limit"
                + " SET tat_micros = IF(tat_micros > ?, ?, GREATEST(tat_micros, ?)) + ?"
                + " WHERE bucket = ? AND (tat_micros <= ? OR tat_micros > ?)")) {
            update.setLong(1, now + period);
            update.setLong(2, now);
            update.setLong(3, now);
            update.setLong(4, interval);
            update.setString(5, bucket);
            update.setLong(6, now + tolerance);
            update.setLong(7, now + period);
            return update.executeUpdate() == 1;
        }
    }

    /** A bucket seen for the first time; false if another request created it first (then the UPDATE decides). */
    private static boolean create(Connection connection, String bucket, long tat) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO rate_limit (bucket, tat_micros) VALUES (?, ?)")) {
            insert.setString(1, bucket);
            insert.setLong(2, tat);
            return insert.executeUpdate() == 1;
        }
    }

    private static Duration waitFor(Connection connection, String bucket, long now, long tolerance)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tat_micros FROM rate_limit WHERE bucket = ?")) {
            select.setString(1, bucket);
            try (ResultSet row = select.executeQuery()) {
                long tat = row.next() ? row.getLong(1) : now;
                return Duration.of(Math.max(1_000_000, tat - tolerance - now), ChronoUnit.MICROS);
            }
        }
    }

    /** Forgets buckets idle for longer than the longest period: their next request starts a full budget anyway. */
    public int forgetIdle(Duration longestPeriod, int batch) {
        return AutoCommit.update(dataSource, "DELETE FROM rate_limit WHERE tat_micros < ? LIMIT ?",
                micros(clock.instant().minus(longestPeriod)), batch);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** Housekeeping's part: buckets idle for longer than the longest period of any rule. */
    @Override
    public int forget(int batch) {
        return forgetIdle(longestPeriod, batch);
    }
}
