package org.giftportal.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.site.Money;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;

/**
 * The support team's cases: a queue, longest waiting first, filtered by status, topic, region, assignee and age; and
 * a case page with the whole conversation (internal notes included), its files, the card's and the shopper's facts,
 * and what staff can do (reply, note, take, resolve, escalate).
 */
@Path("/backoffice/cases")
@PermissionsAllowed(StaffPermissions.WORK_CASES)
public class CaseBackOfficeResource {
    private static final int PAGE = 25;
    private static final List<CaseStatus> WAITING_ON_TEAM = List.of(CaseStatus.OPEN, CaseStatus.ESCALATED);

    @Inject
    SignedInShopper staff;

    @Inject
    CaseDesk desk;

    @Inject
    GiftCards cards;

    @Inject
    ClaimGuard claimGuard;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Clock clock;

    /** The queue's filter as staff set it; empty parts don't filter (status empty: cases waiting on the team). */
    public record QueueFilter(String status, String topic, String region, String assigned, String olderThanDays) {
        String query() {
            StringBuilder query = new StringBuilder();
            for (String[] pair : new String[][] {{"status", status}, {"topic", topic}, {"region", region},
                    {"assigned", assigned}, {"olderThanDays", olderThanDays}}) {
                if (!pair[1].isEmpty()) {
                    query.append(query.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
                }
            }
            return query.toString();
        }
    }

    public record Option(String value, String label) {
    }

    public record QueueRow(String reference, String topic, String status, String region, String assignee,
            String waiting) {
    }

    public record CaseView(String reference, long version, String topic, String status, String opened, String updated,
            String assignee, boolean mine, String orderNumber, boolean resolved, boolean escalated,
            boolean asksForCash) {
    }

    public record MessageView(String author, String kind, String at, String body) {
    }

    /** @param takenByAnother redeemed (or held for review) by another account than the shopper's: investigate */
    public record CardFacts(String number, String maskedCode, String status, String value, String region,
            String redeemed, boolean takenByAnother) {
    }

    public record ShopperFacts(long id, String name, String email, String region, String balance,
            String lastActivity, String lock, List<String> recent) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(QueueFilter filter, List<Option> statuses, List<Option> topics,
                List<Option> regions, List<QueueRow> rows, String moreUrl);

        static native TemplateInstance detail(CaseView supportCase, List<MessageView> messages,
                List<CaseAttachment.Listed> attachments, CardFacts card, ShopperFacts shopper, String requestId,
                String notice, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance queue(@QueryParam("status") String status, @QueryParam("topic") String topic,
            @QueryParam("region") String region, @QueryParam("assigned") String assigned,
            @QueryParam("olderThanDays") String olderThanDays, @QueryParam("after") Long after) {
        QueueFilter filter = new QueueFilter(known(status, CaseStatus.values()), known(topic, CaseTopic.values()),
                regions.find(region).map(Region::code).orElse(""),
                "me".equals(assigned) || "nobody".equals(assigned) ? assigned : "",
                olderThanDays != null && olderThanDays.matches("[0-9]{1,3}") ? olderThanDays : "");
        List<SupportCase> found = QuarkusTransaction.requiringNew().call(() -> page(filter, after));
        List<QueueRow> rows = QuarkusTransaction.requiringNew().call(() -> found.stream().limit(PAGE)
                .map(this::row).toList());
        String more = found.size() > PAGE ? "/backoffice/cases?" + (filter.query().isEmpty() ? ""
                : filter.query() + "&") + "after=" + found.get(PAGE - 1).id : null;
        return Templates.queue(filter,
                Arrays.stream(CaseStatus.values()).map(value -> new Option(value.name(), value.staffLabel())).toList(),
                Arrays.stream(CaseTopic.values()).map(value -> new Option(value.name(), value.label())).toList(),
                regions.all().stream().map(value -> new Option(value.code(), value.name())).toList(), rows, more);
    }

    /**
     * One page of the queue, the longest waiting first: by when the case last changed, then by id (the cursor: the
     * id of the last case shown, whose place the query finds again).
     */
    private List<SupportCase> page(QueueFilter filter, Long after) {
        return SupportCase.queue(new SupportCase.Queue(filter.status().isEmpty() ? WAITING_ON_TEAM
                : List.of(CaseStatus.valueOf(filter.status())), filter.topic().isEmpty() ? Optional.empty()
                        : Optional.of(CaseTopic.valueOf(filter.topic())), filter.region(),
                "me".equals(filter.assigned()) ? Optional.of(staff.actor().subject()) : Optional.empty(),
                "nobody".equals(filter.assigned()), filter.olderThanDays().isEmpty() ? Optional.empty()
                        : Optional.of(clock.instant().minus(Duration.ofDays(Long.parseLong(filter.olderThanDays()))))),
                after, PAGE + 1);
    }

    @GET
    @Path("{reference}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("reference") String reference, @QueryParam("done") String done) {
        return detailPage(checked(reference), done, null);
    }

    @POST
    @Path("{reference}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(@PathParam("reference") String reference, @PathParam("action") String action,
            @FormParam("text") String text, @FormParam("version") long version,
            @FormParam("requestId") String requestId) {
        String checked = checked(reference);
        CaseDesk.Action chosen = switch (action) {
            case "reply" -> CaseDesk.Action.REPLY;
            case "note" -> CaseDesk.Action.NOTE;
            case "assign" -> CaseDesk.Action.ASSIGN_TO_ME;
            case "resolve" -> CaseDesk.Action.RESOLVE;
            case "escalate" -> CaseDesk.Action.ESCALATE;
            default -> throw new NotFoundException();
        };
        Optional<String> badText = CaseDesk.textProblem(chosen, text);
        if (badText.isPresent()) {
            return Response.status(422).entity(detailPage(checked, null, badText.get())).build();
        }
        CaseDesk.Result result = desk.act(staff.actor(), chosen, checked, version, text,
                RequestIds.orNew(requestId));
        if (result instanceof CaseDesk.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cases/{reference}").queryParam("done", action)
                    .build(checked)).build();
        }
        if (result instanceof CaseDesk.Result.ChangedMeanwhile) {
            return Response.status(409).entity(detailPage(checked, null, "The case changed while you were working"
                    + " on it (a new message, or a colleague's action). Here it is as it is now: your text was not"
                    + " sent.")).build();
        }
        if (result instanceof CaseDesk.Result.Refused refused) {
            return Response.status(422).entity(detailPage(checked, null, refused.why())).build();
        }
        throw new NotFoundException();
    }

    /** What came of the action just taken, saying what happened and to whom. */
    private static String noticeOf(String done, Account shopper) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "reply" -> "Reply sent to " + shopper.displayName + ": they get it by email too.";
            case "note" -> "Internal note added: only staff see it.";
            case "assign" -> "The case is assigned to you.";
            case "resolve" -> "The case is resolved, and " + shopper.displayName + " is told by email.";
            case "escalate" -> "The case is escalated to a senior team member.";
            case "opened" -> "Case opened for " + shopper.displayName + ": they get an email, and read it on their"
                    + " case page.";
            default -> null;
        };
    }

    private TemplateInstance detailPage(String reference, String done, String problem) {
        String me = staff.actor().subject();
        return QuarkusTransaction.requiringNew().call(() -> {
            SupportCase supportCase = SupportCase.findByReference(reference).orElseThrow(NotFoundException::new);
            Account shopper = Account.findById(supportCase.accountId);
            String notice = noticeOf(done, shopper);
            Region region = regions.orDefault(shopper.region);
            CaseView view = new CaseView(supportCase.reference, supportCase.version(), supportCase.topic.label(),
                    supportCase.status.staffLabel(), formats.dateTime(supportCase.createdAt, region),
                    formats.dateTime(supportCase.updatedAt, region), supportCase.assignedToName,
                    me.equals(supportCase.assignedTo), supportCase.orderNumber,
                    supportCase.status == CaseStatus.RESOLVED, supportCase.status == CaseStatus.ESCALATED,
                    supportCase.topic == CaseTopic.CASH_OUT && supportCase.status != CaseStatus.RESOLVED);
            List<MessageView> messages = CaseMessage.forStaff(supportCase.id).stream()
                    .map(message -> new MessageView(message.authorName, message.internal ? "internal note"
                            : switch (message.authorRole) {
                                case CUSTOMER -> "shopper";
                                case SUPPORT -> "reply to the shopper";
                                case SYSTEM -> "portal";
                            }, formats.dateTime(message.createdAt, region), message.body))
                    .toList();
            CardFacts card = cards.namedBy(supportCase.cardCodeHash, supportCase.cardNumber)
                    .map(found -> cardFacts(found, region, supportCase.accountId)).orElse(null);
            return Templates.detail(view, messages, CaseAttachment.listForCase(supportCase.id), card,
                    shopperFacts(shopper, region), RequestIds.fresh(), notice, problem);
        });
    }

    private CardFacts cardFacts(GiftCard card, Region region, long shopperId) {
        Region cardRegion = regions.orDefault(card.region);
        String redeemed = card.redeemedAt == null ? null : formats.dateTime(card.redeemedAt, region) + " by "
                + Account.<Account>findByIdOptional(card.redeemedByAccountId).map(account -> account.displayName
                        + " (account " + account.id + ")").orElse("an account");
        return new CardFacts(card.cardNumber, card.maskedCode(), card.status.name().toLowerCase(java.util.Locale.ROOT),
                formats.money(Money.of(card.amountMinor, card.currency), cardRegion), cardRegion.name(), redeemed,
                card.claimedBy().filter(taker -> taker != shopperId).isPresent());
    }

    private ShopperFacts shopperFacts(Account shopper, Region region) {
        String lock = claimGuard.lockOn(shopper.id, null)
                .filter(found -> found.scope() == org.giftportal.redeem.LockScope.ACCOUNT)
                .map(found -> "paused until " + formats.dateTime(found.until(), region)).orElse("not paused");
        List<String> recent = LedgerEntry.<LedgerEntry>find("accountId = ?1 order by createdAt desc, id desc",
                shopper.id).page(0, 5).list().stream().map(entry -> formats.date(entry.createdAt, region) + ": "
                        + entry.description + " " + formats.signedMoney(entry.amount(), region)).toList();
        return new ShopperFacts(shopper.id, shopper.displayName, shopper.email, region.name(),
                formats.money(Money.of(shopper.balanceMinor, shopper.currency), region),
                shopper.lastActivityAt == null ? null : formats.dateTime(shopper.lastActivityAt, region), lock,
                recent);
    }

    private QueueRow row(SupportCase supportCase) {
        Account shopper = Account.findById(supportCase.accountId);
        Region region = regions.orDefault(shopper.region);
        Duration waiting = Duration.between(supportCase.updatedAt, clock.instant());
        return new QueueRow(supportCase.reference, supportCase.topic.label(), supportCase.status.staffLabel(),
                region.name(), supportCase.assignedToName == null ? "nobody" : supportCase.assignedToName,
                waiting.toDays() > 0 ? waiting.toDays() + " d" : waiting.toHours() + " h");
    }

    private static <E extends Enum<E>> String known(String value, E[] values) {
        return Arrays.stream(values).map(Enum::name).filter(name -> name.equals(value)).findFirst().orElse("");
    }

    private static String checked(String reference) {
        if (reference == null || !SupportCases.REFERENCE.matcher(reference).matches()) {
            throw new NotFoundException();
        }
        return reference;
    }
}
