package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Money;

/**
 * Takes back a card's value from the account that redeemed it, on the investigation of the shopper whose card it
 * was: a {@code CLAWBACK} entry of what the balance still has free, at most the card's value. What was spent already
 * is not taken (a balance never goes below zero): it is shown as lost. The request counts the card's whole value
 * against the limits, the most it can take.
 */
@ApplicationScoped
public class ClawBacks implements ValueAction {
    private final Ledger ledger;

    ClawBacks(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.CLAWBACK;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Audit.Target.account(request.accountId, "account " + request.accountId);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        // The card, then the account, in the order a redemption locks them.
        Optional<GiftCard> card = GiftCard.findByIdOptional(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Account> found = Account.findByIdOptional(request.accountId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty() || card.isEmpty()) {
            return Optional.of("That account or card doesn't exist.");
        }
        Account account = found.get();
        if (account.id.equals(actor.ownAccountId())) {
            return Optional.of("Staff may not take value from their own account: ask a colleague.");
        }
        if (card.get().status != CardStatus.REDEEMED || !account.id.equals(card.get().redeemedByAccountId)) {
            return Optional.of("Card " + card.get().formattedCardNumber() + " was not redeemed to this account.");
        }
        if (LedgerEntry.findClawBackOf(request.cardId).isPresent()) {
            return Optional.of("This card's value was taken back already.");
        }
        if (!account.isFrozen()) {
            // A card's value is taken back once: from a frozen account, whose holds were voided, so none of it is
            // kept out of reach by an order in progress.
            return Optional.of("Freeze the account first: that voids its store holds, so everything left of the card"
                    + " can be taken back at once.");
        }
        if (Ledger.clawable(account, card.get()) == 0) {
            return Optional.of("Nothing of this card's value is left on the balance: it was spent. The loss stays as"
                    + " it is.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        GiftCard card = GiftCard.findById(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        Account account = Account.lockById(request.accountId);
        long before = account.balanceMinor;
        LedgerEntry entry = ledger.clawBack(account, card, request.caseReference)
                .orElseThrow(() -> new NotPossible("Nothing of this card's value is left on the balance."));
        long taken = -entry.amountMinor;
        String lost = taken < card.amountMinor
                ? "; " + Ledger.amount(card.amountMinor - taken, card.currency) + " was spent and is lost" : "";
        return Done.changed("balance " + Ledger.amount(before, account.currency), "balance "
                + Ledger.amount(entry.balanceAfterMinor, account.currency) + " after taking back "
                + Ledger.amount(taken, account.currency) + " of card " + card.cardNumber + " (worth "
                + Ledger.amount(card.amountMinor, card.currency) + lost + "), entry " + entry.id + ", on case "
                + request.caseReference);
    }

}
