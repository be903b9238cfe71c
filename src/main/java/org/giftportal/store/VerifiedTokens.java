package org.giftportal.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.web.ErrorPages;

/**
 * Store API bearer tokens this instance has verified, so a client's calls in a row cost one signature check, not one
 * each: Quarkus caches introspection answers, not locally verified tokens. An entry is kept for at most
 * {@link #KEPT_FOR} and never past the token's own expiry, keyed by the token's SHA-256 (the token itself is never
 * kept), in a bounded map. A hit gives the call a fresh identity of its own (the same client, roles and claims); a
 * miss, or anything but an API call, goes to the identity provider's usual check.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {
    /** The longest a verified token is taken on trust; a token revoked at the provider still works this long. */
    static final Duration KEPT_FOR = Duration.ofSeconds(60);
    /** Clients hold a token for minutes: a few thousand entries cover every store's clients many times over. */
    private static final int MOST_KEPT = 10_000;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final MeterRegistry metrics;

    VerifiedTokens(Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What the check of one token established, without the request it came with. */
    private record Verified(Principal principal, Set<String> roles, Map<String, Object> attributes, Instant until) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Asked before the identity provider's own check (which has the default priority, {@code SYSTEM_FIRST + 1}), and
     * that check runs when this answers nothing.
     */
    @Override
    public int priority() {
        return 2 * SYSTEM_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (call == null || !ErrorPages.isApi(call.normalizedPath())
                || !(request.getToken() instanceof AccessTokenCredential token)) {
            return Uni.createFrom().nullItem();
        }
        Verified known = known(keyOf(token.getToken()));
        metrics.counter("portal.api.tokens", "check", known == null ? "verified" : "kept").increment();
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(known.principal())
                .addRoles(known.roles()).addCredential(token).addAttributes(known.attributes());
        identity.addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, call);
        return Uni.createFrom().item(identity.build());
    }

    /** Keeps what the identity provider verified for an API call, unless it is kept already (then its time runs on). */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(identity);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (call != null && ErrorPages.isApi(call.normalizedPath()) && token != null
                && identity.getPrincipal() instanceof JsonWebToken jwt) {
            keep(keyOf(token.getToken()), identity, jwt);
        }
        return Uni.createFrom().item(identity);
    }

    private void keep(String key, SecurityIdentity identity, JsonWebToken jwt) {
        Instant now = clock.instant();
        Instant until = now.plus(KEPT_FOR);
        if (jwt.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
            until = expires.isBefore(until) ? expires : until;
        }
        if (!until.isAfter(now)) {
            return;
        }
        if (verified.size() >= MOST_KEPT) {
            verified.values().removeIf(entry -> !entry.until().isAfter(now));
            if (verified.size() >= MOST_KEPT) {
                verified.clear();
            }
        }
        Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                .filter(attribute -> !(attribute.getValue() instanceof RoutingContext))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        verified.putIfAbsent(key, new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()), attributes,
                until));
    }

    /** The entry for the token, if it is still within both its time here and the token's own life. */
    private Verified known(String key) {
        Verified entry = verified.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.until().isAfter(clock.instant())) {
            verified.remove(key, entry);
            return null;
        }
        return entry;
    }

    private static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
