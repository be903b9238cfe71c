package org.giftportal.pay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.Typed;

/**
 * "Pay in store": the shopper's phone shows a pay code for the cashier to scan (QR and Code 128) or type (12 digits),
 * with the balance it can take and, if they set one, the most this payment may take. A code is shown once, as the
 * answer to the press that made it (never on a GET, never stored in clear), and lives two minutes.
 */
@Path("/pay")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class PayResource {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SignedInShopper shopper;
    private final PayCodes codes;
    private final Regions regions;
    private final RegionFormats formats;
    private final Duration lifetime;

    PayResource(SignedInShopper shopper, PayCodes codes, Regions regions, RegionFormats formats, PortalConfig config) {
        this.shopper = shopper;
        this.codes = codes;
        this.regions = regions;
        this.formats = formats;
        this.lifetime = config.payCodes().lifetime();
    }

    /** The page's facts: what can be spent, the maximum typed, and why it was refused. */
    /** @param frozen the account can't spend while the retailer looks into it: no pay code is shown */
    public record PayView(String available, boolean hasBalance, String currency, String maximum, String problem,
            boolean frozen) {
    }

    /** A code to show: digits grouped for typing, both barcodes, until when it works, and its maximum if any. */
    public record CodeView(String grouped, RawString qr, RawString code128, String validUntil, String lifetime,
            String maximum) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pay(PayView pay, CodeView code);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return QuarkusTransaction.requiringNew().call(() -> page(view(shopper.account(), "", null), null, 200));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response show(@FormParam("maximum") String maximum) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Read again under the lock: the account may have been read before it, and a hold committed since.
            Account account = shopper.account().reloadLocked();
            Region region = regions.orDefault(account.region);
            String typed = Typed.text(maximum);
            Optional<Money> cap = typed.isEmpty() ? Optional.empty()
                    : Money.parse(typed, region.currency(), Integer.MAX_VALUE);
            if (!typed.isEmpty() && cap.isEmpty()) {
                return page(view(account, typed, "Type the most this payment may take as an amount in "
                        + account.currency + ", such as 40 or 12.50, or leave it empty to allow the whole balance."),
                        null, 422);
            }
            if (account.availableMinor() == 0 || account.isFrozen()) {
                return page(view(account, typed, null), null, 200);
            }
            PayCodes.Issued issued = codes.issue(account, cap.map(Money::minorUnits));
            ZoneId zone = region.timeZone();
            CodeView code = new CodeView(issued.grouped(), Barcodes.qr(issued.digits(), "QR code of your pay code"),
                    Barcodes.code128(issued.digits(), "Barcode of your pay code"),
                    TIME.format(issued.code().expiresAt.atZone(zone)), minutes(lifetime),
                    cap.map(money -> formats.money(money, region)).orElse(null));
            return page(view(account, typed, null), code, 200);
        });
    }

    private PayView view(Account account, String maximum, String problem) {
        Region region = regions.orDefault(account.region);
        return new PayView(formats.money(Money.of(account.availableMinor(), account.currency), region),
                account.availableMinor() > 0 && !account.isFrozen(), account.currency, maximum, problem,
                account.isFrozen());
    }

    /** Never cached or kept in history: a code on the page is as good as the balance until it is used. */
    private static Response page(PayView pay, CodeView code, int status) {
        return Response.status(status).entity(Templates.pay(pay, code)).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 1 && duration.toSecondsPart() == 0 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : duration.toSeconds() + " seconds";
    }
}
