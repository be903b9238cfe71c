package org.giftportal.card;

import org.giftportal.approvals.ValueRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.ops.Retries;
import org.giftportal.site.Typed;

/**
 * What staff do to a card (block, unblock, cancel), each in one transaction with its audit entry. The card's row is
 * locked, and the action applies only to the card as the member of staff saw it (its version): two of them acting at
 * once, one wins and the other is told the card changed meanwhile. Nobody acts on their own card; refusals are
 * audited too. None of these writes a ledger entry: a card's value moves only when it is redeemed.
 */
@ApplicationScoped
public class CardDesk {
    static final int MIN_REASON = 5;
    static final int MAX_REASON = 500;
    private final Audit audit;
    private final Retries retries;
    private final Event<CardUnblocked> unblocked;

    private final java.time.Clock clock;

    private final CardEvents events;

    CardDesk(Audit audit, Retries retries, Event<CardUnblocked> unblocked, java.time.Clock clock, CardEvents events) {
        this.events = events;
        this.clock = clock;
        this.audit = audit;
        this.retries = retries;
        this.unblocked = unblocked;
    }

    /** The staff actions on a card, with their audit log names. */
    public enum Action {
        BLOCK("card.block"), UNBLOCK("card.unblock"), CANCEL("card.cancel");

        private final String auditName;

        Action(String auditName) {
            this.auditName = auditName;
        }

        public String auditName() {
            return auditName;
        }
    }

    /** What came of an action. */
    public sealed interface Result {
        record Done(CardStatus now) implements Result {
        }

        record Refused(String why) implements Result {
        }

        /** Someone changed the card after this member of staff last saw it. */
        record ChangedMeanwhile() implements Result {
        }

        record NotFound() implements Result {
        }
    }

    /** A reason as staff typed it, or why it can't be one. */
    public static Optional<String> reasonProblem(String reason) {
        String text = Typed.text(reason);
        if (text.length() < MIN_REASON) {
            return Optional.of("Say why, in a few words: the reason goes into the audit log.");
        }
        if (text.length() > MAX_REASON) {
            return Optional.of("Keep the reason under " + MAX_REASON + " characters.");
        }
        return Optional.empty();
    }

    public Result act(Actor actor, Action action, long cardId, long seenVersion, String reason) {
        String why = reason.strip();
        return retries.inTransaction("card-desk", () -> {
            GiftCard card = GiftCard.<GiftCard>findByIdOptional(cardId, LockModeType.PESSIMISTIC_WRITE).orElse(null);
            if (card == null) {
                return new Result.NotFound();
            }
            Audit.Target target = Audit.Target.card(card.id, card.cardNumber);
            if (card.version != seenVersion) {
                return new Result.ChangedMeanwhile();
            }
            if (isOwn(card, actor)) {
                String refusal = "Staff may not act on their own card: ask a colleague.";
                audit.refused(actor, action.auditName(), target, why, refusal);
                return new Result.Refused(refusal);
            }
            Optional<String> notNow = notAllowedNow(card, action);
            if (notNow.isPresent()) {
                audit.refused(actor, action.auditName(), target, why, notNow.get());
                return new Result.Refused(notNow.get());
            }
            String before = describe(card);
            switch (action) {
                case BLOCK -> {
                    card.block(clock.instant());
                    events.told(card, CardChanged.What.BLOCKED);
                }
                case UNBLOCK -> {
                    card.unblock(clock.instant());
                    unblocked.fire(new CardUnblocked(actor, card));
                    events.told(card, CardChanged.What.UNBLOCKED);
                }
                case CANCEL -> {
                    card.cancel(clock.instant());
                    events.told(card, CardChanged.What.CANCELLED);
                }
            }
            audit.done(actor, action.auditName(), target, why, before, describe(card));
            return new Result.Done(card.status);
        });
    }

    /** Why the card's state rules the action out, if it does. */
    private static Optional<String> notAllowedNow(GiftCard card, Action action) {
        return switch (action) {
            case BLOCK -> card.isUnused() ? Optional.empty()
                    : Optional.of("Only a card that hasn't been redeemed, blocked or cancelled can be blocked.");
            case UNBLOCK -> card.status == CardStatus.BLOCKED ? Optional.empty()
                    : Optional.of("This card isn't blocked.");
            case CANCEL -> card.status == CardStatus.IN_REVIEW
                    ? Optional.of("Its redemption is held for review: release or refuse it in the review queue.")
                    : card.status.isFinal()
                    ? Optional.of(card.status == CardStatus.REDEEMED
                            ? "A redeemed card can't be cancelled: its value is in a shopper's balance."
                            : "This card is cancelled already.")
                    : Optional.empty();
        };
    }

    /**
     * Whether the card is the member of staff's own: redeemed to their account, or the subject of a case they opened
     * as a shopper.
     */
    static boolean isOwn(GiftCard card, Actor actor) {
        if (actor.ownAccountId() == null) {
            return false;
        }
        if (actor.ownAccountId().equals(card.redeemedByAccountId)) {
            return true;
        }
        return GiftCard.getEntityManager().createQuery("select count(c) from SupportCase c"
                        + " where c.accountId = ?1 and c.cardCodeHash = ?2", Long.class)
                .setParameter(1, actor.ownAccountId()).setParameter(2, card.codeHash).getSingleResult() > 0;
    }

    /** The card's state as the audit log records it before and after. */
    static String describe(GiftCard card) {
        return "status " + card.status + (card.statusBeforeBlock == null ? "" : " (was " + card.statusBeforeBlock
                + ")");
    }

    /** A value request about a card: its value in its currency, the reason given, the form's key. */
    static ValueRequest valueRequest(ValueRequest.Kind kind, GiftCard card, String reason, String requestKey) {
        return ValueRequest.aboutCard(kind, card.id, card.amountMinor, card.currency, reason, requestKey);
    }
}
