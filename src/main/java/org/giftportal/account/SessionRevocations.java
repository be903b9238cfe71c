package org.giftportal.account;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.ops.AutoCommit;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.PortalConfig;

/**
 * Signed-out sessions, in MariaDB so every instance refuses them: a session cookie copied before sign-out opens
 * nothing afterwards, whichever instance it is sent to. A session is named by the identity provider's session id
 * ({@code sid}), which stays the same when its tokens are refreshed.
 *
 * <p>Every instance keeps the list in memory and reads only what was recorded since its last look, four times a
 * second, so a page view costs no query: a session signed out here is refused at once, one signed out on another
 * instance within {@link #FRESH_FOR}. If the list hasn't been refreshed within that time (the database is slow or
 * away), each check asks the database again, as it did before there was a list.
 */
@ApplicationScoped
public class SessionRevocations implements org.giftportal.ops.Sweep {
    /** How old the list may be and still answer "not signed out": the bound for another instance's sign-out. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final Duration REFRESH_EVERY = Duration.ofMillis(250);
    /**
     * Looks back this far before the last look's database time: a revocation is stamped when its INSERT starts and
     * seen when it commits, and a lagging cluster node applies it a little later still.
     */
    private static final Duration LOOK_BACK = Duration.ofSeconds(10);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SessionRevocations.class);
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final PortalConfig.Sessions settings;
    /** Signed-out sessions this instance knows of, with when they may be forgotten. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    /** {@link System#nanoTime()} until which the list answers alone; the start of the last good look plus a second. */
    private volatile long freshUntil = System.nanoTime();
    /** The database's time at the last look: the next asks for what was recorded since (less the look-back). */
    private volatile LocalDateTime lastLook;
    private ScheduledExecutorService refresher;

    SessionRevocations(AgroalDataSource dataSource, Clock clock, PortalConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = config.sessions();
    }

    /** The session an ID token belongs to: its {@code sid}, or, from a provider without one, subject and sign-in time. */
    public static String sessionOf(JsonWebToken idToken) {
        String sid = idToken.getClaim("sid");
        if (sid != null && !sid.isBlank()) {
            return "sid:" + sid;
        }
        Object authTime = idToken.getClaim("auth_time");
        return "sub:" + idToken.getSubject() + "@" + (authTime == null ? idToken.getIssuedAtTime() : authTime);
    }

    void startRefreshing(@Observes StartupEvent started) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-revocations");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopRefreshing(@Observes ShutdownEvent stopping) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Records the sign-out; this instance refuses the session from now on, the others within {@link #FRESH_FOR}. */
    public void revoke(String session) {
        Instant now = clock.instant();
        Instant forgetAfter = now.plus(settings.revocationRetention());
        known.put(session, forgetAfter);
        AutoCommit.update(dataSource, "INSERT IGNORE INTO revoked_session (session_key, revoked_at, forget_after)"
                + " VALUES (?, ?, ?)", session, now, forgetAfter);
    }

    /** Whether the session was signed out: from the list while it is fresh, from the database when it isn't. */
    public boolean isRevoked(String session) {
        return fromList(session).orElseGet(() -> AutoCommit.exists(dataSource,
                "SELECT 1 FROM revoked_session WHERE session_key = ?", session));
    }

    /** The list's answer without any query; empty when the list is too old to say "not signed out". */
    public Optional<Boolean> fromList(String session) {
        // Freshness first: a look that began after a sign-out was recorded has put it in the list before it said so.
        boolean fresh = System.nanoTime() - freshUntil < 0;
        if (known.containsKey(session)) {
            return Optional.of(true);
        }
        return fresh ? Optional.of(false) : Optional.empty();
    }

    /** How many looks at the table this instance has made (each is one statement). */
    public long refreshes() {
        return refreshes.get();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException | SQLException e) {
            LOG.debugf("Signed-out sessions not refreshed, pages ask the database until they are: %s", e.getMessage());
        }
    }

    /** Reads what was recorded since the last look (everything the first time) and forgets what may be forgotten. */
    void refresh() throws SQLException {
        long started = System.nanoTime();
        LocalDateTime since = lastLook == null ? null : lastLook.minus(LOOK_BACK);
        // One statement: the database's time on the first row, then the sessions.
        String sql = "SELECT NULL, NULL, NOW(6) UNION ALL SELECT session_key, forget_after, NULL FROM revoked_session"
                + (since == null ? "" : " WHERE recorded_at >= ?");
        LocalDateTime now = null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (since != null) {
                statement.setObject(1, since);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String session = rows.getString(1);
                    if (session == null) {
                        now = rows.getObject(3, LocalDateTime.class);
                    } else {
                        known.put(session, DatabaseTime.read(rows.getObject(2)));
                    }
                }
            }
        } finally {
            refreshes.incrementAndGet();
        }
        Instant today = clock.instant();
        known.values().removeIf(forgetAfter -> forgetAfter.isBefore(today));
        lastLook = now;
        freshUntil = started + FRESH_FOR.toNanos();
    }

    /** Forgets revocations older than any session they could stop; returns how many. */
    public int forgetExpired(int batch) {
        return AutoCommit.update(dataSource, "DELETE FROM revoked_session WHERE forget_after < ? LIMIT ?",
                clock.instant(), batch);
    }

    /** Housekeeping's part: revocations older than any session they could stop. */
    @Override
    public int forget(int batch) {
        return forgetExpired(batch);
    }
}
