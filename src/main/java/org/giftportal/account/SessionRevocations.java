package org.giftportal.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.PortalConfig;

/**
 * Signed-out sessions, in MariaDB so every instance refuses them: a session cookie copied before sign-out opens
 * nothing afterwards, whichever instance it is sent to. A session is named by the identity provider's session id
 * ({@code sid}), which stays the same when its tokens are refreshed.
 */
@ApplicationScoped
public class SessionRevocations {
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
        execute("INSERT IGNORE INTO revoked_session (session_key, revoked_at, forget_after) VALUES (?, ?, ?)",
                session, now, now.plus(settings.revocationRetention()));
    }

    public boolean isRevoked(String session) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM revoked_session WHERE session_key = ?")) {
            select.setString(1, session);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the session", e);
        }
    }

    /** Forgets revocations older than any session they could stop; returns how many. */
    public int forgetExpired(int batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM revoked_session WHERE forget_after < ? LIMIT ?")) {
            delete.setObject(1, DatabaseTime.of(clock.instant()));
            delete.setInt(2, batch);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not purge revoked sessions", e);
        }
    }

    private void execute(String sql, String session, Instant revokedAt, Instant forgetAfter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, session);
            statement.setObject(2, DatabaseTime.of(revokedAt));
            statement.setObject(3, DatabaseTime.of(forgetAfter));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke the session", e);
        }
    }
}
