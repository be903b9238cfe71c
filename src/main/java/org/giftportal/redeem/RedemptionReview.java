package org.giftportal.redeem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.card.CardStatus;
import org.giftportal.site.Money;

/**
 * A redemption held for staff's review because it looked like a scam's (the rules it matched), and what staff
 * decided: released (the card is credited then, by the entry named here) or refused (the card blocked or cancelled).
 * A card waits in at most one review at a time; the database holds that.
 */
@Entity
@Table(name = "redemption_review")
public class RedemptionReview extends PanacheEntityBase {

    public enum Status {
        WAITING, RELEASED, REFUSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "gift_card_id", nullable = false, updatable = false)
    public long giftCardId;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(nullable = false, updatable = false)
    public String region;

    /** The rules it matched, in staff's words, separated by "; ". */
    @Column(nullable = false, updatable = false)
    public String rules;

    /** The form submission that redeemed it: the entry that credits it on release carries the same id. */
    @Column(name = "request_id", nullable = false, updatable = false)
    public String requestId;

    @Column(name = "held_at", nullable = false, updatable = false)
    public Instant heldAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "decided_by_subject")
    public String decidedBySubject;

    @Column(name = "decided_by_name")
    public String decidedByName;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_refused_as")
    public CardStatus cardRefusedAs;

    @Column(name = "ledger_entry_id")
    public Long ledgerEntryId;

    @Version
    long version;

    public long version() {
        return version;
    }

    public Money amount() {
        return Money.of(amountMinor, currency);
    }

    public boolean isWaiting() {
        return status == Status.WAITING;
    }

    static Optional<RedemptionReview> waitingFor(long cardId) {
        return find("giftCardId = ?1 and status = ?2", cardId, Status.WAITING).singleResultOptional();
    }

    /** The card a review is about, read without loading the review (whose row is locked next, after the card's). */
    static Optional<Long> cardOf(long id) {
        return getEntityManager().createQuery("select r.giftCardId from RedemptionReview r where r.id = ?1", Long.class)
                .setParameter(1, id).getResultStream().findFirst();
    }

    static Optional<RedemptionReview> lock(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The review a form submission made, if it made one (its answer lost, or the form sent twice). */
    static Optional<RedemptionReview> byRequest(long accountId, String requestId) {
        // A form may be sent again for another card (Back, a new code): the newest review of the id is this one's.
        return find("accountId = ?1 and requestId = ?2 order by id desc", accountId, requestId).firstResultOptional();
    }

    /** The queue: reviews waiting, oldest first. */
    public static List<RedemptionReview> waiting(int limit) {
        return find("status = ?1 order by heldAt, id", Status.WAITING).page(0, limit).list();
    }

    /** When the oldest waiting review was held, if any waits. */
    public static Optional<Instant> oldestWaiting() {
        return find("status = ?1 order by heldAt", Status.WAITING).firstResultOptional()
                .map(review -> ((RedemptionReview) review).heldAt);
    }

    public static long waitingCount() {
        return count("status", Status.WAITING);
    }


    /** The reviews of one account, newest first (an investigation's facts). */
    public static List<RedemptionReview> ofAccount(long accountId) {
        return list("accountId = ?1 order by heldAt desc", accountId);
    }

    void released(Actor actor, long entryId, Instant now) {
        decide(actor, now);
        status = Status.RELEASED;
        ledgerEntryId = entryId;
    }

    void refused(Actor actor, CardStatus cardNow, String note, Instant now) {
        decide(actor, now);
        status = Status.REFUSED;
        cardRefusedAs = cardNow;
        decisionNote = note;
    }

    private void decide(Actor actor, Instant now) {
        if (status != Status.WAITING) {
            throw new IllegalStateException("Review " + id + " is " + status + " already");
        }
        decidedBySubject = actor.subject();
        decidedByName = actor.name();
        decidedAt = now;
    }
}
