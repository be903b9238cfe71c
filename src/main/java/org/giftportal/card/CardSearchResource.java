package org.giftportal.card;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.giftportal.site.Typed;

/**
 * Finding a card in the back office: by its number, its whole claim code (typed in a POST, never in an address, and
 * never shown back) or its code's last four characters in a region; and the blocked cards waiting for review.
 */
@Path("/backoffice/cards")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class CardSearchResource {
    private static final int MAX_MATCHES = 20;

    @Inject
    CardPages pages;

    @Inject
    SignedInShopper staff;

    @Inject
    GiftCards cards;

    @Inject
    Audit audit;

    @Inject
    Regions regions;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance find(String caption, String last4, String region, List<Region> regions,
                List<CardPages.Match> matches, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance find(@QueryParam("last4") String last4, @QueryParam("region") String region,
            @QueryParam("status") String status) {
        if ("BLOCKED".equals(status)) {
            // The lost-card reviews waiting: every blocked card, the oldest cards first.
            return findPage("Blocked cards waiting for review", "", yourRegion(), pages.blocked(MAX_MATCHES), null);
        }
        if (last4 == null || last4.isBlank()) {
            return findPage("", "", yourRegion(), null, null);
        }
        String ending = last4.strip().toUpperCase(Locale.ROOT);
        Optional<Region> inRegion = regions.find(region);
        if (!isLastFour(ending) || inRegion.isEmpty()) {
            return findPage("", ending, inRegion.map(Region::code).orElse(yourRegion()), List.of(),
                    "Give the last 4 characters of the claim code and the card's region.");
        }
        return findPage("Cards in " + inRegion.get().inSentence() + " whose code ends " + ending + ", newest first",
                ending, inRegion.get().code(), pages.endingIn(ending, inRegion.get().code(), MAX_MATCHES), null);
    }

    private TemplateInstance findPage(String caption, String last4, String region, List<CardPages.Match> matches,
            String problem) {
        return Templates.find(caption, last4, region, List.copyOf(regions.all()), matches, problem);
    }

    /** The region a staff member most likely means: their own account's. */
    private String yourRegion() {
        return regions.orDefault(staff.accountRegion()).code();
    }

    private static boolean isLastFour(String text) {
        return text.matches("[0-9A-Z]{4}");
    }

    /**
     * One box for what staff have: a card number, a whole claim code (sent in a form so that a code never sits in an
     * address or a history), or a code's last 4 characters (not a secret: listed with the region chosen beside it).
     */
    @POST
    @Path("find")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response findOne(@FormParam("query") String query, @FormParam("region") String region) {
        String typed = Typed.text(query);
        String lastFour = typed.strip().toUpperCase(Locale.ROOT);
        if (isLastFour(lastFour)) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cards").queryParam("last4", lastFour)
                    .queryParam("region", regions.find(region).map(Region::code).orElse(yourRegion())).build())
                    .build();
        }
        Optional<CardNumber> number = CardNumber.parse(typed);
        Optional<GiftCard> found;
        if (number.isPresent()) {
            found = GiftCard.find("cardNumber", number.get().digits()).singleResultOptional();
        } else {
            ClaimCode.Parsed code = ClaimCode.parse(typed);
            if (!code.isValid()) {
                return Response.status(422).entity(findPage("", "", yourRegion(), null, "That isn't a card number"
                        + " (16 digits), a claim code (15 characters) or the last 4 characters of a code: check what"
                        + " you typed.")).build();
            }
            found = cards.find(code.code());
            // Looking a card up by its secret is worth a line in the audit log, found or not.
            audit.noted(staff.actor(), "card.find-by-code", found.map(card -> Audit.Target.card(card.id,
                    card.cardNumber)).orElse(new Audit.Target(AuditEntry.TargetType.CARD, null, "not found")));
        }
        if (found.isEmpty()) {
            return Response.status(404).entity(findPage("", "", yourRegion(), List.of(),
                    "No card has that number or code.")).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").build(found.get().cardNumber))
                .build();
    }
}
