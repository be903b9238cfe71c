package org.giftportal.account;

import io.quarkus.oidc.SecurityEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A session ended at the identity provider (an administrator signed the user out, or they signed out of another
 * application): the provider's back-channel logout reaches one portal instance, and that instance revokes the session
 * for all of them. Quarkus keeps its own record of such logouts in memory, per instance; this one is shared.
 */
@ApplicationScoped
class BackChannelSignOut {
    private static final Logger LOG = Logger.getLogger(BackChannelSignOut.class);
    private final SessionRevocations revocations;
    private final Vertx vertx;

    BackChannelSignOut(SessionRevocations revocations, Vertx vertx) {
        this.revocations = revocations;
        this.vertx = vertx;
    }

    void loggedOut(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED) {
            return;
        }
        String sid = sessionIdOf(event.getEventProperties().get("logout_token"));
        if (sid == null) {
            LOG.warn("A back-channel logout arrived without a session id; nothing revoked");
            return;
        }
        // The event comes on the HTTP event loop; the database write must not block it.
        vertx.executeBlocking(() -> {
            revocations.revoke("sid:" + sid);
            return null;
        }, false).onFailure(failure -> LOG.errorf("Back-channel logout not recorded: %s", failure.getMessage()));
    }

    /**
     * The session id in a logout token, which Quarkus has checked (signature, issuer, audience, events claim) before
     * the event. Quarkus 3.33 passes its verification result, whose claims it keeps in a package-private field: read
     * by reflection, and SessionRevocationTest fails the build the day that changes. A claims object or the encoded
     * token, as other versions pass, are read directly.
     */
    static String sessionIdOf(Object token) {
        if (token instanceof JsonObject claims) {
            return claims.getString("sid");
        }
        if (token != null && token.getClass().getName().equals("io.quarkus.oidc.runtime.TokenVerificationResult")) {
            try {
                java.lang.reflect.Field claims = token.getClass().getDeclaredField("localVerificationResult");
                claims.setAccessible(true);
                return sessionIdOf(claims.get(token));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("Could not read the session id of a back-channel logout: %s", e.getMessage());
                return null;
            }
        }
        if (token instanceof String encoded && encoded.chars().filter(c -> c == '.').count() == 2) {
            try {
                String payload = encoded.substring(encoded.indexOf('.') + 1, encoded.lastIndexOf('.'));
                return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload),
                        java.nio.charset.StandardCharsets.UTF_8)).getString("sid");
            } catch (RuntimeException notAToken) {
                return null;
            }
        }
        return null;
    }
}
