package org.giftportal.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.web.ErrorPages;
import org.giftportal.web.ExpiringCache;
import org.giftportal.web.KeptIdentities;
import org.giftportal.web.VerifiedIdentity;

/**
 * Store API bearer tokens this instance has verified, so a client's calls in a row cost one signature check, not one
 * each: Quarkus caches introspection answers, not locally verified tokens. An entry is kept for at most
 * {@link #KEPT_FOR} and never past the token's own expiry, keyed by the token's SHA-256 (the token itself is never
 * kept), in a bounded map. A hit gives the call a fresh identity of its own (the same client, roles and claims); a
 * miss, or anything but an API call, goes to the identity provider's usual check.
 */
@ApplicationScoped
public class VerifiedTokens extends KeptIdentities {
    /** The longest a verified token is taken on trust; a token revoked at the provider still works this long. */
    static final Duration KEPT_FOR = Duration.ofSeconds(60);
    /** Clients hold a token for minutes: a few thousand entries cover every store's clients many times over. */
    private static final int MOST_KEPT = 10_000;
    private final ExpiringCache<VerifiedIdentity> verified;
    private final MeterRegistry metrics;

    VerifiedTokens(Clock clock, MeterRegistry metrics) {
        this.verified = new ExpiringCache<>(clock, MOST_KEPT);
        this.metrics = metrics;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (call == null || !ErrorPages.isApi(call.normalizedPath())
                || !(request.getToken() instanceof AccessTokenCredential token)) {
            return Uni.createFrom().nullItem();
        }
        VerifiedIdentity known = verified.get(ExpiringCache.keyOf(token.getToken()));
        metrics.counter("portal.api.tokens", "check", known == null ? "verified" : "kept").increment();
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(known.forRequest(call, context));
    }

    /** Keeps what the identity provider verified for an API call, unless it is kept already (then its time runs on). */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(identity);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (call != null && ErrorPages.isApi(call.normalizedPath()) && token != null
                && identity.getPrincipal() instanceof JsonWebToken jwt) {
            keep(ExpiringCache.keyOf(token.getToken()), identity, jwt);
        }
        return Uni.createFrom().item(identity);
    }

    private void keep(String key, SecurityIdentity identity, JsonWebToken jwt) {
        if (verified.get(key) != null) {
            return;
        }
        Instant until = verified.now().plus(KEPT_FOR);
        if (jwt.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
            until = expires.isBefore(until) ? expires : until;
        }
        verified.keep(key, VerifiedIdentity.of(identity), until);
    }
}
