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
        Object token = event.getEventProperties().get("logout_token");
        String sid = token instanceof JsonObject claims ? claims.getString("sid") : null;
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
}
