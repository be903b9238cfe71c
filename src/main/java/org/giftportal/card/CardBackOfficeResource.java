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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;

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

    public record Match(String number, String maskedCode, String status, String value, String region) {
    }

    public record CardView(long id, long version, String digits, String number, String maskedCode, String status,
            String value,
            String regionName, String issued, String expires, String activated, String beforeBlock, String batch,
            String redeemedAt, Long redeemedById, String redeemedByName, boolean blocked, boolean unused,
            boolean cancellable, String replacedBy, String replaces, String codeMail, boolean codeMailFailed,
            boolean activatable, boolean replaceable, Long giftId, String giftTo) {
    }

    public record Event(String at, String what, String by, String reason) {
    }

    public record CaseLink(String reference, String status, String opened) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance find(String caption, String last4, String region, List<Region> regions,
                List<Match> matches, String problem);

        static native TemplateInstance card(CardView card, List<Event> timeline, List<CaseLink> cases,
                boolean mayReview, boolean mayManage, String requestKey, String notice, String problem);

        static native TemplateInstance cancel(CardView card, String reason, String problem);

        static native TemplateInstance replace(CardView card, String caseReference, String reason,
                String requestKey, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance find(@QueryParam("last4") String last4, @QueryParam("region") String region,
            @QueryParam("status") String status) {
        if ("BLOCKED".equals(status)) {
            // The lost-card reviews waiting: every blocked card, the oldest cards first.
            List<Match> blocked = GiftCard.<GiftCard>find("status = ?1 order by id", CardStatus.BLOCKED)
                    .page(0, MAX_MATCHES).list().stream().map(this::match).toList();
            return Templates.find("Blocked cards waiting for review", "", "", List.copyOf(regions.all()), blocked,
                    null);
        }
        if (last4 == null || last4.isBlank()) {
            return Templates.find("", "", "", List.copyOf(regions.all()), null, null);
        }
        String ending = last4.strip().toUpperCase(Locale.ROOT);
        Optional<Region> inRegion = regions.find(region);
        if (!ending.matches("[0-9A-Z]{4}") || inRegion.isEmpty()) {
            return Templates.find("", ending, region, List.copyOf(regions.all()), List.of(),
                    "Give the last 4 characters of the claim code and the card's region.");
        }
        List<Match> matches = GiftCard.<GiftCard>find("codeLast4 = ?1 and region = ?2 order by issuedAt desc",
                ending, inRegion.get().code()).page(0, MAX_MATCHES).list().stream().map(this::match).toList();
        return Templates.find("Cards ending " + ending + ", newest first", ending, inRegion.get().code(),
                List.copyOf(regions.all()), matches, null);
    }

    /** A card number or a claim code, sent in a form so that a code never sits in an address or a history. */
    @POST
    @Path("find")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response findOne(@FormParam("query") String query) {
        String typed = query == null ? "" : query.strip();
        Optional<CardNumber> number = CardNumber.parse(typed);
        Optional<GiftCard> found;
        if (number.isPresent()) {
            found = GiftCard.find("cardNumber", number.get().digits()).singleResultOptional();
        } else {
            ClaimCode.Parsed code = ClaimCode.parse(typed);
            if (!code.isValid()) {
                return Response.status(422).entity(Templates.find("", "", "", List.copyOf(regions.all()), null,
                        "That isn't a card number (16 digits) or a claim code (15 characters): check it, or search"
                                + " by the code's last 4 characters below.")).build();
            }
            found = cards.find(code.code());
            // Looking a card up by its secret is worth a line in the audit log, found or not.
            audit.noted(staff.actor(), "card.find-by-code", found.map(card -> Audit.Target.card(card.id,
                    card.cardNumber)).orElse(new Audit.Target(AuditEntry.TargetType.CARD, null, "not found")));
        }
        if (found.isEmpty()) {
            return Response.status(404).entity(Templates.find("", "", "", List.copyOf(regions.all()), List.of(),
                    "No card has that number or code.")).build();
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
        return cardPage(card, done == null ? null : "Done: the card is now " + label(card.status) + ".", null);
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
        return Templates.cancel(view(byNumber(number)), "", null);
    }

    @POST
    @Path("{number}/cancel")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@PathParam("number") String number, @FormParam("reason") String reason,
            @FormParam("version") long version, @FormParam("confirmed") String confirmed) {
        if (!"yes".equals(confirmed)) {
            return Response.status(422).entity(Templates.cancel(view(byNumber(number)), reason == null ? "" : reason,
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
        ValueRequest request = cardRequest(ValueRequest.Kind.ACTIVATE, card, reason, requestKey);
        request.summary = "Activate card " + card.formattedCardNumber() + ", worth " + view(card).value();
        return requested(card, approvals.request(staff.actor(), request), null);
    }

    /** Replacing a lost card can't be undone: a page that says what will happen comes first. */
    @GET
    @Path("{number}/replace")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance confirmReplace(@PathParam("number") String number) {
        GiftCard card = byNumber(number);
        String newestCase = cases(card).stream().filter(link -> !"RESOLVED".equals(link.status()))
                .map(CaseLink::reference).findFirst().orElse("");
        return Templates.replace(view(card), newestCase, "", RequestIds.fresh(), null);
    }

    @POST
    @Path("{number}/replace")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response replace(@PathParam("number") String number, @FormParam("caseReference") String caseReference,
            @FormParam("reason") String reason, @FormParam("version") long version,
            @FormParam("confirmed") String confirmed, @FormParam("requestKey") String requestKey) {
        GiftCard card = byNumber(number);
        String reference = caseReference == null ? "" : caseReference.strip().toUpperCase(Locale.ROOT);
        Optional<String> problem = reference.isEmpty()
                ? Optional.of("Give the reference of the shopper's case: the new code is emailed to that shopper.")
                : CardDesk.reasonProblem(reason).or(() -> "yes".equals(confirmed) ? Optional.empty()
                        : Optional.of("Tick the box to confirm: the old card is cancelled for good."));
        if (problem.isPresent()) {
            return Response.status(422).entity(Templates.replace(view(card), reference, reason == null ? ""
                    : reason, RequestIds.fresh(), problem.get())).build();
        }
        ValueRequest request = cardRequest(ValueRequest.Kind.REPLACE, card, reason, requestKey);
        request.cardVersion = version;
        request.caseReference = reference;
        request.summary = "Replace lost card " + card.formattedCardNumber() + ", worth " + view(card).value()
                + ", for the shopper on case " + reference;
        return requested(card, approvals.request(staff.actor(), request), reference);
    }

    private static ValueRequest cardRequest(ValueRequest.Kind kind, GiftCard card, String reason, String requestKey) {
        ValueRequest request = new ValueRequest();
        request.kind = kind;
        request.currency = card.currency;
        request.amountMinor = card.amountMinor;
        request.cardId = card.id;
        request.reason = reason.strip();
        request.requestKey = RequestIds.orNew(requestKey);
        return request;
    }

    /** Where a value request on a card goes on: the card done, the request waiting, or the problem. */
    private Response requested(GiftCard card, Approvals.Result result, String caseReference) {
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").queryParam("done", 1)
                    .build(card.cardNumber)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            GiftCard now = byNumber(card.cardNumber);
            return Response.status(422).entity(caseReference == null ? cardPage(now, null, refused.why())
                    : Templates.replace(view(now), caseReference, "", RequestIds.fresh(), refused.why()))
                    .build();
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
        return Templates.card(view(card), timeline(card), cases(card), staff.hasPermission(
                StaffPermissions.REVIEW_HOLDS), staff.hasPermission(StaffPermissions.MANAGE_VALUE),
                RequestIds.fresh(), notice, problem);
    }

    private CardView view(GiftCard card) {
        Region region = regions.orDefault(card.region);
        Optional<Account> redeemer = card.redeemedByAccountId == null ? Optional.empty()
                : Account.findByIdOptional(card.redeemedByAccountId);
        Optional<OutboxMail> codeMail = MailOutbox.latestCodeMailFor(card.id);
        // A gift's card: read from its table here, so the card package needn't know the gift package that uses it.
        @SuppressWarnings("unchecked")
        Optional<Object[]> gift = GiftCard.getEntityManager().createNativeQuery("SELECT g.id, g.recipient_name,"
                + " g.recipient_email, LOWER(m.status), m.attempts FROM gift g LEFT JOIN mail_outbox m"
                + " ON m.id = g.mail_id WHERE g.gift_card_id = ?1").setParameter(1, card.id).getResultList()
                .stream().findFirst();
        return new CardView(card.id, card.version, card.cardNumber, card.formattedCardNumber(), card.maskedCode(),
                label(card.status),
                formats.money(Money.of(card.amountMinor, card.currency), region), region.name(),
                formats.dateTime(card.issuedAt, region), card.expiresAt == null ? null
                        : formats.date(card.expiresAt, region),
                card.activatedAt == null ? null : formats.dateTime(card.activatedAt, region),
                card.statusBeforeBlock == null ? null : label(card.statusBeforeBlock), card.batchReference,
                card.redeemedAt == null ? null : formats.dateTime(card.redeemedAt, region),
                redeemer.map(account -> account.id).orElse(null),
                redeemer.map(account -> account.displayName + (account.email == null ? "" : " (" + account.email
                        + ")")).orElse(null),
                card.status == CardStatus.BLOCKED, card.isUnused(),
                !card.status.isFinal(),
                numberOf(card.replacedByCardId), numberOf(card.replacesCardId), codeMail.map(mail -> state(mail,
                        region)).orElse(null), codeMail.filter(mail -> mail.status == OutboxMail.Status.FAILED)
                        .isPresent(),
                card.status == CardStatus.ISSUED,
                card.isUnused() || card.status == CardStatus.BLOCKED, gift.map(row -> ((Number) row[0]).longValue())
                        .orElse(null), gift.map(CardBackOfficeResource::giftRecipient).orElse(null));
    }

    /** "Rosa Diaz (rosa@example.com), email sent": whom a gift card goes to, and where its email is. */
    private static String giftRecipient(Object[] gift) {
        String status = (String) gift[3];
        String email = status == null ? "not written yet" : "pending".equals(status)
                ? (((Number) gift[4]).intValue() > 0 ? "retrying" : "scheduled")
                : "void".equals(status) ? "not sent" : status;
        return gift[1] + " (" + gift[2] + "), email " + email;
    }

    private static String numberOf(Long cardId) {
        return cardId == null ? null : GiftCard.<GiftCard>findByIdOptional(cardId).map(found -> found.cardNumber)
                .orElse(null);
    }

    /** Where the email with a card's code stands, for a replacement card. */
    private String state(OutboxMail mail, Region region) {
        return switch (mail.status) {
            case PENDING -> "waiting to be sent" + (mail.attempts > 0 ? " (" + mail.attempts + " failed attempts: "
                    + mail.lastError + ")" : "");
            case SENT -> "sent " + formats.dateTime(mail.sentAt, region);
            case FAILED -> "failed after " + mail.attempts + " attempts: " + mail.lastError;
            case VOID -> "not sent: " + mail.lastError;
        };
    }

    /** What happened to the card, oldest first: its own dates and every staff action on it. */
    private List<Event> timeline(GiftCard card) {
        Region region = regions.orDefault(card.region);
        List<TimedEvent> events = new ArrayList<>();
        events.add(new TimedEvent(card.issuedAt, card.replacesCardId != null
                ? "Issued as the replacement of card " + numberOf(card.replacesCardId)
                : "Issued" + (card.batchReference == null ? "" : " in batch " + card.batchReference), null, null));
        List<TillSale> sales = TillSale.list("giftCardId = ?1 order by id", card.id);
        for (TillSale sale : sales) {
            events.add(new TimedEvent(sale.createdAt, "Sold and activated at a till (receipt " + sale.storeReference
                    + ")", sale.clientId, null));
            if (sale.voidedAt != null) {
                events.add(new TimedEvent(sale.voidedAt, "Sale cancelled at the till: unsold again", sale.clientId,
                        null));
            }
        }
        if (card.activatedAt != null && sales.stream().noneMatch(sale -> sale.status == TillSale.Status.ACTIVE)) {
            events.add(new TimedEvent(card.activatedAt, "Activated", null, null));
        }
        if (card.redeemedAt != null) {
            events.add(new TimedEvent(card.redeemedAt, "Redeemed", null, null));
        }
        AuditEntry.<AuditEntry>list("targetType = ?1 and targetId = ?2 order by at, id", AuditEntry.TargetType.CARD,
                card.id).forEach(entry -> events.add(new TimedEvent(entry.at, describe(entry), entry.actorName,
                entry.reason)));
        return events.stream().sorted(Comparator.comparing(TimedEvent::at))
                .map(event -> new Event(formats.dateTime(event.at(), region), event.what(), event.by(),
                        event.reason()))
                .toList();
    }

    private record TimedEvent(Instant at, String what, String by, String reason) {
    }

    private static String describe(AuditEntry entry) {
        String action = switch (entry.action) {
            case "card.block" -> "Blocked";
            case "card.unblock" -> "Unblocked";
            case "card.cancel" -> "Cancelled";
            case "card.find-by-code" -> "Looked up by its claim code";
            case "replace.done" -> "Replaced: " + entry.after;
            case "replace.request" -> "Replacement asked";
            case "activate.done" -> "Activated by staff";
            case "activate.request" -> "Activation asked";
            default -> entry.action;
        };
        return entry.outcome == AuditEntry.Outcome.DONE ? action
                : action + " (" + entry.outcome.name().toLowerCase(Locale.ROOT) + ": " + entry.after + ")";
    }

    @SuppressWarnings("unchecked")
    private List<CaseLink> cases(GiftCard card) {
        Region region = regions.orDefault(card.region);
        List<Object[]> rows = GiftCard.getEntityManager().createNativeQuery("SELECT reference, status, created_at"
                + " FROM support_case WHERE card_code_hash = ?1 OR card_number = ?2 ORDER BY created_at DESC")
                .setParameter(1, card.codeHash).setParameter(2, card.cardNumber).getResultList();
        return rows.stream().map(row -> new CaseLink((String) row[0], (String) row[1],
                formats.dateTime(org.giftportal.ops.DatabaseTime.read(row[2]), region))).toList();
    }

    private Match match(GiftCard card) {
        Region region = regions.orDefault(card.region);
        return new Match(card.cardNumber, card.maskedCode(), label(card.status),
                formats.money(Money.of(card.amountMinor, card.currency), region), region.name());
    }

    private GiftCard byNumber(String number) {
        return GiftCard.<GiftCard>find("cardNumber", checked(number)).firstResultOptional()
                .orElseThrow(NotFoundException::new);
    }

    /** A card number as it appears in our links, or not found: nothing else is looked up. */
    private static String checked(String number) {
        return CardNumber.parse(number).map(CardNumber::digits).orElseThrow(NotFoundException::new);
    }

    public static String label(CardStatus status) {
        return switch (status) {
            case ISSUED -> "issued, not activated";
            case ACTIVE -> "active";
            case REDEEMED -> "redeemed";
            case BLOCKED -> "blocked";
            case CANCELLED -> "cancelled";
        };
    }
}
