package org.giftportal.account;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.oidc.runtime.DefaultTokenStateManager;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import org.giftportal.web.ExpiringCache;

/**
 * The session cookie, decrypted once per minute rather than on every request: a shopper's pages in a row bring the
 * same cookie, and its decryption (and the parsing of what it holds) was a large share of a signed-in page's work.
 * The cookies themselves are still Quarkus's own ({@link DefaultTokenStateManager} writes and reads them); this keeps
 * what one decrypted to, under the cookie's SHA-256, for {@link #KEPT_FOR}. A cookie decrypts to the same tokens
 * every time, so nothing is taken on trust that the decryption would have refused: whether the tokens are still
 * good is checked after this ({@link VerifiedSessions}, the identity provider, {@link RevokedSessionCheck}).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class DecryptedSessions implements TokenStateManager {
    static final Duration KEPT_FOR = Duration.ofSeconds(60);
    /** The key of this request's session cookie, for {@link VerifiedSessions}. */
    static final String COOKIE_KEY = "org.giftportal.session-cookie";
    /** Shoppers signed in on this instance within a minute: a few thousand is a busy sale day many times over. */
    private static final int MOST_KEPT = 4_096;
    private final DefaultTokenStateManager cookies;
    private final ExpiringCache<AuthorizationCodeTokens> decrypted;

    DecryptedSessions(DefaultTokenStateManager cookies, Clock clock) {
        this.cookies = cookies;
        this.decrypted = new ExpiringCache<>(clock, MOST_KEPT);
    }

    @Override
    public Uni<String> createTokenState(RoutingContext request, OidcTenantConfig config, AuthorizationCodeTokens tokens,
            OidcRequestContext<String> context) {
        return cookies.createTokenState(request, config, tokens, context);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext request, OidcTenantConfig config, String cookie,
            OidcRequestContext<AuthorizationCodeTokens> context) {
        String key = ExpiringCache.keyOf(cookie);
        AuthorizationCodeTokens known = decrypted.get(key);
        if (known != null) {
            return Uni.createFrom().item(remembered(request, key, known));
        }
        return cookies.getTokens(request, config, cookie, context).map(tokens -> {
            decrypted.keep(key, copyOf(tokens), decrypted.now().plus(KEPT_FOR));
            return remembered(request, key, tokens);
        });
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext request, OidcTenantConfig config, String cookie,
            OidcRequestContext<Void> context) {
        decrypted.forget(ExpiringCache.keyOf(cookie));
        return cookies.deleteTokens(request, config, cookie, context);
    }

    /** Notes which cookie this request came with; the sign-in layer gets a copy of its own to change as it likes. */
    private static AuthorizationCodeTokens remembered(RoutingContext request, String key, AuthorizationCodeTokens tokens) {
        request.put(COOKIE_KEY, key);
        return copyOf(tokens);
    }

    private static AuthorizationCodeTokens copyOf(AuthorizationCodeTokens tokens) {
        return new AuthorizationCodeTokens(tokens.getIdToken(), tokens.getAccessToken(), tokens.getRefreshToken(),
                tokens.getAccessTokenExpiresIn(), tokens.getAccessTokenScope());
    }
}
