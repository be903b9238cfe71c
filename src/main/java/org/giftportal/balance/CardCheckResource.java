package org.giftportal.balance;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.redeem.CodeCheck;
import org.giftportal.redeem.ProblemExplanation;
import org.giftportal.redeem.ProblemExplanations;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.Pages;
import org.giftportal.web.RateLimited;
import org.giftportal.web.RequestIds;

/** Check a gift card without redeeming it: is it good, what is it worth, where can it be used. */
@Path("/cards/check")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class CardCheckResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    CodeCheck codeCheck;

    @Inject
    ProblemExplanations explanations;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Rights rights;

    /**
     * What the check found. {@code code} is only set when the card can be redeemed now, for the button that
     * redeems it; it is never shown as text.
     */
    public record Finding(String status, String value, String regionName, String expiry, String maskedCode,
            String code, String requestId) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance check(String claimCode, Finding finding, ProblemExplanation problem,
                Rights.View rights);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return Pages.withoutReferrer(Templates.check("", null, null,
                rights.ofCards(regions.orDefault(shopper.account().region))), 200);
    }

    @POST
    @RateLimited(RateLimited.CODES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response check(@FormParam("claimCode") String claimCode) {
        Account account = shopper.account();
        Region yours = regions.orDefault(account.region);
        CodeCheck.Result result = codeCheck.check(account, claimCode, shopper.clientAddress());
        // A card found means the code was read: this is it, tidied up.
        String tidied = ClaimCode.forField(claimCode);
        Finding finding = result.card().map(card -> {
            Region cardRegion = regions.orDefault(card.region());
            return new Finding(statusOf(card.verdict()),
                    formats.money(card.value(), cardRegion), cardRegion.name(),
                    card.expiresAt() == null ? "Never" : formats.date(card.expiresAt(), yours),
                    card.maskedCode(),
                    card.redeemable() ? tidied : null,
                    RequestIds.fresh());
        }).orElse(null);
        ProblemExplanation problem = result.problem().map(found -> explanations.explain(found, account)).orElse(null);
        int status = problem == null || finding != null ? 200 : problem.status();
        Region rightsOf = result.card().map(card -> regions.orDefault(card.region())).orElse(yours);
        return Pages.withoutReferrer(Templates.check(finding == null ? tidied : "", finding, problem,
                rights.ofCards(rightsOf)), status,
                problem == null || finding != null ? null : problem.retryAfter());
    }

    /** The card's state in a few words, as the shopper who checked it would put it. */
    private static String statusOf(CardVerdict verdict) {
        if (verdict instanceof CardVerdict.Redeemable) {
            return "Active: ready to redeem";
        } else if (verdict instanceof CardVerdict.AlreadyRedeemedByYou) {
            return "Already in your balance";
        } else if (verdict instanceof CardVerdict.InReviewForYou) {
            return "Being checked before it's added to your balance";
        } else if (verdict instanceof CardVerdict.AlreadyRedeemedBySomeoneElse) {
            return "Already redeemed";
        } else if (verdict instanceof CardVerdict.NotActivated) {
            return "Not activated yet";
        } else if (verdict instanceof CardVerdict.ReportedLostOrStolen) {
            return "Blocked: reported lost or stolen";
        } else if (verdict instanceof CardVerdict.Cancelled) {
            return "Cancelled";
        } else if (verdict instanceof CardVerdict.Expired) {
            return "Expired";
        }
        return "For another region";
    }
}
