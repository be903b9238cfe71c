package org.giftportal.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks every signed-in request's session against the signed-out ones and marks a revoked one
 * ({@link #REVOKED}); {@link RevokedSessionFilter} then ends it before any page runs. Marking rather than refusing
 * here: the sign-in mechanism expects the identity it verified back. Static files are not checked: they carry no
 * personal data; nor is the store API, whose callers have tokens, not sessions.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RevokedSessionCheck.class);
    /** The identity attribute that says its session was signed out. */
    static final String REVOKED = "org.giftportal.session-revoked";
    private final SessionRevocations revocations;
    private final org.giftportal.ops.Retries retries;

    RevokedSessionCheck(SessionRevocations revocations, org.giftportal.ops.Retries retries) {
        this.retries = retries;
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken idToken)) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(identity);
        if (request != null && (isStaticAsset(request.normalizedPath())
                || org.giftportal.web.ErrorPages.isApi(request.normalizedPath()))) {
            // The store API's bearer tokens belong to machine clients, not to a browser session that can be signed out.
            return Uni.createFrom().item(identity);
        }
        String session = SessionRevocations.sessionOf(idToken);
        // The in-memory list answers on the event loop; only a stale list sends the check to a worker and the database.
        return revocations.fromList(session).map(revoked -> Uni.createFrom().item(marked(identity, revoked)))
                .orElseGet(() -> context.runBlocking(() -> marked(identity, isRevoked(session))));
    }

    private static SecurityIdentity marked(SecurityIdentity identity, boolean revoked) {
        return revoked ? QuarkusSecurityIdentity.builder(identity).addAttribute(REVOKED, Boolean.TRUE).build() : identity;
    }

    /**
     * Whether the session was signed out. With the database away this can't be known; the session is then let
     * through, and the page it asks for fails on its own data with the portal's error page, rather than the shopper
     * getting a bare refusal from the sign-in layer.
     */
    private boolean isRevoked(String session) {
        try {
            // Again on a passing failure: a pooled connection whose database node died fails once, then works.
            return retries.reading("revoked-session", () -> revocations.isRevoked(session));
        } catch (RuntimeException e) {
            LOG.warnf("Signed-out sessions could not be checked: %s", e.getCause() == null ? e.getMessage()
                    : e.getCause().getMessage());
            return false;
        }
    }

    static boolean isRevoked(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(REVOKED));
    }

    static boolean isStaticAsset(String path) {
        return path != null && (path.startsWith("/css/") || path.startsWith("/img/") || path.equals("/favicon.svg")
                || path.equals("/brand.css"));
    }
}
