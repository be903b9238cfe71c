package org.giftportal.redeem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.LedgerEntry;

/**
 * Redeems a claim code to an account: the transaction that spans the card, the account's balance and the ledger.
 *
 * <p>Exactly once, even under races: the card's row is locked for the transaction (two shoppers, two portal
 * instances: the second waits, then finds the card redeemed), and a form submitted twice finds the entry of its
 * first submission by its request id.
 */
@ApplicationScoped
public class RedemptionService {
    private final GiftCards cards;
    private final Ledger ledger;
    private final ClaimGuard guard;
    private final Event<CardRedeemed> redeemed;
    private final Clock clock;

    RedemptionService(GiftCards cards, Ledger ledger, ClaimGuard guard, Event<CardRedeemed> redeemed, Clock clock) {
        this.cards = cards;
        this.ledger = ledger;
        this.guard = guard;
        this.redeemed = redeemed;
        this.clock = clock;
    }

    /**
     * @param input what the shopper typed; never logged
     * @param requestId the form's one-time id, so a double submission credits once
     */
    public RedemptionOutcome redeem(Account account, String input, String clientAddress, String requestId) {
        ClaimCode.Parsed parsed = ClaimCode.parse(input);
        if (!parsed.isValid()) {
            return new RedemptionOutcome.Refused(new CodeProblem.Mistyped(parsed.problem()));
        }
        ClaimGuard.Admission admission = guard.begin(account.id, clientAddress);
        if (!admission.admitted()) {
            // A locked try never looks the code up.
            return new RedemptionOutcome.Refused(new CodeProblem.Locked(admission.lockedUntil()));
        }
        ClaimGuard.Attempt attempt = admission.attempt();
        return QuarkusTransaction.requiringNew().call(() -> {
            RedemptionOutcome outcome = redeemInTransaction(account.id, parsed.code(), requestId);
            boolean failed = outcome instanceof RedemptionOutcome.Refused refused
                    && refused.problem().countsAsFailedLookUp();
            return guard.settle(attempt, failed)
                    .<RedemptionOutcome>map(until -> new RedemptionOutcome.Refused(new CodeProblem.Locked(until)))
                    .orElse(outcome);
        });
    }

    private RedemptionOutcome redeemInTransaction(long accountId, ClaimCode code, String requestId) {
        Optional<LedgerEntry> earlier = LedgerEntry.findByRequest(accountId, requestId);
        if (earlier.isPresent()) {
            return new RedemptionOutcome.Redeemed(earlier.get());
        }
        Optional<GiftCard> found = cards.lockForRedemption(code);
        if (found.isEmpty()) {
            return new RedemptionOutcome.Refused(new CodeProblem.NotFound());
        }
        GiftCard card = found.get();
        Account account = Account.lockById(accountId);
        Instant now = clock.instant();
        CardVerdict verdict = card.verdictFor(account, now);
        if (verdict instanceof CardVerdict.AlreadyRedeemedByYou) {
            // A resubmission that waited on the card's lock while its twin redeemed it.
            Optional<LedgerEntry> twin = LedgerEntry.findByRequest(accountId, requestId);
            if (twin.isPresent()) {
                return new RedemptionOutcome.Redeemed(twin.get());
            }
        }
        if (!(verdict instanceof CardVerdict.Redeemable)) {
            return new RedemptionOutcome.Refused(new CodeProblem.CardRefused(verdict));
        }
        card.redeemBy(account, now);
        LedgerEntry entry = ledger.creditRedemption(account, card, requestId);
        redeemed.fire(new CardRedeemed(account.email, account.displayName, account.region, entry.amount(),
                card.maskedCode(), entry.balanceAfter(), entry.createdAt));
        return new RedemptionOutcome.Redeemed(entry);
    }
}
