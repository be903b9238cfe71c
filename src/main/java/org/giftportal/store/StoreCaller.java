package org.giftportal.store;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.web.Problem;

/**
 * The machine client calling the store API: a confidential client of the identity provider, signed in with its own
 * credentials (client credentials grant). A shopper's token is never one, even a token the store's own client got
 * for a shopper: the API names shoppers in its paths and bodies, never by who calls.
 */
@RequestScoped
public class StoreCaller {
    public static final String CHECKOUT = "store-checkout";
    public static final String TILL = "store-till";

    private final SecurityIdentity identity;

    StoreCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The calling client's id, e.g. "store-checkout": idempotency keys and rate limits are kept per client. */
    public String clientId() {
        return serviceAccountClient().orElseThrow(() -> notAClient().exception());
    }

    /** Whether the caller is a client's service account at all. */
    boolean isClient() {
        return serviceAccountClient().isPresent();
    }

    private Optional<String> serviceAccountClient() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        // The client id mapper (Keycloak's service_account scope has it) writes the client's id into the tokens of
        // its service account only; a token the client got for a shopper has the same azp but no client_id.
        String azp = token.getClaim("azp");
        Object client = token.getClaim("client_id");
        return azp != null && client != null && String.valueOf(client).replace("\"", "").equals(azp)
                ? Optional.of(azp) : Optional.empty();
    }

    static Problem notAClient() {
        return Problem.of(403, "not-a-store-client", "Not a store client", "The store API answers the retailer's"
                + " systems, signed in with their client credentials; a shopper's token can't call it.");
    }
}
