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
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.audit.Audit;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.RegionFormats;
import org.giftportal.web.RequestIds;

/**
 * The back office's card pages (finding one is {@link CardSearchResource}): see a card's facts, its timeline and its
 * cases; block, unblock or cancel it, each with a reason, cancelling after a
 * confirmation. A claim code is typed in a POST (never in an address) and is never shown back.
 */
@Path("/backoffice/cards")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class CardBackOfficeResource {
    @Inject
    CardPages pages;

    @Inject
    SignedInShopper staff;

    @Inject
    CardDesk desk;

    @Inject
    Audit audit;

    @Inject
    Approvals approvals;

    @Inject
    MailOutbox mails;

    @Inject
    RegionFormats formats;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(CardPages.CardView card, List<CardPages.Event> timeline,
                List<CardPages.CaseLink> cases,
                boolean mayReview, boolean mayManage, String requestKey, String notice, String problem);

        static native TemplateInstance cancel(CardPages.CardView card, String reason, String problem);

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
