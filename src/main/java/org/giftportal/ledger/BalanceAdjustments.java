package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.Money;

/**
 * Balance adjustments by an admin: a credit or a debit of one account, on one of that shopper's support cases, as an
 * {@code ADJUSTMENT} entry. The shopper reads a short text of staff's choosing in their history; the internal reason
 * stays with the request and the audit log. A debit never takes a balance below zero.
 */
@ApplicationScoped
public class BalanceAdjustments implements ValueAction {
    /** The longest text a shopper reads about an adjustment in their history. */
    public static final int MAX_SHOPPER_TEXT = 120;
    private final Ledger ledger;

    BalanceAdjustments(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.ADJUSTMENT;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Audit.Target.account(request.accountId, "account " + request.accountId);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<String> problem = accountProblem(request, actor, "adjust their own balance",
                "an adjustment refers to the case it settles");
        if (problem.isPresent()) {
            return problem;
        }
        Account account = Account.findById(request.accountId); // locked above
        if (request.signedAmountMinor < 0 && account.availableMinor() < -request.signedAmountMinor) {
            return Optional.of(account.heldMinor == 0
                    ? "The balance is " + Ledger.amount(account.balanceMinor, account.currency) + ": a debit can't take"
                            + " more than that."
                    : "The balance is " + Ledger.amount(account.balanceMinor, account.currency) + ", of which "
                            + Ledger.amount(account.heldMinor, account.currency) + " is held for a store order: a debit"
                            + " can't take more than the " + Ledger.amount(account.availableMinor(), account.currency)
                            + " available.");
        }
        return Optional.empty();
    }

    /**
     * Locks the account a balance request is about until the request's transaction ends (the balance checked is the
     * balance changed), and says why the request can't go on: no such account, staff's own ({@code own}: what they
     * may not do to it), another currency, or a case that isn't the shopper's ({@code caseUse}: what the case is for).
     */
    static Optional<String> accountProblem(ValueRequest request, Actor actor, String own, String caseUse) {
        Optional<Account> found = Account.findByIdOptional(request.accountId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Optional.of("That account doesn't exist.");
        }
        Account account = found.get();
        if (account.id.equals(actor.ownAccountId())) {
            return Optional.of("Staff may not " + own + ": ask a colleague.");
        }
        if (!account.currency.equals(request.currency)) {
            return Optional.of("This account's balance is in " + account.currency + ", not " + request.currency + ".");
        }
        if (!isCaseOf(account, request.caseReference)) {
            return Optional.of("Case " + request.caseReference + " isn't one of this shopper's cases: " + caseUse
                    + ".");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Account account = Account.lockById(request.accountId);
        long before = account.balanceMinor;
        LedgerEntry entry = ledger.recordAdjustment(account.id, request.signedAmountMinor, request.shopperText,
                request.caseReference);
        return Done.changed("balance " + Ledger.amount(before, account.currency),
                "balance " + Ledger.amount(entry.balanceAfterMinor, account.currency) + " after "
                        + (entry.amountMinor > 0 ? "a credit of " : "a debit of ")
                        + Ledger.amount(Math.abs(entry.amountMinor), account.currency) + " on case "
                        + request.caseReference
                        + ", entry " + entry.id + "; the shopper reads: " + request.shopperText);
    }

    private static boolean isCaseOf(Account account, String caseReference) {
        return caseReference != null && Account.getEntityManager().createQuery("select count(c) from SupportCase c"
                        + " where c.reference = ?1 and c.accountId = ?2", Long.class)
                .setParameter(1, caseReference).setParameter(2, account.id).getSingleResult() > 0;
    }

}
