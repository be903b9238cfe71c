package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.card.CardIssuing;
import org.giftportal.card.CardReissued;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;

/**
 * Gives the value of a card someone else redeemed back to the shopper it was taken from, on their case: as a new card
 * (its code emailed to them) or as a credit to their balance. A replacement can't do this (it refuses redeemed cards:
 * their value is in a balance), so this is a request of its own kind, and a card's value is reissued at most once
 * (the database holds that too). It creates value, whatever was clawed back: the request counts the card's value.
 */
@ApplicationScoped
public class Reissues implements ValueAction {
    /** How the value goes back. */
    public enum As {
        CARD, CREDIT
    }

    private final CardIssuing issuing;
    private final Ledger ledger;
    private final Event<CardReissued> reissued;

    private final Event<AccountEvent> events;

    Reissues(CardIssuing issuing, Ledger ledger, Event<CardReissued> reissued, Event<AccountEvent> events) {
        this.events = events;
        this.issuing = issuing;
        this.ledger = ledger;
        this.reissued = reissued;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.REISSUE;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return new Audit.Target(AuditEntry.TargetType.CARD, request.cardId,
                GiftCard.<GiftCard>findByIdOptional(request.cardId).map(card -> card.cardNumber).orElse(null));
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        // The taken card's row is the turnstile: two approvals of two requests for it run one after the other.
        Optional<GiftCard> found = GiftCard.findByIdOptional(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Account> victim = Account.findByIdOptional(request.accountId);
        if (found.isEmpty() || victim.isEmpty()) {
            return Optional.of("That card or account doesn't exist.");
        }
        GiftCard card = found.get();
        if (card.status != CardStatus.REDEEMED) {
            return Optional.of("Card " + card.formattedCardNumber() + " is " + card.status.label() + ", not redeemed:"
                    + " a card nobody redeemed is replaced, not reissued.");
        }
        if (victim.get().id.equals(card.redeemedByAccountId)) {
            return Optional.of("This shopper redeemed the card themselves: there is nothing to give back.");
        }
        if (victim.get().id.equals(actor.ownAccountId())) {
            return Optional.of("Staff may not reissue value to themselves: ask a colleague.");
        }
        if (!victim.get().region.equals(card.region)) {
            return Optional.of("The card is for another region than this shopper's balance.");
        }
        if (isReissued(card.id)) {
            return Optional.of("This card's value was reissued already.");
        }
        if (As.valueOf(request.reissueAs) == As.CARD && victim.get().verifiedEmail().isEmpty()) {
            return Optional.of("The shopper has no verified email address, so a new card's code couldn't reach them:"
                    + " reissue the value as a credit, or ask them to verify their address first.");
        }
        return Optional.empty();
    }

    /** Whether a card's value was reissued already (done, not just asked for): at most once, the database holds. */
    public static boolean isReissued(long cardId) {
        return ValueRequest.count("kind = ?1 and status = ?2 and cardId = ?3", ValueRequest.Kind.REISSUE,
                ValueRequest.Status.DONE, cardId) > 0;
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        GiftCard taken = GiftCard.findById(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        String value = Ledger.amount(taken.amountMinor, taken.currency);
        events.fire(new AccountEvent(request.accountId, AccountEvent.What.VALUE_REISSUED, request.caseReference,
                taken.id, taken.amountMinor, taken.currency, As.valueOf(request.reissueAs).name()
                        .toLowerCase(java.util.Locale.ROOT)));
        if (As.valueOf(request.reissueAs) == As.CREDIT) {
            LedgerEntry entry = ledger.recordAdjustment(request.accountId, taken.amountMinor, "value of card "
                    + taken.maskedCode() + " given back", request.caseReference);
            return Done.changed("card " + taken.cardNumber + " redeemed by account " + taken.redeemedByAccountId,
                    value + " credited to account " + request.accountId + " (entry " + entry.id + ") on case "
                            + request.caseReference);
        }
        IssuedCard card = issuing.issueReissue(taken);
        reissued.fire(new CardReissued(actor, taken, card, request.accountId, request.caseReference));
        return Done.changed("card " + taken.cardNumber + " redeemed by account " + taken.redeemedByAccountId,
                "new card " + card.card().cardNumber + " worth " + value + " issued for account " + request.accountId
                        + "; its code is emailed to them, on case " + request.caseReference);
    }
}
