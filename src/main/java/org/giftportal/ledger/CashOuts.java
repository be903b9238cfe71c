package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.site.Jurisdiction;
import org.giftportal.site.Regions;

/**
 * Paying a small balance out in cash, where the region's jurisdiction gives shoppers that right (California: under 10
 * dollars). The shopper asks on a support case; staff pay it (a bank transfer, a cheque, cash at a store) and record
 * it here with the payment's reference, as a value request under the approval rules. The entry is a {@code CASH_OUT}
 * debit: the money checks and the liability statement count it as cash paid out.
 */
@ApplicationScoped
public class CashOuts implements ValueAction {
    private final Ledger ledger;
    private final Regions regions;

    CashOuts(Ledger ledger, Regions regions) {
        this.ledger = ledger;
        this.regions = regions;
    }

    /** The balance below which the account's region pays out in cash, if its law gives the right. */
    public Optional<Long> cashOutBelow(Account account) {
        return regions.find(account.region).map(region -> region.jurisdiction())
                .flatMap(Jurisdiction::cashOutBelowMinor);
    }

    /** Whether the shopper may ask for their balance in cash now: the right exists and the balance is under its limit. */
    public boolean mayAsk(Account account) {
        return account.balanceMinor > 0 && cashOutBelow(account).filter(limit -> account.balanceMinor < limit)
                .isPresent();
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.CASH_OUT;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Audit.Target.account(request.accountId, "account " + request.accountId);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<String> problem = BalanceAdjustments.accountProblem(request, actor, "pay their own balance out",
                "a pay-out refers to the case that asked for it");
        if (problem.isPresent()) {
            return problem;
        }
        Account account = Account.findById(request.accountId); // locked above
        if (account.isFrozen()) {
            return Optional.of("This account is frozen for case " + account.frozenForCase + ": nothing is paid out"
                    + " until that case is settled.");
        }
        Optional<Long> limit = cashOutBelow(account);
        if (limit.isEmpty()) {
            return Optional.of("The law this shopper's region follows gives no right to a balance in cash.");
        }
        if (account.balanceMinor >= limit.get()) {
            return Optional.of("The balance is " + Ledger.amount(account.balanceMinor, account.currency)
                    + ": only a balance under " + Ledger.amount(limit.get(), account.currency)
                    + " is paid out in cash. Tell the shopper on the case.");
        }
        if (account.availableMinor() < request.amountMinor) {
            return Optional.of("The balance has " + Ledger.amount(account.availableMinor(), account.currency)
                    + " free: a pay-out can't take more than that.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Account account = Account.lockById(request.accountId);
        long before = account.balanceMinor;
        LedgerEntry entry = ledger.payOutInCash(account, request.amountMinor,
                PaidBy.parse(request.paidBy).orElseThrow(), request.payoutReference, request.caseReference);
        return Done.changed("balance " + Ledger.amount(before, account.currency),
                "balance " + Ledger.amount(entry.balanceAfterMinor, account.currency) + " after "
                        + Ledger.amount(request.amountMinor, account.currency) + " paid out in cash by "
                        + entry.paidBy.label().toLowerCase(java.util.Locale.ROOT) + ", reference "
                        + request.payoutReference + ", on case " + request.caseReference + ", entry " + entry.id);
    }
}
