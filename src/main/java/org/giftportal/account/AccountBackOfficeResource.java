package org.giftportal.account;

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
import org.giftportal.backoffice.StaffPermissions;
import org.giftportal.ledger.History;
import org.giftportal.ledger.HistoryCursor;
import org.giftportal.ledger.HistoryFilter;
import org.giftportal.ledger.HistoryPage;
import org.giftportal.ledger.Money;
import org.giftportal.ops.Retries;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.redeem.ClaimLockState;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * A shopper's account as staff see it: who, balance and totals, the ledger in pages, their cases, and the claim-code
 * lock, which support can lift (with a reason, audited; never on their own account).
 */
@Path("/backoffice/accounts")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class AccountBackOfficeResource {
    private static final int MIN_REASON = 5;
    private static final int MAX_REASON = 500;

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
    Regions regions;

    @Inject
    RegionFormats formats;

    public record AccountView(long id, String name, String email, boolean emailVerified, String subject,
            String regionName, String currency, String balance, String redeemed, String spent, String lastActivity,
            String customerSince) {
    }

    public record LockView(String until, long failures) {
    }

    public record EntryRow(String at, String what, String card, String reference, String amount, boolean credit,
            String balanceAfter) {
    }

    public record CaseRow(String reference, String topic, String status, String updated) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(AccountView account, LockView lock, List<EntryRow> entries,
                String olderUrl, List<CaseRow> cases, boolean mayLift, String notice, String problem);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance account(@PathParam("id") long id, @QueryParam("before") String before,
            @QueryParam("lifted") String lifted) {
        Account account = Account.<Account>findByIdOptional(id).orElseThrow(NotFoundException::new);
        return page(account, HistoryCursor.decode(before), lifted == null ? null
                : "The claim-code pause is lifted: the shopper can redeem and check codes again.", null);
    }

    @POST
    @Path("{id}/lift-lock")
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response liftLock(@PathParam("id") long id, @FormParam("reason") String reason) {
        Account account = Account.<Account>findByIdOptional(id).orElseThrow(NotFoundException::new);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON || why.length() > MAX_REASON) {
            return Response.status(422).entity(page(account, Optional.empty(), null, why.length() < MIN_REASON
                    ? "Say why, in a few words: the reason goes into the audit log."
                    : "Keep the reason under " + MAX_REASON + " characters.")).build();
        }
        Actor actor = staff.actor();
        Audit.Target target = Audit.Target.account(account.id, account.email);
        if (account.id.equals(actor.ownAccountId())) {
            audit.refused(actor, "account.lift-lock", target, why, "Staff may not lift their own account's pause.");
            return Response.status(422).entity(page(account, Optional.empty(), null,
                    "You can't lift the pause on your own account: ask a colleague.")).build();
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

    private TemplateInstance page(Account account, Optional<HistoryCursor> before, String notice, String problem) {
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
                cases(account, region), staff.hasPermission(StaffPermissions.REVIEW_HOLDS), notice, problem);
    }

    private AccountView view(Account account, Region region) {
        return new AccountView(account.id, account.displayName, account.email, account.emailVerified,
                account.subject, region.name(), account.currency,
                formats.money(Money.of(account.balanceMinor, account.currency), region),
                formats.money(Money.of(account.totalRedeemedMinor, account.currency), region),
                formats.money(Money.of(account.totalSpentMinor, account.currency), region),
                account.lastActivityAt == null ? null : formats.dateTime(account.lastActivityAt, region),
                formats.date(account.createdAt, region));
    }

    @SuppressWarnings("unchecked")
    private List<CaseRow> cases(Account account, Region region) {
        List<Object[]> rows = Account.getEntityManager().createNativeQuery("SELECT reference, topic, status,"
                + " updated_at FROM support_case WHERE account_id = ?1 ORDER BY created_at DESC LIMIT 50")
                .setParameter(1, account.id).getResultList();
        return rows.stream().map(row -> new CaseRow((String) row[0], (String) row[1], (String) row[2],
                formats.dateTime(org.giftportal.ops.DatabaseTime.read(row[3]), region))).toList();
    }
}
