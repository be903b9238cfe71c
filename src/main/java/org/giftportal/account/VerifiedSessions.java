package org.giftportal.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.web.ExpiringCache;
import org.giftportal.web.KeptIdentities;
import org.giftportal.web.VerifiedIdentity;

/**
 * A signed-in shopper's ID token, verified once per minute rather than on every page: what the identity provider's
 * check established (the person, roles, credentials) is kept under the session cookie's key and given to the
 * cookie's next requests, for at most {@link #KEPT_FOR} and never past the ID token's own expiry (less the refresh
 * margin, when one is configured), so an expired token still goes to the provider's check and is refreshed there.
 * Only an identity verified for the very ID token this cookie holds is kept: after a refresh the cookie is a new
 * one. What must be decided per request still is: a signed-out session ({@link RevokedSessionCheck}) and the
 * back-channel sign-out both run on every request, after this.
 */
@ApplicationScoped
public class VerifiedSessions extends KeptIdentities {
    /** The longest an ID token is taken on trust without its signature and claims being checked again. */
    static final Duration KEPT_FOR = Duration.ofSeconds(60);
    private static final int MOST_KEPT = 4_096;
    /** The ID token the request's session cookie holds. */
    private static final String COOKIE_ID_TOKEN = "org.giftportal.session-id-token";
    private final ExpiringCache<Verified> verified;
    private final MeterRegistry metrics;
    private final Duration refreshMargin;

    VerifiedSessions(Clock clock, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.oidc.token.refresh-token-time-skew") Optional<Duration> refreshMargin) {
        this.verified = new ExpiringCache<>(clock, MOST_KEPT);
        this.metrics = metrics;
        this.refreshMargin = refreshMargin.orElse(Duration.ZERO);
    }

    /** The identity verified for one ID token. */
    private record Verified(String idToken, VerifiedIdentity identity) {
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (call == null || !(request.getToken() instanceof IdTokenCredential token)
                || !(call.get(DecryptedSessions.COOKIE_KEY) instanceof String key)) {
            return Uni.createFrom().nullItem();
        }
        // The first ID token asked about in a request is the one its cookie holds; a refresh asks about a new one.
        call.data().putIfAbsent(COOKIE_ID_TOKEN, token.getToken());
        Verified known = verified.get(key);
        boolean kept = known != null && known.idToken().equals(token.getToken());
        metrics.counter("portal.sessions", "check", kept ? "kept" : "verified").increment();
        return kept ? Uni.createFrom().item(known.identity().forRequest(call, context)) : Uni.createFrom().nullItem();
    }

    /** Keeps what the identity provider verified for the ID token the request's session cookie holds. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(identity);
        IdTokenCredential token = identity.getCredential(IdTokenCredential.class);
        if (call != null && token != null && call.get(DecryptedSessions.COOKIE_KEY) instanceof String key
                && token.getToken().equals(call.get(COOKIE_ID_TOKEN))
                && identity.getPrincipal() instanceof JsonWebToken jwt && verified.get(key) == null) {
            verified.keep(key, new Verified(token.getToken(), VerifiedIdentity.of(identity)),
                    keptUntil(verified.now(), KEPT_FOR, jwt, refreshMargin));
        }
        return Uni.createFrom().item(identity);
    }
}
