package org.giftportal.redeem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.card.CardDesk;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * The review queue: redemptions held because they matched a scam rule, oldest first, each with why and whose; staff
 * release one (it is credited then) or refuse it (the card is blocked for an investigation, or cancelled).
 */
@Path("/backoffice/reviews")
@PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
public class ReviewQueueResource {
    private static final int PAGE = 50;

    @Inject
    SignedInShopper staff;

    @Inject
    ReviewDesk desk;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Clock clock;

    public record Row(long id, long version, String card, String cardDigits, String value, String shopper,
            long accountId, String accountAge, String heldAt, String waited, String rules) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reviews(List<Row> rows, String notice, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance reviews(@QueryParam("done") String done) {
        return Templates.reviews(rows(), "released".equals(done) ? "Released: the card's value is in the shopper's"
                + " balance now." : "refused".equals(done) ? "Refused: nothing was credited." : null, null);
    }

    @POST
    @Path("{id}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(@PathParam("id") long id, @PathParam("decision") String decision,
            @FormParam("version") long version, @FormParam("note") String note,
            @FormParam("cardTo") String cardTo) {
        Optional<String> problem = CardDesk.reasonProblem(note);
        if (problem.isEmpty() && "refuse".equals(decision) && !"BLOCKED".equals(cardTo)
                && !"CANCELLED".equals(cardTo)) {
            problem = Optional.of("Choose what becomes of the card: blocked for an investigation, or cancelled.");
        }
        if (problem.isPresent()) {
            return Response.status(422).entity(Templates.reviews(rows(), null, problem.get())).build();
        }
        ReviewDesk.Result result = switch (decision) {
            case "release" -> desk.release(staff.actor(), id, version, note.strip());
            case "refuse" -> desk.refuse(staff.actor(), id, version, CardStatus.valueOf(cardTo), note.strip());
            default -> throw new jakarta.ws.rs.NotFoundException();
        };
        if (result instanceof ReviewDesk.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/reviews")
                    .queryParam("done", "release".equals(decision) ? "released" : "refused").build()).build();
        }
        String why = result instanceof ReviewDesk.Result.Refused refused ? refused.why()
                : "A colleague decided this review meanwhile: here is the queue as it is now.";
        return Response.status(409).entity(Templates.reviews(rows(), null, why)).build();
    }

    private List<Row> rows() {
        return QuarkusTransaction.requiringNew().call(() -> RedemptionReview.waiting(PAGE).stream().map(this::row)
                .toList());
    }

    private Row row(RedemptionReview review) {
        Region region = regions.orDefault(review.region);
        GiftCard card = GiftCard.findById(review.giftCardId);
        Account account = Account.findById(review.accountId);
        return new Row(review.id, review.version(), card.formattedCardNumber(), card.cardNumber,
                formats.money(review.amount(), region), account.displayName + (account.email == null ? ""
                        : " (" + account.email + ")"), account.id,
                formats.howLong(Duration.between(account.createdAt, review.heldAt)),
                formats.dateTime(review.heldAt, region), formats.howLong(Duration.between(review.heldAt,
                        clock.instant())), review.rules);
    }
}
