package org.giftportal.home;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.giftportal.account.Account;
import org.giftportal.account.ReturnAddresses;
import org.giftportal.account.SignedInShopper;

/** The home page: what the portal is for a visitor, the main actions for a signed-in shopper. */
@PermitAll
@Path("/")
public class HomeResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    ReturnAddresses returnAddresses;

    @Inject
    org.giftportal.site.Regions regions;

    @Inject
    org.giftportal.site.RegionFormats formats;

    /**
     * The signed-in home's facts: the balance, the last change to it (what, how much, when), and the account's region
     * and currency by name.
     */
    public record ShopperHome(String displayName, String balance, String lastChange, String lastAmount,
            String lastWhen, String region, String currency) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visitor(boolean signedOut);

        static native TemplateInstance shopper(ShopperHome home);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return shopper.isSignedIn() ? Templates.shopper(shopperHome()) : Templates.visitor(false);
    }

    private ShopperHome shopperHome() {
        Account account = shopper.account();
        org.giftportal.site.Region region = regions.orDefault(account.region);
        java.util.Optional<org.giftportal.ledger.LedgerEntry> last = org.giftportal.ledger.LedgerEntry
                .<org.giftportal.ledger.LedgerEntry>find("accountId = ?1 order by createdAt desc, id desc", account.id)
                .firstResultOptional();
        return new ShopperHome(account.displayName, formats.money(org.giftportal.site.Money.of(
                account.balanceMinor, account.currency), region), last.map(entry -> entry.description).orElse(null),
                last.map(entry -> formats.signedMoney(entry.amount(), region)).orElse(null),
                last.map(entry -> formats.date(entry.createdAt, region)).orElse(null), region.inSentence(),
                region.currency().getDisplayName(region.locale()));
    }

    /** The sign-in button: requiring authentication here sends the visitor to the identity provider first. */
    @GET
    @Path("signin")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    /**
     * Where the identity provider sends the browser back after sign-out: the one address registered with it. A
     * session ended elsewhere goes on to where the shopper was going, if the portal kept it.
     */
    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public Response signedOut(@CookieParam(ReturnAddresses.SIGN_OUT_COOKIE) Cookie kept) {
        java.util.Optional<URI> onwards = returnAddresses.kept(kept);
        if (onwards.isPresent()) {
            return Response.seeOther(onwards.get()).cookie(returnAddresses.forget(ReturnAddresses.Trip.SIGN_OUT)).build();
        }
        return Response.ok(shopper.isSignedIn() ? Templates.shopper(shopperHome()) : Templates.visitor(true)).build();
    }
}
