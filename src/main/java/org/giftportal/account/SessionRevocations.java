package org.giftportal.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.ops.AutoCommit;
import org.giftportal.site.PortalConfig;

/**
 * Signed-out sessions, in MariaDB so every instance refuses them: a session cookie copied before sign-out opens
 * nothing afterwards, whichever instance it is sent to. A session is named by the identity provider's session id
 * ({@code sid}), which stays the same when its tokens are refreshed.
 */
@ApplicationScoped
public class SessionRevocations implements org.giftportal.ops.Sweep {
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final PortalConfig.Sessions settings;

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

    public void revoke(String session) {
        Instant now = clock.instant();
        AutoCommit.update(dataSource, "INSERT IGNORE INTO revoked_session (session_key, revoked_at, forget_after)"
                + " VALUES (?, ?, ?)", session, now, now.plus(settings.revocationRetention()));
    }

    public boolean isRevoked(String session) {
        return AutoCommit.exists(dataSource, "SELECT 1 FROM revoked_session WHERE session_key = ?", session);
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
