package org.giftportal.redeem;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.ops.Retries;

/**
 * Staff's decisions on redemptions held for review. Releasing credits the card to the account it was kept for, then
 * (one ledger entry, under the card's and the account's locks, as a redemption would); refusing blocks the card (an
 * investigation follows) or cancels it, and credits nothing. Each decision is audited, and a decision on a review that
 * changed meanwhile (decided by a colleague) is refused rather than repeated.
 */
@ApplicationScoped
public class ReviewDesk {
    private final Ledger ledger;
    private final Audit audit;
    private final Retries retries;
    private final Clock clock;
    private final Event<CardRedeemed> redeemed;

    private final Event<ReviewDecided> reviews;

    ReviewDesk(Ledger ledger, Audit audit, Retries retries, Clock clock, Event<CardRedeemed> redeemed,
            Event<ReviewDecided> reviews) {
        this.reviews = reviews;
        this.ledger = ledger;
        this.audit = audit;
        this.retries = retries;
        this.clock = clock;
        this.redeemed = redeemed;
    }

    /** The queue's gauges, from start-up on: read when the metrics are scraped, each in a transaction of its own. */
    void measure(@Observes StartupEvent started, MeterRegistry metrics) {
        Gauge.builder("portal.fraud.reviews.waiting", () -> QuarkusTransaction.requiringNew()
                .call(RedemptionReview::waitingCount))
                .description("Redemptions waiting for staff's review").register(metrics);
        Gauge.builder("portal.fraud.reviews.oldest.seconds", () -> QuarkusTransaction.requiringNew()
                .call(RedemptionReview::oldestWaiting)
                .map(held -> java.time.Duration.between(held, clock.instant()).toSeconds()).orElse(0L))
                .description("How long the oldest waiting review has waited").register(metrics);
    }

    /** What came of a decision. */
    public sealed interface Result {
        record Done(RedemptionReview review) implements Result {
        }

        record ChangedMeanwhile() implements Result {
        }

        record Refused(String why) implements Result {
        }
    }

    public Result release(Actor actor, long reviewId, long seenVersion, String note) {
        return decide(actor, reviewId, seenVersion, "review.release", note, (review, card, now) -> {
            Account account = Account.lockById(review.accountId);
            account.reviewEnded(review.amountMinor);
            card.releaseReview(now);
            LedgerEntry entry = ledger.creditRedemption(account, card, review.requestId);
            review.released(actor, entry.id, now);
            reviews.fire(new ReviewDecided(review.id, account.id, card.id, ReviewDecided.What.RELEASED,
                    review.amountMinor, review.currency));
            redeemed.fire(new CardRedeemed(account.id, card.id, card.batchReference, entry.id));
            return "released: credited to account " + account.id + " (entry " + entry.id + ")";
        });
    }

    public Result refuse(Actor actor, long reviewId, long seenVersion, CardStatus cardTo, String note) {
        return decide(actor, reviewId, seenVersion, "review.refuse", note, (review, card, now) -> {
            Account.lockById(review.accountId).reviewEnded(review.amountMinor);
            card.refuseReview(cardTo, now);
            review.refused(actor, cardTo, note, now);
            reviews.fire(new ReviewDecided(review.id, review.accountId, card.id, ReviewDecided.What.REFUSED,
                    review.amountMinor, review.currency));
            return "refused: nothing credited, card " + card.cardNumber + " " + cardTo.label();
        });
    }

    private interface Decision {
        String apply(RedemptionReview review, GiftCard card, Instant now);
    }

    private Result decide(Actor actor, long reviewId, long seenVersion, String action, String note,
            Decision decision) {
        return retries.inTransaction(action, () -> {
            // The card first, as a redemption locks it: a second attempt on the card waits for this decision. Only the
            // card's id is read before: the review itself is first read under its lock, as it is now.
            Optional<Long> cardId = RedemptionReview.cardOf(reviewId);
            if (cardId.isEmpty()) {
                return new Result.ChangedMeanwhile();
            }
            GiftCard card = GiftCard.findById(cardId.get(), LockModeType.PESSIMISTIC_WRITE);
            RedemptionReview review = RedemptionReview.lock(reviewId).orElseThrow();
            if (!review.isWaiting() || review.version() != seenVersion) {
                return new Result.ChangedMeanwhile();
            }
            Audit.Target target = Audit.Target.card(card.id, card.cardNumber);
            if (Long.valueOf(review.accountId).equals(actor.ownAccountId())) {
                String why = "Staff may not decide a review of their own redemption: ask a colleague.";
                audit.refused(actor, action, target, note, why);
                return new Result.Refused(why);
            }
            String after = decision.apply(review, card, clock.instant().truncatedTo(ChronoUnit.MICROS));
            audit.done(actor, action, target, note, "redemption held for review since " + review.heldAt + " ("
                    + review.rules + ")", after);
            return new Result.Done(review);
        });
    }
}
