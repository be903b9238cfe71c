package org.giftportal.account;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.giftportal.site.Languages;

/**
 * The footer's language switcher (a form: it works without JavaScript). The choice is kept in a cookie, and on the
 * account of a signed-in shopper whose region speaks it, so their other devices and their mails follow; then the
 * shopper is back on the page they were reading.
 */
@Path("/language")
@PermitAll
public class LanguageResource {
    private static final int A_YEAR = 365 * 24 * 3600;

    @Inject
    Languages languages;

    @Inject
    SignedInShopper shopper;

    @Inject
    org.giftportal.site.Regions regions;

    @Inject
    java.time.Clock clock;

    @ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure", defaultValue = "false")
    boolean secure;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@FormParam("language") String tag,
            @jakarta.ws.rs.HeaderParam("Referer") String referer) {
        URI page = pageSwitchedOn(referer);
        Optional<Locale> language = languages.byTag(tag);
        if (language.isEmpty()) {
            return Response.seeOther(page).build(); // not a language the portal speaks: nothing changes
        }
        if (shopper.isSignedIn() && !shopper.isMachineClient() && regions.find(shopper.accountRegion())
                .filter(region -> region.speaks(language.get())).isPresent()) {
            Account.chooseLanguage(shopper.accountId(), language.get().toLanguageTag(), clock.instant());
        }
        return Response.seeOther(page).cookie(cookie(language.get().toLanguageTag(), secure)).build();
    }

    /**
     * The page the form was on, from the Referer (same-site requests carry the full address): the form itself names no
     * page, so a page whose address holds a secret (a gift's link) never writes it into its HTML. This site's paths
     * only; without one, the home page.
     */
    static URI pageSwitchedOn(String referer) {
        if (referer == null || referer.isBlank()) {
            return URI.create("/");
        }
        try {
            URI from = URI.create(referer.strip());
            String local = (from.getRawPath() == null || from.getRawPath().isEmpty() ? "/" : from.getRawPath())
                    + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
            return ReturnAddresses.isLocal(local) ? URI.create(local) : URI.create("/");
        } catch (IllegalArgumentException unreadable) {
            return URI.create("/");
        }
    }

    /** The cookie that keeps a choice on this browser (read by {@link ShopperLanguage}). */
    static NewCookie cookie(String tag, boolean secure) {
        return new NewCookie.Builder(ShopperLanguage.COOKIE).value(tag).path("/").maxAge(A_YEAR).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }
}
