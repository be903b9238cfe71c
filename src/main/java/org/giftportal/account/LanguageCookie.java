package org.giftportal.account;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A language found on the shopper's account (a new device, no cookie yet) is kept in this browser's cookie too, so
 * the next page needn't read the account for it.
 */
class LanguageCookie {
    @Inject
    ShopperLanguage language;

    @ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure", defaultValue = "false")
    boolean secure;

    @ServerResponseFilter
    void keepTheAccountsChoice(ContainerResponseContext response) {
        if (language.resolved() && language.cameFromAccount()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, LanguageResource.cookie(language.tag(), secure));
        }
    }
}
