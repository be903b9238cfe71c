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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.ledger.CashOuts;
import org.giftportal.ledger.PaidBy;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;

/**
 * Staff pay a shopper's small balance out in cash, on the case where the shopper asked for it: how it was paid and
 * the payment's reference become a {@code CASH_OUT} ledger entry, as a value request under the approval rules (done
 * at once within the admin's limits, otherwise waiting for a second admin). The shopper reads it in their history.
 */
@Path("/backoffice/cases/{reference}/cash-out")
@PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
public class CashOutResource {
    private static final int MAX_PAYOUT_REFERENCE = 64;

    @Inject
    SignedInShopper staff;

    @Inject
    CashOuts cashOuts;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record Facts(String caseReference, long accountId, String shopperName, String balance, String available,
            String limit, String law, String asked, String currency, String availableDecimal) {
    }

    public record Way(String value, String label, boolean selected) {
    }

    public record Form(String amount, String paidBy, String payoutReference, String reason, String requestKey) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance payOut(Facts facts, List<Way> ways, Form form, String notice, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("reference") String reference, @QueryParam("done") String done) {
        Facts facts = facts(reference);
        return Templates.payOut(facts, ways(null), new Form(facts.availableDecimal(), null, "", "",
                RequestIds.fresh()), done == null ? null : "Done: the pay-out is in the shopper's history. Reply to"
                + " the shopper on the case to say how it was paid, then resolve it.", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response payOut(@PathParam("reference") String reference, @FormParam("amount") String amount,
            @FormParam("paidBy") String paidBy, @FormParam("payoutReference") String payoutReference,
            @FormParam("reason") String reason, @FormParam("requestKey") String requestKey) {
        Facts facts = facts(reference);
        Form typed = new Form(amount, paidBy, payoutReference == null ? "" : payoutReference.strip(),
                reason == null ? "" : reason, requestKey);
        java.util.Currency currency = java.util.Currency.getInstance(facts.currency());
        Optional<Money> money = Money.parse(amount, currency, 1_000_000);
        Optional<String> problem = money.isEmpty() ? Optional.of("Give the amount paid, like 7.50, in "
                + facts.currency() + ".")
                : PaidBy.parse(paidBy).isEmpty() ? Optional.of("Choose how it was paid.")
                : typed.payoutReference().isEmpty() || typed.payoutReference().length() > MAX_PAYOUT_REFERENCE
                        ? Optional.of("Give the payment's reference (the transfer's, the cheque's number or the store"
                                + " receipt's), up to " + MAX_PAYOUT_REFERENCE + " characters.")
                : !RequestIds.isOurs(requestKey) ? Optional.of("This form is out of date: reload the page and fill it"
                        + " in again.")
                : CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return refused(facts, typed, problem.get());
        }
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.CASH_OUT;
        request.currency = facts.currency();
        request.amountMinor = money.get().minorUnits();
        request.accountId = facts.accountId();
        request.caseReference = facts.caseReference();
        request.paidBy = paidBy;
        request.payoutReference = typed.payoutReference();
        request.reason = reason.strip();
        request.requestKey = requestKey;
        request.summary = "Pay " + money.get().plain() + " of " + facts.shopperName() + "'s balance out in cash by "
                + PaidBy.parse(paidBy).orElseThrow().label().toLowerCase(java.util.Locale.ROOT) + " (reference "
                + typed.payoutReference() + "), case " + facts.caseReference();
        Approvals.Result result = approvals.request(staff.actor(), request);
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cases/{reference}/cash-out")
                    .queryParam("done", 1).build(reference)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return refused(facts, typed, refused.why());
        }
        return ApprovalsResource.seeRequest(result);
    }

    private Response refused(Facts facts, Form typed, String why) {
        return Response.status(422).entity(Templates.payOut(facts, ways(typed.paidBy()),
                new Form(typed.amount(), typed.paidBy(), typed.payoutReference(), typed.reason(), RequestIds.fresh()),
                null, why)).build();
    }

    private static List<Way> ways(String selected) {
        return Arrays.stream(PaidBy.values()).map(way -> new Way(way.name(), way.label(), way.name().equals(selected)))
                .toList();
    }

    /** The case that asked for cash, and its shopper's balance now; no such case, or another topic: not found. */
    private Facts facts(String reference) {
        if (reference == null || !SupportCases.REFERENCE.matcher(reference).matches()) {
            throw new NotFoundException();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            SupportCase found = SupportCase.findByReference(reference).filter(c -> c.topic == CaseTopic.CASH_OUT)
                    .orElseThrow(NotFoundException::new);
            Account account = Account.findById(found.accountId);
            Region region = regions.orDefault(account.region);
            String limit = cashOuts.cashOutBelow(account)
                    .map(minor -> formats.money(Money.of(minor, account.currency), region)).orElse(null);
            return new Facts(found.reference, account.id, account.displayName,
                    formats.money(Money.of(account.balanceMinor, account.currency), region),
                    formats.money(Money.of(account.availableMinor(), account.currency), region), limit,
                    region.jurisdiction().title(), found.description, account.currency,
                    Money.of(account.availableMinor(), account.currency).decimal().toPlainString());
        });
    }
}
