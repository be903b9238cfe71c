package org.giftportal.gift;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.card.CardStatus;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Money;
import org.giftportal.redeem.CodeProblem;
import org.giftportal.redeem.ProblemExplanation;
import org.giftportal.redeem.ProblemExplanations;
import org.giftportal.redeem.RedemptionOutcome;
import org.giftportal.redeem.RedemptionService;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.Pages;
import org.giftportal.web.RateLimited;
import org.giftportal.web.RequestIds;

/**
 * The page a gift email's button opens: the gift as its sender made it, and "Apply to your balance". Anyone with the
 * link sees the gift; applying it needs sign-in, and after sign-in the shopper is back here, one press from done.
 * Only a POST redeems (mail scanners open links). The link names the gift by its token, never by its code, and stops
 * working once the card is redeemed or cancelled, without saying to whom.
 */
@Path("/gift/{token}")
public class GiftResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    SecurityIdentity identity;

    @Inject
    RedemptionService redemptions;

    @Inject
    ProblemExplanations explanations;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    java.time.Clock clock;

    /** The gift as its page shows it: never its code. */
    public record GiftView(String token, String theme, String greeting, String recipientName, String senderName,
            String message, String amount, String regionName, String storeUrl, String expires) {
    }

    /** What became of a gift that can't be applied any more, in words that don't say who redeemed it. */
    public record Closed(String title, String detail, boolean yours) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance gift(GiftView gift, boolean signedIn, String requestId,
                ProblemExplanation problem);

        static native TemplateInstance closed(Closed closed);

        static native TemplateInstance unknown();
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response show(@PathParam("token") String token) {
        Optional<Gift> gift = find(token);
        if (gift.isEmpty()) {
            return Pages.withoutReferrer(Templates.unknown(), 404);
        }
        GiftCard card = GiftCard.findById(gift.get().giftCardId);
        Optional<Closed> closed = closed(card);
        if (closed.isPresent()) {
            return Pages.withoutReferrer(Templates.closed(closed.get()), 410);
        }
        boolean customer = shopper.isSignedIn() && identity.hasRole(SignedInShopper.CUSTOMER);
        ProblemExplanation problem = customer ? problemFor(card).orElse(null) : null;
        return Pages.withoutReferrer(Templates.gift(view(token, gift.get(), card), customer, RequestIds.fresh(),
                problem), 200);
    }

    /** The "sign in and apply" link: sign-in happens on the way here, then the gift's page has the button. */
    @GET
    @Path("apply")
    @RolesAllowed(SignedInShopper.CUSTOMER)
    public Response signedIn(@PathParam("token") String token) {
        return Response.seeOther(UriBuilder.fromPath("/gift/{token}").build(token)).build();
    }

    @POST
    @Path("apply")
    @RolesAllowed(SignedInShopper.CUSTOMER)
    @RateLimited(RateLimited.CODES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response apply(@PathParam("token") String token, @FormParam("requestId") String requestId) {
        Optional<Long> cardId = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> find(token)
                .map(gift -> gift.giftCardId));
        if (cardId.isEmpty()) {
            return Pages.withoutReferrer(Templates.unknown(), 404);
        }
        Account account = shopper.account();
        RedemptionOutcome outcome = redemptions.redeemGift(account, cardId.get(), RequestIds.orNew(requestId));
        if (outcome instanceof RedemptionOutcome.Redeemed redeemed) {
            return Response.seeOther(URI.create("/redeem/confirmation/" + redeemed.entry().id)).build();
        }
        ProblemExplanation problem = explanations.explain(((RedemptionOutcome.Refused) outcome).problem(), account);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            Gift gift = find(token).orElseThrow();
            GiftCard card = GiftCard.findById(gift.giftCardId);
            return Pages.withoutReferrer(Templates.gift(view(token, gift, card), true, RequestIds.fresh(), problem),
                    problem.status(), problem.retryAfter());
        });
    }

    private static Optional<Gift> find(String token) {
        return GiftToken.hash(token).flatMap(Gift::byTokenHash).filter(gift -> gift.giftCardId != null);
    }

    /** Why this signed-in shopper can't apply the card (another region, expired, blocked), before they press. */
    private Optional<ProblemExplanation> problemFor(GiftCard card) {
        Account account = shopper.account();
        CardVerdict verdict = card.verdictFor(account, clock.instant());
        return verdict instanceof CardVerdict.Redeemable ? Optional.empty()
                : Optional.of(explanations.explain(new CodeProblem.CardRefused(verdict), account));
    }

    private Optional<Closed> closed(GiftCard card) {
        if (card.status == CardStatus.REDEEMED) {
            boolean yours = shopper.isSignedIn() && identity.hasRole(SignedInShopper.CUSTOMER)
                    && shopper.account().id.equals(card.redeemedByAccountId);
            return Optional.of(new Closed("This gift card has been redeemed", yours
                    ? "You added it to your balance on " + formats.date(card.redeemedAt, regions.orDefault(card.region))
                            + "."
                    : "It was added to a gift card balance already, so this link doesn't work any more. If you didn't"
                            + " redeem it yourself and think someone else did, contact support.", yours));
        }
        if (card.status == CardStatus.CANCELLED) {
            return Optional.of(new Closed("This gift card was cancelled", "It can't be redeemed. If you think that's"
                    + " a mistake, contact support: they can tell the sender.", false));
        }
        return Optional.empty();
    }

    private GiftView view(String token, Gift gift, GiftCard card) {
        Region region = regions.orDefault(card.region);
        return new GiftView(token, gift.theme.key(), gift.theme.greeting(), gift.recipientName, gift.senderName,
                gift.message, formats.money(Money.of(card.amountMinor, card.currency), region), region.inSentence(),
                region.storeUrl(), card.expiresAt == null ? null : formats.date(card.expiresAt, region));
    }
}
