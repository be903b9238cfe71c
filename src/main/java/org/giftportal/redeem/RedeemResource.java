package org.giftportal.redeem;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.card.ClaimCode;
import org.giftportal.ledger.EntryType;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.Pages;
import org.giftportal.web.RateLimited;
import org.giftportal.web.RequestIds;

/**
 * The redeem flow: a form with one field, then a confirmation. Gift emails link here with the code in the query
 * string, so these pages send no referrer, and the code never appears again once redeemed.
 */
@Path("/redeem")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class RedeemResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    RedemptionService redemptions;

    @Inject
    ProblemExplanations explanations;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    /** What the confirmation page shows: never the code, only its last four characters. */
    public record Confirmation(String amount, String maskedCode, String balanceAfter, String redeemedAt,
            String storeUrl) {
    }

    /** What the shopper reads about a redemption held for review: the card's value and when to expect an answer. */
    public record Checking(String amount, String maskedCode, String heldAt, int usualHours) {
    }

    @Inject
    RiskRules risks;

    @Inject
    ScamWarnings warnings;

    @Inject
    java.time.Clock clock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String claimCode, String requestId, ProblemExplanation problem);

        static native TemplateInstance confirmation(Confirmation confirmation);

        static native TemplateInstance checking(Checking checking);

        static native TemplateInstance warning(String claimCode, String requestId, String rule);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("claimCode") String claimCode) {
        return Pages.withoutReferrer(Templates.form(ClaimCode.forField(claimCode), RequestIds.fresh(), null), 200);
    }

    @POST
    @RateLimited(RateLimited.CODES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response redeem(@FormParam("claimCode") String claimCode, @FormParam("requestId") String requestId,
            @FormParam("continued") String continued, @HeaderParam("User-Agent") String userAgent) {
        String submission = RequestIds.orNew(requestId);
        String session = shopper.sessionKey();
        if (continued != null) {
            warnings.continued(session, continued, clock.instant());
        }
        RedemptionOutcome outcome = redemptions.redeem(shopper.accountId(), claimCode,
                new RedemptionService.Visit(shopper.clientAddress(), DeviceFamily.of(userAgent), session), submission);
        if (outcome instanceof RedemptionOutcome.WarnFirst warn) {
            // Before anything moved: the code goes back in the form the shopper presses to continue, as on an error.
            return Pages.withoutReferrer(Templates.warning(ClaimCode.forField(claimCode), submission,
                    warn.rule().key()), 200);
        }
        if (outcome instanceof RedemptionOutcome.Redeemed redeemed) {
            return Response.seeOther(URI.create("/redeem/confirmation/" + redeemed.entry().id)).build();
        }
        if (outcome instanceof RedemptionOutcome.HeldForReview held) {
            return Response.seeOther(URI.create("/redeem/checking/" + held.review().id)).build();
        }
        ProblemExplanation problem = explanations.explain(((RedemptionOutcome.Refused) outcome).problem(),
                shopper.account());
        return Pages.withoutReferrer(Templates.form(ClaimCode.forField(claimCode), submission, problem), problem.status(),
                problem.retryAfter());
    }

    @GET
    @Path("confirmation/{entryId}")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmation(@PathParam("entryId") long entryId) {
        Account account = shopper.account();
        LedgerEntry entry = LedgerEntry.findOwned(account.id, entryId)
                .filter(found -> found.type == EntryType.REDEMPTION)
                .orElseThrow(NotFoundException::new);
        Region region = regions.orDefault(account.region);
        Confirmation confirmation = new Confirmation(formats.money(entry.amount(), region),
                entry.maskedCode().orElse(""), formats.money(entry.balanceAfter(), region),
                formats.dateTime(entry.createdAt, region), region.storeUrl());
        return Pages.withoutReferrer(Templates.confirmation(confirmation), 200);
    }

    /** A redemption held for review, as its shopper sees it: being checked, and how long that usually takes. */
    @GET
    @Path("checking/{reviewId}")
    @Produces(MediaType.TEXT_HTML)
    public Response checking(@PathParam("reviewId") long reviewId) {
        Account account = shopper.account();
        RedemptionReview review = RedemptionReview.<RedemptionReview>findByIdOptional(reviewId)
                .filter(found -> found.accountId == account.id).orElseThrow(NotFoundException::new);
        Region region = regions.orDefault(account.region);
        String maskedCode = org.giftportal.card.GiftCard.<org.giftportal.card.GiftCard>findByIdOptional(
                review.giftCardId).map(org.giftportal.card.GiftCard::maskedCode).orElse("");
        return Pages.withoutReferrer(Templates.checking(new Checking(formats.money(review.amount(), region),
                maskedCode, formats.dateTime(review.heldAt, region), risks.usualHours(review.region))), 200);
    }

}
