package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.ops.Retries;

/**
 * Freezing an account that redeemed someone else's card, while the investigation runs, and letting it spend again.
 * Freezing protects, so support does it at once: the account's holds are voided under its lock (the checkouts that
 * placed them are refused at capture), and from then no hold, capture or till payment takes from it. Unfreezing lets
 * value be spent again, so it is a value request for the balance it frees, under the approval rules; an empty balance
 * frees nothing, and is unfrozen at once.
 */
@ApplicationScoped
public class AccountFreezes implements ValueAction {
    private final Holds holds;
    private final Audit audit;
    private final Retries retries;
    private final Clock clock;

    private final jakarta.enterprise.event.Event<AccountEvent> events;

    AccountFreezes(Holds holds, Audit audit, Retries retries, Clock clock,
            jakarta.enterprise.event.Event<AccountEvent> events) {
        this.events = events;
        this.holds = holds;
        this.audit = audit;
        this.retries = retries;
        this.clock = clock;
    }

    /** Freezes the account for the case; returns why not, if it can't be (it is frozen already, or is staff's own). */
    public Optional<String> freeze(Actor actor, long accountId, String caseReference, String reason) {
        return retries.inTransaction("account-freeze", () -> {
            Optional<Account> found = Account.findByIdOptional(accountId, LockModeType.PESSIMISTIC_WRITE);
            Optional<String> problem = found.isEmpty() ? Optional.of("That account doesn't exist.")
                    : found.get().isFrozen() ? Optional.of("This account is frozen already.")
                    : found.get().id.equals(actor.ownAccountId())
                            ? Optional.of("Staff may not freeze their own account: ask a colleague.")
                            : Optional.empty();
            if (problem.isPresent()) {
                audit.refused(actor, "account.freeze", target(accountId), reason, problem.get());
                return problem;
            }
            Account account = found.get();
            String before = describe(account);
            int voided = holds.voidAllOf(account);
            account.freeze(caseReference, clock.instant().truncatedTo(ChronoUnit.MICROS));
            events.fire(new AccountEvent(account.id, AccountEvent.What.FROZEN, caseReference, null, null, null, null));
            audit.done(actor, "account.freeze", target(accountId), reason, before, "frozen for case " + caseReference
                    + (voided == 0 ? "" : "; " + voided + " store hold" + (voided == 1 ? "" : "s") + " voided"));
            return Optional.empty();
        });
    }

    /** Unfreezes an account with nothing on its balance: nothing becomes spendable, so nobody else need agree. */
    public Optional<String> unfreezeEmpty(Actor actor, long accountId, String reason) {
        return retries.inTransaction("account-unfreeze", () -> {
            Optional<Account> found = Account.findByIdOptional(accountId, LockModeType.PESSIMISTIC_WRITE);
            if (found.isEmpty() || !found.get().isFrozen() || found.get().balanceMinor != 0) {
                return Optional.of("Only a frozen account with an empty balance is unfrozen at once.");
            }
            found.get().unfreeze();
            events.fire(new AccountEvent(accountId, AccountEvent.What.UNFROZEN, null, null, null, null, null));
            audit.done(actor, "account.unfreeze", target(accountId), reason, "frozen, empty balance", "not frozen");
            return Optional.empty();
        });
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.UNFREEZE;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return target(request.accountId);
    }

    private static Audit.Target target(long accountId) {
        return Audit.Target.account(accountId, "account " + accountId);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<Account> found = Account.findByIdOptional(request.accountId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Optional.of("That account doesn't exist.");
        }
        if (!found.get().isFrozen()) {
            return Optional.of("This account isn't frozen.");
        }
        if (found.get().id.equals(actor.ownAccountId())) {
            return Optional.of("Staff may not unfreeze their own account: ask a colleague.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Account account = Account.lockById(request.accountId);
        String before = describe(account);
        account.unfreeze();
        events.fire(new AccountEvent(account.id, AccountEvent.What.UNFROZEN, request.caseReference, null, null, null,
                null));
        return Done.changed(before, "not frozen: the balance of " + Ledger.amount(account.balanceMinor,
                account.currency) + " can be spent again");
    }

    private static String describe(Account account) {
        return (account.isFrozen() ? "frozen for case " + account.frozenForCase : "not frozen") + ", balance "
                + Ledger.amount(account.balanceMinor, account.currency) + ", held "
                + Ledger.amount(account.heldMinor, account.currency);
    }
}
