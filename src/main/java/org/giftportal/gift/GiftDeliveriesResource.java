package org.giftportal.gift;

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
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.card.CardDesk;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;
import org.giftportal.site.Typed;

/**
 * Gift deliveries in the back office: the list by state, order and date (support and admins), and a gift's page with
 * "send again" (support) and "correct the address" (admins, decided by a second admin).
 */
@Path("/backoffice/gifts")
public class GiftDeliveriesResource {
    private static final int LISTED = 200;

    @Inject
    SignedInShopper staff;

    @Inject
    GiftDeliveries deliveries;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Clock clock;

    /** One gift in the deliveries list: never its code, only the card's last four. */
    public record DeliveryRow(long id, String cardNumber, String maskedCode, String recipient, String email,
            String sender, String amount, String deliverAt, String state, String error, String order) {
    }

    public record Filter(String state, String order, String from, String to) {
    }

    public record GiftView(long id, String order, String cardNumber, String cardDigits, String maskedCode,
            String cardStatus, String recipient, String email, String sender, String message, String theme,
            String amount, String deliverAt, String state, String lastError, boolean codeKept) {
    }

    public record MailRow(String kind, String to, String status, String queued, String sent, String error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance deliveries(List<DeliveryRow> gifts, long total, Filter filter,
                List<GiftDeliveries.State> states);

        static native TemplateInstance gift(GiftView gift, List<MailRow> mails, boolean mayResend, boolean mayCorrect,
                boolean codeDelivered, String requestKey, String notice, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.LOOK_UP)
    @Transactional
    public Response list(@QueryParam("state") String state, @QueryParam("order") String order,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Filter filter = new Filter(state == null ? "" : state, Typed.text(order),
                from == null ? "" : from, to == null ? "" : to);
        ZoneId zone = regions.orDefault(null).timeZone();
        Optional<GiftDeliveries.State> chosen = GiftDeliveries.State.parse(filter.state());
        Optional<LocalDate> fromDate = date(filter.from());
        Optional<LocalDate> toDate = date(filter.to());
        GiftDeliveries.Found found = GiftDeliveries.search(chosen, filter.order(),
                fromDate.map(day -> day.atStartOfDay(zone).toInstant()),
                toDate.map(day -> day.plusDays(1).atStartOfDay(zone).toInstant()), LISTED);
        List<DeliveryRow> gifts = found.gifts().stream().map(listed -> deliveryRow(listed.gift(), listed.mail()))
                .toList();
        boolean unreadable = (!filter.state().isEmpty() && chosen.isEmpty())
                || (!filter.from().isEmpty() && fromDate.isEmpty()) || (!filter.to().isEmpty() && toDate.isEmpty());
        return Response.status(unreadable ? 400 : 200).entity(Templates.deliveries(gifts, found.total(), filter,
                GiftDeliveries.State.filters())).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.LOOK_UP)
    @Transactional
    public TemplateInstance gift(@PathParam("id") long id, @QueryParam("done") String done) {
        return giftPage(byId(id), done == null ? null : "Done.", null);
    }

    @POST
    @Path("{id}/resend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    public Response resend(@PathParam("id") long id, @FormParam("reason") String reason) {
        Optional<String> problem = CardDesk.reasonProblem(reason);
        GiftDeliveries.Outcome outcome = problem.isPresent() ? new GiftDeliveries.Outcome.Refused(problem.get())
                : deliveries.resend(staff.actor(), id, reason.strip());
        return afterChange(id, outcome);
    }

    /** Asks to send the gift to another address: a value request a second admin decides. */
    @POST
    @Path("{id}/address")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public Response correctAddress(@PathParam("id") long id, @FormParam("email") String email,
            @FormParam("reason") String reason, @FormParam("requestKey") String requestKey) {
        Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return afterChange(id, new GiftDeliveries.Outcome.Refused(problem.get()));
        }
        Approvals.Result result = approvals.request(staff.actor(), QuarkusTransaction.requiringNew().call(() -> {
            Gift gift = byId(id);
            return GiftAddressCorrection.requestFor(gift, GiftCard.findById(gift.giftCardId), email, reason.strip(),
                    RequestIds.orNew(requestKey));
        }));
        if (result instanceof Approvals.Result.Refused refused) {
            return afterChange(id, new GiftDeliveries.Outcome.Refused(refused.why()));
        }
        return ApprovalsResource.seeRequest(result);
    }

    private Response afterChange(long id, GiftDeliveries.Outcome outcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Gift gift = byId(id);
            if (outcome instanceof GiftDeliveries.Outcome.Done done) {
                return Response.ok(giftPage(gift, done.what(), null)).build();
            }
            return Response.status(422).entity(giftPage(gift, null,
                    ((GiftDeliveries.Outcome.Refused) outcome).why())).build();
        });
    }

    private TemplateInstance giftPage(Gift gift, String notice, String problem) {
        GiftOrder order = GiftOrder.findById(gift.orderId);
        Region region = regions.orDefault(order.region);
        GiftCard card = GiftCard.findById(gift.giftCardId);
        Optional<OutboxMail> latest = GiftDeliveries.latestMail(gift);
        GiftView view = new GiftView(gift.id, order.reference, card.formattedCardNumber(), card.cardNumber,
                card.maskedCode(), card.status.label(), gift.recipientName, gift.recipientEmail,
                gift.senderName, gift.message, gift.theme.label(), formats.money(Money.of(gift.amountMinor,
                        gift.currency), region), deliverAt(gift), stateText(latest, region),
                latest.map(m -> m.lastError).orElse(null), gift.mayBeSent());
        List<MailRow> mails = OutboxMail.<OutboxMail>find("giftId = ?1 order by id desc", gift.id).list().stream()
                .map(mail -> new MailRow(mail.kind == OutboxMail.Kind.GIFT ? "the gift" : "address notice",
                        mail.toEmail, GiftDeliveries.stateOf(Optional.of(mail)).label(),
                        formats.dateTime(mail.createdAt, region), mail.sentAt == null ? null
                                : formats.dateTime(mail.sentAt, region), mail.lastError)).toList();
        boolean usable = card.isUnused() && gift.mayBeSent();
        boolean admin = usable && staff.hasPermission(StaffPermissions.MANAGE_VALUE);
        boolean delivered = GiftDeliveries.codeDelivered(gift);
        return Templates.gift(view, mails, usable && staff.hasPermission(StaffPermissions.REVIEW_HOLDS),
                admin && !delivered, admin && delivered, RequestIds.fresh(), notice, problem);
    }

    private DeliveryRow deliveryRow(Gift gift, Optional<OutboxMail> mail) {
        GiftCard card = GiftCard.findById(gift.giftCardId);
        Region region = regions.orDefault(card.region);
        GiftOrder order = GiftOrder.findById(gift.orderId);
        return new DeliveryRow(gift.id, card.formattedCardNumber(), card.maskedCode(), gift.recipientName,
                gift.recipientEmail, gift.senderName, formats.money(Money.of(gift.amountMinor, gift.currency), region),
                deliverAt(gift), stateText(mail, region), mail.map(m -> m.lastError).orElse(null), order.reference);
    }

    /** The delivery time as its sender chose it: in their zone, named. */
    private static String deliverAt(Gift gift) {
        return GiftOrderReport.LOCAL_TIME.format(gift.deliverAt.atZone(ZoneId.of(gift.senderZone))) + " ("
                + gift.senderZone + ")";
    }

    private String stateText(Optional<OutboxMail> mail, Region region) {
        return deliveries.inWords(mail, GiftDeliveries.Reader.STAFF, region);
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Gift byId(long id) {
        return Gift.<Gift>findByIdOptional(id).filter(gift -> gift.giftCardId != null)
                .orElseThrow(NotFoundException::new);
    }
}
