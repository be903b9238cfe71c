package org.giftportal.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every signed-in request's session is checked against the signed-out ones: a revoked session is treated as no
 * session at all (its cookie is dropped, a page that needs sign-in asks for it again). Static files are not checked:
 * they carry no personal data.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {
    private static final String SESSION_COOKIE = "q_session";
    private final SessionRevocations revocations;

    RevokedSessionCheck(SessionRevocations revocations) {
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
        if (request != null && isStaticAsset(request.normalizedPath())) {
            return Uni.createFrom().item(identity);
        }
        String session = SessionRevocations.sessionOf(idToken);
        return context.runBlocking(() -> {
            if (!revocations.isRevoked(session)) {
                return identity;
            }
            if (request != null) {
                request.request().cookies().stream().filter(cookie -> cookie.getName().startsWith(SESSION_COOKIE))
                        .forEach(cookie -> request.response().addCookie(
                                Cookie.cookie(cookie.getName(), "").setPath("/").setMaxAge(0)));
            }
            return QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        });
    }

    static boolean isStaticAsset(String path) {
        return path != null && (path.startsWith("/css/") || path.startsWith("/img/") || path.equals("/favicon.svg")
                || path.equals("/brand.css"));
    }
}
