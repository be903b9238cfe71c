package org.giftportal.account;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.site.Languages;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/**
 * The language of this request's pages. A signed-in shopper reads their choice (this browser's cookie, else the one
 * kept on their account) if their region speaks it, else their region's first language. A visitor, who has no region
 * yet, reads their cookie's choice, else the best match for their browser's languages among all the portal speaks.
 * Templates read it through {@link PageLanguage} ({@code inject:language}).
 */
@RequestScoped
public class ShopperLanguage implements org.giftportal.site.ReadersLanguage {
    /** The visitor's choice, kept for a year: before sign-in it is the only place a choice lives. */
    public static final String COOKIE = "portal-language";

    @Inject
    SignedInShopper shopper;

    @Inject
    Languages languages;

    @Inject
    Regions regions;

    @Inject
    CurrentVertxRequest request;

    private Locale language;
    private Optional<Region> region;
    private boolean fromAccount;
    private List<Choice> choices;

    /** A language a shopper may pick here, by its own name. */
    public record Choice(String tag, String name, boolean current) {
    }

    @Override
    public Optional<Locale> readerLanguage() {
        return Optional.of(language());
    }

    /** The language of the page, as {@code lang} writes it ("en", "hi", "es"). */
    public String tag() {
        return language().toLanguageTag();
    }

    /** "ltr" or "rtl", as {@code dir} writes it. */
    public String dir() {
        return Languages.direction(language());
    }

    /** The locale templates render messages in and format numbers, money and dates with. */
    public Locale locale() {
        return languages.formats(language(), region());
    }

    public Locale language() {
        if (language == null) {
            language = resolve();
        }
        return language;
    }

    /** Whether this request asked for its language (a page did; a JSON answer or a redirect needn't). */
    boolean resolved() {
        return language != null;
    }

    /** Whether the language was read from the account, not this browser: the answer then keeps it in a cookie. */
    boolean cameFromAccount() {
        language();
        return fromAccount;
    }

    /**
     * The languages offered here: the shopper's region's, or, before sign-in, every language the portal speaks. Worked
     * out once a request: the footer asks whether there is a choice, then lists it.
     */
    public List<Choice> choices() {
        if (choices == null) {
            Locale current = language();
            List<Locale> offered = region().map(Region::languages).orElse(languages.offered());
            choices = offered.stream().map(each -> new Choice(each.toLanguageTag(), Languages.autonym(each),
                    each.equals(current))).toList();
        }
        return choices;
    }

    private Optional<Region> region() {
        if (region == null) {
            region = shopperRegion();
        }
        return region;
    }

    private Optional<Region> shopperRegion() {
        if (!shopper.isSignedIn() || shopper.isMachineClient()
                || !io.quarkus.runtime.BlockingOperationControl.isBlockingAllowed()) {
            return Optional.empty(); // an error page on the event loop may not read the account: as for a visitor
        }
        return regions.find(shopper.accountRegion());
    }

    private Locale resolve() {
        Optional<Locale> chosen = cookie().flatMap(languages::byTag);
        Optional<Region> where = region();
        if (where.isPresent()) {
            Region home = where.get();
            if (chosen.isPresent() && (home.speaks(chosen.get()) || Languages.isPseudo(chosen.get()))) {
                return chosen.get();
            }
            Optional<Locale> kept = Account.languageOf(shopper.accountId()).flatMap(languages::byTag)
                    .filter(home::speaks);
            fromAccount = true; // read once on this browser: its cookie keeps the answer from now on
            return kept.orElse(home.defaultLanguage());
        }
        RoutingContext context = request.getCurrent();
        return context == null ? languages.defaultLanguage() : visitorsLanguage(languages, context.request());
    }

    /**
     * A visitor's language (no region yet): this browser's choice, else the best match for its languages, else the
     * default. The sign-in screens ask for the same.
     */
    static Locale visitorsLanguage(Languages languages, io.vertx.core.http.HttpServerRequest request) {
        return Optional.ofNullable(request.getCookie(COOKIE)).map(Cookie::getValue).flatMap(languages::byTag)
                .or(() -> Languages.fromAcceptLanguage(request.getHeader("Accept-Language"), languages.offered()))
                .orElse(languages.defaultLanguage());
    }

    private Optional<String> cookie() {
        RoutingContext context = request.getCurrent();
        Cookie cookie = context == null ? null : context.request().getCookie(COOKIE);
        return cookie == null ? Optional.empty() : Optional.ofNullable(cookie.getValue());
    }
}
