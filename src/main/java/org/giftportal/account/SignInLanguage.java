package org.giftportal.account;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.giftportal.site.Languages;

/**
 * The identity provider's sign-in, sign-up and reset screens speak the language the portal's pages do: the visitor's
 * choice, else their browser's best match, passed as {@code ui_locales} (and as {@code kc_locale}, which Keycloak
 * keeps on the user, so its mails follow too).
 */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
class SignInLanguage implements OidcRedirectFilter {
    private final Languages languages;

    SignInLanguage(Languages languages) {
        this.languages = languages;
    }

    @Override
    public void filter(OidcRedirectContext redirect) {
        Locale language = ShopperLanguage.visitorsLanguage(languages, redirect.routingContext().request());
        redirect.additionalQueryParams().add("ui_locales", language.toLanguageTag());
        redirect.additionalQueryParams().add("kc_locale", language.toLanguageTag());
    }
}
