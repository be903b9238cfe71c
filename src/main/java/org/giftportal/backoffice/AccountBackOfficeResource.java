package org.giftportal.backoffice;

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
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.ledger.BalanceAdjustments;
import org.giftportal.ledger.History;
import org.giftportal.ledger.HistoryCursor;
import org.giftportal.ledger.HistoryFilter;
import org.giftportal.ledger.HistoryPage;
import org.giftportal.site.Money;
import org.giftportal.ops.Retries;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.redeem.ClaimLockState;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.Typed;

/**
 * A shopper's account as staff see it: who, balance and totals, the ledger in pages, their cases, and the claim-code
 * lock, which support can lift (with a reason, audited; never on their own account).
 */
@Path("/backoffice/accounts")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class AccountBackOfficeResource {
    /** No adjustment is larger than this many whole units of any currency, whoever approves it. */
    static final long MAX_ADJUSTMENT_UNITS = 1_000_000;

    @Inject
    SignedInShopper staff;

    @Inject
    History history;

    @Inject
    ClaimGuard claimGuard;

    @Inject
    Audit audit;

    @Inject
    Retries retries;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record AccountView(long id, String name, String email, boolean emailVerified, String subject,
            String regionName, String currency, String balance, String redeemed, String spent, String lastActivity,
            String customerSince, String held, String available, String frozenForCase) {
    }

    public record LockView(String until, long failures) {
    }

    public record EntryRow(String at, String what, String card, String reference, String amount, boolean credit,
            String balanceAfter) {
    }

    public record CaseRow(String reference, String topic, String status, String updated) {
    }

    /** The adjustment form as typed, with the key that makes sending it twice ask once. */
    public record AdjustmentForm(String direction, String amount, String caseReference, String shopperText,
            String reason, String requestKey, String limits) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(AccountView account, LockView lock, List<EntryRow> entries,
                String olderUrl, List<CaseRow> cases, boolean mayLift, AdjustmentForm adjustment, String notice,
                String problem);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance account(@PathParam("id") long id, @QueryParam("before") String before,
            @QueryParam("lifted") String lifted, @QueryParam("adjusted") String adjusted) {
        Account account = Account.<Account>findByIdOptional(id).orElseThrow(NotFoundException::new);
        return page(account, HistoryCursor.decode(before), lifted != null
                ? "The claim-code pause is lifted: the shopper can redeem and check codes again."
                : adjusted != null ? "Done: the balance is adjusted and the shopper sees it in their history." : null,
                null, null);
    }

    /**
     * A credit or a debit by an admin, on one of the shopper's cases: done at once within the admin's limits,
     * otherwise it waits for a second admin on the approvals page.
     */
    @POST
    @Path("{id}/adjust")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response adjust(@PathParam("id") long id, @FormParam("direction") String direction,
            @FormParam("amount") String amount, @FormParam("currency") String currency,
            @FormParam("caseReference") String caseReference, @FormParam("shopperText") String shopperText,
            @FormParam("reason") String reason, @FormParam("requestKey") String requestKey) {
        Account account = Account.<Account>findByIdOptional(id).orElseThrow(NotFoundException::new);
        AdjustmentForm typed = new AdjustmentForm(direction, amount, Typed.text(caseReference), Typed.text(shopperText),
                Typed.text(reason), requestKey, null);
        Optional<String> problem = adjustmentProblem(account, typed, currency);
        if (problem.isPresent()) {
            return Response.status(422).entity(page(account, Optional.empty(), null, problem.get(), typed)).build();
        }
        long minor = Money.parse(amount, java.util.Currency.getInstance(account.currency), MAX_ADJUSTMENT_UNITS)
                .orElseThrow().minorUnits();
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.ADJUSTMENT;
        request.currency = account.currency;
        request.amountMinor = minor;
        request.signedAmountMinor = "debit".equals(direction) ? -minor : minor;
        request.accountId = account.id;
        request.caseReference = typed.caseReference().toUpperCase(java.util.Locale.ROOT);
        request.shopperText = typed.shopperText();
        request.reason = typed.reason();
        request.requestKey = requestKey;
        request.summary = ("debit".equals(direction) ? "Debit " : "Credit ")
                + formats.money(Money.of(minor, account.currency), regions.orDefault(account.region))
                + ("debit".equals(direction) ? " from " : " to ") + account.displayName + "'s balance (case "
                + request.caseReference + ")";
        Approvals.Result result = approvals.request(staff.actor(), request);
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/accounts/{id}").queryParam("adjusted", 1)
                    .build(account.id)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return Response.status(422).entity(page(account, Optional.empty(), null, refused.why(), typed)).build();
        }
        return ApprovalsResource.seeRequest(result);
    }

    private Optional<String> adjustmentProblem(Account account, AdjustmentForm typed, String currency) {
        if (!"credit".equals(typed.direction()) && !"debit".equals(typed.direction())) {
            return Optional.of("Choose whether to credit or debit the balance.");
        }
        if (!account.currency.equals(currency)) {
            return Optional.of("This account's balance is in " + account.currency + ": give the amount in "
                    + account.currency + ".");
        }
        if (Money.parse(typed.amount(), java.util.Currency.getInstance(account.currency), MAX_ADJUSTMENT_UNITS)
                .isEmpty()) {
            return Optional.of("Give the amount as a number above zero in " + account.currency + ", like 25.00, up to "
                    + MAX_ADJUSTMENT_UNITS + ".");
        }
        if (typed.caseReference().isEmpty()) {
            return Optional.of("Give the reference of the shopper's case this adjustment settles.");
        }
        if (typed.shopperText().length() < 3 || typed.shopperText().length() > BalanceAdjustments.MAX_SHOPPER_TEXT) {
            return Optional.of("Write what the shopper will read in their history, in 3 to "
                    + BalanceAdjustments.MAX_SHOPPER_TEXT + " characters.");
        }
        if (!RequestIds.isOurs(typed.requestKey())) {
            return Optional.of("This form is out of date: reload the page and fill it in again.");
        }
        return CardDesk.reasonProblem(typed.reason());
    }


    @POST
    @Path("{id}/lift-lock")
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response liftLock(@PathParam("id") long id, @FormParam("reason") String reason) {
        Account account = Account.<Account>findByIdOptional(id).orElseThrow(NotFoundException::new);
        Optional<String> badReason = CardDesk.reasonProblem(reason);
        if (badReason.isPresent()) {
            return Response.status(422).entity(page(account, Optional.empty(), null, badReason.get(), null)).build();
        }
        String why = reason.strip();
        Actor actor = staff.actor();
        Audit.Target target = Audit.Target.account(account.id, account.email);
        if (account.id.equals(actor.ownAccountId())) {
            audit.refused(actor, "account.lift-lock", target, why, "Staff may not lift their own account's pause.");
            return Response.status(422).entity(page(account, Optional.empty(), null,
                    "You can't lift the pause on your own account: ask a colleague.", null)).build();
        }
        retries.inTransaction("lift-lock", () -> {
            long failures = claimGuard.failuresCounted(account.id);
            Optional<ClaimLockState> lifted = claimGuard.liftAccountLock(account.id);
            audit.done(actor, "account.lift-lock", target, why,
                    lifted.map(lock -> "paused until " + lock.until()).orElse("not paused") + ", " + failures
                            + " failed look-ups counted", "not paused, no failures counted");
        });
        return Response.seeOther(UriBuilder.fromPath("/backoffice/accounts/{id}").queryParam("lifted", 1)
                .build(account.id)).build();
    }

    private TemplateInstance page(Account account, Optional<HistoryCursor> before, String notice, String problem,
            AdjustmentForm typed) {
        Region region = regions.orDefault(account.region);
        HistoryPage entries = history.page(account.id, HistoryFilter.everything(), before, Optional.empty());
        Optional<ClaimLockState> lock = claimGuard.lockOn(account.id, null).filter(found ->
                found.scope() == org.giftportal.redeem.LockScope.ACCOUNT);
        LockView lockView = new LockView(lock.map(found -> formats.dateTime(found.until(), region)).orElse(null),
                claimGuard.failuresCounted(account.id));
        return Templates.account(view(account, region), lockView,
                entries.entries().stream().map(entry -> new EntryRow(formats.dateTime(entry.createdAt, region),
                        entry.description, entry.maskedCode().orElse(""), entry.reference == null ? ""
                                : entry.reference, formats.signedMoney(entry.amount(), region),
                        entry.amountMinor > 0, formats.money(entry.balanceAfter(), region))).toList(),
                entries.older().map(cursor -> "/backoffice/accounts/" + account.id + "?before=" + cursor.encode())
                        .orElse(null),
                cases(account, region), staff.hasPermission(StaffPermissions.REVIEW_HOLDS),
                staff.hasPermission(StaffPermissions.MANAGE_VALUE) ? adjustmentForm(account, region, typed) : null,
                notice, problem);
    }

    /** A fresh form (with a new key), or the one just sent, and the admin's limits in the account's currency. */
    private AdjustmentForm adjustmentForm(Account account, Region region, AdjustmentForm typed) {
        String limits = approvals.limitsFor(account.currency).map(limit -> "On your own you can adjust up to "
                + formats.money(Money.of(region.minorUnits(limit.perAction()), account.currency), region)
                + " at once and " + formats.money(Money.of(region.minorUnits(limit.perDay()), account.currency),
                        region) + " in 24 hours; above that a second admin approves.")
                .orElse("Every adjustment in " + account.currency + " is approved by a second admin.");
        String key = RequestIds.fresh();
        return typed == null ? new AdjustmentForm("credit", "", "", "", "", key, limits)
                : new AdjustmentForm(typed.direction(), typed.amount(), typed.caseReference(), typed.shopperText(),
                        typed.reason(), key, limits);
    }

    private AccountView view(Account account, Region region) {
        return new AccountView(account.id, account.displayName, account.email, account.emailVerified,
                account.subject, region.name(), account.currency,
                formats.money(Money.of(account.balanceMinor, account.currency), region),
                formats.money(Money.of(account.totalRedeemedMinor, account.currency), region),
                formats.money(Money.of(account.totalSpentMinor, account.currency), region),
                account.lastActivityAt == null ? null : formats.dateTime(account.lastActivityAt, region),
                formats.date(account.createdAt, region),
                account.heldMinor == 0 ? null : formats.money(Money.of(account.heldMinor, account.currency), region),
                formats.money(Money.of(account.availableMinor(), account.currency), region), account.frozenForCase);
    }

    private List<CaseRow> cases(Account account, Region region) {
        return org.giftportal.support.SupportCase.latestOf(account.id, 50).stream().map(found -> new CaseRow(
                found.reference, found.topic.name(), found.status.name(), formats.dateTime(found.updatedAt, region)))
                .toList();
    }
}
