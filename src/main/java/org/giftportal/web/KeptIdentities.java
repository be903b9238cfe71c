package org.giftportal.web;

import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a token's check established, kept so the same token's next requests skip the check: asked first as an identity
 * provider (answering nothing sends the request on to the provider's own check), and told of each identity the
 * provider built as an augmentor (to keep it). The keeping and its bounds are each subclass's own.
 */
public abstract class KeptIdentities implements IdentityProvider<TokenAuthenticationRequest>,
        SecurityIdentityAugmentor {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * As an identity provider: asked before the provider's own check (which has the default priority,
     * {@code SYSTEM_FIRST + 1}), and that check runs when this answers nothing. As an augmentor: before the portal's
     * others (priority 0), so what is kept is the provider's identity, before anything is added to it.
     */
    @Override
    public int priority() {
        return 2 * SYSTEM_FIRST;
    }

    /**
     * Until when a token verified now is taken on trust: the sooner of the cache's own bound and the token's expiry
     * (less {@code margin}, the time before expiry at which the sign-in layer refreshes it; a token without an expiry
     * has only the cache's bound).
     */
    protected static Instant keptUntil(Instant now, Duration keptFor, JsonWebToken token, Duration margin) {
        Instant until = now.plus(keptFor);
        if (token.getExpirationTime() <= 0) {
            return until;
        }
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime()).minus(margin);
        return expires.isBefore(until) ? expires : until;
    }
}
