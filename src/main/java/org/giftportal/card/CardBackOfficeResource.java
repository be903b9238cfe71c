package org.giftportal.card;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;
import org.giftportal.site.Typed;

/**
 * The back office's card pages: find a card by its number, its claim code or its last four characters and region;
 * see its facts, its timeline and its cases; block, unblock or cancel it, each with a reason, cancelling after a
 * confirmation. A claim code is typed in a POST (never in an address) and is never shown back.
 */
@Path("/backoffice/cards")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class CardBackOfficeResource {
    private static final int MAX_MATCHES = 20;

    @Inject
    CardPages pages;

    @Inject
    SignedInShopper staff;

    @Inject
    CardDesk desk;

    @Inject
    GiftCards cards;

    @Inject
    Audit audit;

    @Inject
    Approvals approvals;

    @Inject
    MailOutbox mails;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance find(String caption, String last4, String region, List<Region> regions,
                List<CardPages.Match> matches, String problem);

        static native TemplateInstance card(CardPages.CardView card, List<CardPages.Event> timeline,
                List<CardPages.CaseLink> cases,
                boolean mayReview, boolean mayManage, String requestKey, String notice, String problem);

        static native TemplateInstance cancel(CardPages.CardView card, String reason, String problem);

    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance find(@QueryParam("last4") String last4, @QueryParam("region") String region,
            @QueryParam("status") String status) {
        if ("BLOCKED".equals(status)) {
            // The lost-card reviews waiting: every blocked card, the oldest cards first.
            List<CardPages.Match> blocked = GiftCard.<GiftCard>find("status = ?1 order by id", CardStatus.BLOCKED)
                    .page(0, MAX_MATCHES).list().stream().map(pages::match).toList();
            return Templates.find("Blocked cards waiting for review", "", yourRegion(), List.copyOf(regions.all()),
                    blocked, null);
        }
        if (last4 == null || last4.isBlank()) {
            return Templates.find("", "", yourRegion(), List.copyOf(regions.all()), null, null);
        }
        String ending = last4.strip().toUpperCase(Locale.ROOT);
        Optional<Region> inRegion = regions.find(region);
        if (!isLastFour(ending) || inRegion.isEmpty()) {
            return Templates.find("", ending, inRegion.map(Region::code).orElse(yourRegion()),
                    List.copyOf(regions.all()), List.of(), "Give the last 4 characters of the claim code and the"
                            + " card's region.");
        }
        List<CardPages.Match> matches = GiftCard.<GiftCard>find("codeLast4 = ?1 and region = ?2 order by issuedAt desc",
                ending, inRegion.get().code()).page(0, MAX_MATCHES).list().stream().map(pages::match).toList();
        return Templates.find("Cards in " + inRegion.get().inSentence() + " whose code ends " + ending + ", newest first",
                ending, inRegion.get().code(), List.copyOf(regions.all()), matches, null);
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
                return Response.status(422).entity(Templates.find("", "", yourRegion(), List.copyOf(regions.all()),
                        null, "That isn't a card number (16 digits), a claim code (15 characters) or the last 4"
                                + " characters of a code: check what you typed.")).build();
            }
            found = cards.find(code.code());
            // Looking a card up by its secret is worth a line in the audit log, found or not.
            audit.noted(staff.actor(), "card.find-by-code", found.map(card -> Audit.Target.card(card.id,
                    card.cardNumber)).orElse(new Audit.Target(AuditEntry.TargetType.CARD, null, "not found")));
        }
        if (found.isEmpty()) {
            return Response.status(404).entity(Templates.find("", "", yourRegion(), List.copyOf(regions.all()),
                    List.of(), "No card has that number or code.")).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").build(found.get().cardNumber))
                .build();
    }

    @GET
    @Path("{number}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance card(@PathParam("number") String number, @QueryParam("done") String done) {
        GiftCard card = byNumber(number);
        return cardPage(card, done == null ? null : "Done: the card is now " + card.status.label() + ".", null);
    }

    @POST
    @Path("{number}/block")
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response block(@PathParam("number") String number, @FormParam("reason") String reason,
            @FormParam("version") long version) {
        return act(number, CardDesk.Action.BLOCK, reason, version);
    }

    @POST
    @Path("{number}/unblock")
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response unblock(@PathParam("number") String number, @FormParam("reason") String reason,
            @FormParam("version") long version) {
        return act(number, CardDesk.Action.UNBLOCK, reason, version);
    }

    /** Cancelling can't be undone: a page that says so comes first. */
    @GET
    @Path("{number}/cancel")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance confirmCancel(@PathParam("number") String number) {
        return Templates.cancel(pages.view(byNumber(number)), "", null);
    }

    @POST
    @Path("{number}/cancel")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@PathParam("number") String number, @FormParam("reason") String reason,
            @FormParam("version") long version, @FormParam("confirmed") String confirmed) {
        if (!"yes".equals(confirmed)) {
            return Response.status(422).entity(Templates.cancel(pages.view(byNumber(number)), reason == null ? "" : reason,
                    "Tick the box to confirm: a cancelled card can never be used again.")).build();
        }
        return act(number, CardDesk.Action.CANCEL, reason, version);
    }

    /** Activating a card (a sale) makes its value spendable: within the admin's limits, or by a second admin. */
    @POST
    @Path("{number}/activate")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response activate(@PathParam("number") String number, @FormParam("reason") String reason,
            @FormParam("requestKey") String requestKey) {
        GiftCard card = byNumber(number);
        Optional<String> problem = CardDesk.reasonProblem(reason).or(() -> card.status == CardStatus.ISSUED
                ? Optional.empty() : Optional.of("Only an unsold card (issued, not activated) can be activated."));
        if (problem.isPresent()) {
            return Response.status(422).entity(cardPage(card, null, problem.get())).build();
        }
        ValueRequest request = CardDesk.valueRequest(ValueRequest.Kind.ACTIVATE, card, reason, requestKey);
        request.summary = "Activate card " + card.formattedCardNumber() + ", worth " + pages.view(card).value();
        return requested(card, approvals.request(staff.actor(), request));
    }

    /** Where a value request on a card goes on: the card done, the request waiting, or the problem. */
    private Response requested(GiftCard card, Approvals.Result result) {
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").queryParam("done", 1)
                    .build(card.cardNumber)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            GiftCard now = byNumber(card.cardNumber);
            return Response.status(422).entity(cardPage(now, null, refused.why())).build();
        }
        return ApprovalsResource.seeRequest(result);
    }

    /** Sends a code email that failed again: the code is still kept, encrypted, for exactly this. */
    @POST
    @Path("{number}/send-code-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    public Response sendCodeAgain(@PathParam("number") String number) {
        GiftCard card = QuarkusTransaction.requiringNew().call(() -> byNumber(number));
        Optional<Long> failed = QuarkusTransaction.requiringNew().call(() -> MailOutbox.latestCodeMailFor(card.id)
                .filter(mail -> mail.status == OutboxMail.Status.FAILED).map(mail -> mail.id));
        if (failed.isEmpty() || !mails.sendAgain(failed.get())) {
            return Response.status(409).entity(QuarkusTransaction.requiringNew().call(() -> cardPage(
                    GiftCard.findById(card.id), null, "There is no failed email for this card to send again."))).build();
        }
        QuarkusTransaction.requiringNew().run(() -> audit.done(staff.actor(), "card.send-code-again",
                Audit.Target.card(card.id, card.cardNumber), null, "FAILED",
                MailOutbox.latestCodeMailFor(card.id).map(mail -> mail.status.name()).orElse("")));
        return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").build(card.cardNumber)).build();
    }

    private Response act(String number, CardDesk.Action action, String reason, long version) {
        GiftCard card = byNumber(number);
        Optional<String> badReason = CardDesk.reasonProblem(reason);
        if (badReason.isPresent()) {
            return Response.status(422).entity(cardPage(card, null, badReason.get())).build();
        }
        CardDesk.Result result = desk.act(staff.actor(), action, card.id, version, reason);
        if (result instanceof CardDesk.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").queryParam("done", 1)
                    .build(card.cardNumber)).build();
        }
        GiftCard now = byNumber(card.cardNumber);
        if (result instanceof CardDesk.Result.ChangedMeanwhile) {
            return Response.status(409).entity(cardPage(now, null, "Someone changed this card while you were"
                    + " looking at it. Here it is as it is now: check it, then act again if you still need to."))
                    .build();
        }
        if (result instanceof CardDesk.Result.Refused refused) {
            return Response.status(422).entity(cardPage(now, null, refused.why())).build();
        }
        throw new NotFoundException();
    }

    private TemplateInstance cardPage(GiftCard card, String notice, String problem) {
        return Templates.card(pages.view(card), pages.timeline(card), pages.cases(card), staff.hasPermission(
                StaffPermissions.REVIEW_HOLDS), staff.hasPermission(StaffPermissions.MANAGE_VALUE),
                RequestIds.fresh(), notice, problem);
    }

    static GiftCard byNumber(String number) {
        return GiftCard.<GiftCard>find("cardNumber", checked(number)).firstResultOptional()
                .orElseThrow(NotFoundException::new);
    }

    /** A card number as it appears in our links, or not found: nothing else is looked up. */
    private static String checked(String number) {
        return CardNumber.parse(number).map(CardNumber::digits).orElseThrow(NotFoundException::new);
    }


}
