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
 *
 * <p>A budget large enough is spent in shares: an instance takes {@link #SHARE_PERCENT} % of it from the database in
 * one UPDATE (only while the bucket has room for all of it) and hands the share out from memory for at most
 * {@link #SHARE_LIFE}, so most requests write nothing. Every request let through was counted by the database; what
 * shares move is only when: a share taken near the end of one period may be spent at the start of the next. With
 * one share per instance and bucket, a flood spread over two instances gets at most 2 × 5 % = 10 % above its budget.
 * A small budget (under 40 requests a period) has a share of one, so each request is counted by itself, exactly.
 */
@ApplicationScoped
public class RateLimiter implements org.giftportal.ops.Sweep {
    /** How long a request whose bucket kept losing commit-time conflicts is told to wait. */
    private static final Duration CONTENDED_WAIT = Duration.ofSeconds(1);
    /** The part of a budget an instance takes at once: two instances' shares add at most 10 % to a flood. */
    static final int SHARE_PERCENT = 5;
    /** How long a share may be handed out: a quiet instance's share lapses rather than linger into later periods. */
    static final Duration SHARE_LIFE = Duration.ofSeconds(10);
    /** Past this many, lapsed shares are dropped (buckets are per account and address). */
    private static final int MANY_SHARES = 1_000;
    /** The shares this instance holds, by bucket: requests left in it and until when it may be spent. */
    private final java.util.concurrent.ConcurrentMap<String, Share> shares =
            new java.util.concurrent.ConcurrentHashMap<>();
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
        if (spentFromShare(bucket)) {
            return Optional.empty();
        }
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

    /** Number of requests an instance takes from the database at once for this rate (1: each by itself). */
    static int shareOf(RequestRate rate) {
        return Math.max(1, rate.requests() * SHARE_PERCENT / 100);
    }

    private boolean spentFromShare(String bucket) {
        Share share = shares.get(bucket);
        if (share == null) {
            return false;
        }
        if (share.lapsedAt(clock.instant())) {
            shares.remove(bucket, share);
            return false;
        }
        return share.left().getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private boolean roomlessLately(String bucket, Instant now) {
        Share share = shares.get(bucket);
        return share != null && share.roomless() && !share.lapsedAt(now);
    }

    private void keep(String bucket, Share share, Instant now) {
        shares.put(bucket, share);
        if (shares.size() > MANY_SHARES) {
            shares.values().removeIf(held -> held.lapsedAt(now));
        }
    }

    private Optional<Duration> takeOnce(String bucket, RequestRate rate) {
        Instant instant = clock.instant();
        long now = micros(instant);
        long interval = rate.intervalMicros();
        long tolerance = rate.period().toNanos() / 1_000 - interval;
        int share = shareOf(rate);
        try (Connection connection = dataSource.getConnection()) {
            if (share > 1 && !roomlessLately(bucket, instant)) {
                boolean taken = consume(connection, bucket, now, interval, tolerance, share)
                        || create(connection, bucket, now + interval * share);
                // This request is the share's first; the rest are handed out from memory. A bucket without room for
                // a whole share is asked one request at a time until the share's life has passed.
                keep(bucket, new Share(new java.util.concurrent.atomic.AtomicInteger(taken ? share - 1 : 0),
                        instant.plus(SHARE_LIFE), !taken), instant);
                if (taken) {
                    return Optional.empty();
                }
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                if (consume(connection, bucket, now, interval, tolerance, 1)
                        || create(connection, bucket, now + interval)) {
                    return Optional.empty();
                }
            }
            return Optional.of(waitFor(connection, bucket, now, tolerance));
        } catch (SQLException e) {
            throw new IllegalStateException("Rate limit store unavailable", e);
        }
    }

    /**
     * Takes {@code count} intervals of the bucket if its TAT leaves room for all of them. A TAT further ahead than one
     * whole period can only come from a clock that stepped back (a VM restored, a clock corrected): it counts from
     * now, so such a step never starves a bucket for longer than its period.
     */
    private static boolean consume(Connection connection, String bucket, long now, long interval, long tolerance,
            int count) throws SQLException {
        long period = tolerance + interval;
        try (PreparedStatement update = connection.prepareStatement("UPDATE rate_limit"
                + " SET tat_micros = IF(tat_micros > ?, ?, GREATEST(tat_micros, ?)) + ?"
                + " WHERE bucket = ? AND (tat_micros <= ? OR tat_micros > ?)")) {
            update.setLong(1, now + period);
            update.setLong(2, now);
            update.setLong(3, now);
            update.setLong(4, interval * count);
            update.setString(5, bucket);
            update.setLong(6, now + tolerance - interval * (count - 1));
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

    /** A share of a bucket's budget this instance took from the database. */
    private record Share(java.util.concurrent.atomic.AtomicInteger left, Instant lapsesAt, boolean roomless) {
        boolean lapsedAt(Instant now) {
            return lapsesAt.isBefore(now);
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
