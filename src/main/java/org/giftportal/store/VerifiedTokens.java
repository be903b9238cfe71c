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
    /** The key of the call's token, from the identity provider's turn to the augmentor's. */
    private static final String TOKEN_KEY = "org.giftportal.api-token-key";
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
        String key = ExpiringCache.keyOf(token.getToken());
        // The augmentor keeps what the provider verified under the same key: worked out once per call.
        call.put(TOKEN_KEY, key);
        VerifiedIdentity known = verified.get(key);
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
            keep(call.get(TOKEN_KEY) instanceof String key ? key : ExpiringCache.keyOf(token.getToken()), identity,
                    jwt);
        }
        return Uni.createFrom().item(identity);
    }

    private void keep(String key, SecurityIdentity identity, JsonWebToken jwt) {
        if (verified.get(key) == null) {
            verified.keep(key, VerifiedIdentity.of(identity), keptUntil(verified.now(), KEPT_FOR, jwt, Duration.ZERO));
        }
    }
}
