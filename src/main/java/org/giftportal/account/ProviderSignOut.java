package org.giftportal.account;

import io.quarkus.oidc.OidcConfigurationMetadata;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends the session at the identity provider too (OpenID Connect RP-initiated logout): the browser goes to the
 * provider's end-session endpoint with the ID token as hint, and comes back to {@code then}. Without it the provider's
 * own session would sign the shopper straight back in, into the very session the portal refuses.
 */
@RequestScoped
class ProviderSignOut {
    private final OidcConfigurationMetadata provider;
    private final String clientId;

    ProviderSignOut(OidcConfigurationMetadata provider, @ConfigProperty(name = "quarkus.oidc.client-id") String clientId) {
        this.provider = provider;
        this.clientId = clientId;
    }

    /** Where to send the browser: the provider's end-session endpoint, or {@code then} if it has none. */
    URI via(String idTokenHint, URI then) {
        if (provider.getEndSessionUri() == null || idTokenHint == null) {
            return then;
        }
        return UriBuilder.fromUri(provider.getEndSessionUri())
                .queryParam("id_token_hint", idTokenHint)
                .queryParam("client_id", clientId)
                .queryParam("post_logout_redirect_uri", then)
                .build();
    }
}
