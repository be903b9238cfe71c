package org.giftportal.approvals;

import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.giftportal.audit.Actor;

/**
 * A staff action that creates or moves value, as asked: what, for how much, by whom and why; and, once decided, by
 * whom and what came of it. Done at once when it is within its requester's limits, otherwise it waits for a second
 * person of the same desk (another admin in the back office, another cashier of the same store at a till). The
 * database holds the two-person rule too: whoever decides is never whoever asked.
 */
@Entity
@Table(name = "value_request")
public class ValueRequest extends PanacheEntityBase {

    /** What the action is; each kind is carried out by its feature's {@link ValueAction}. */
    public enum Kind {
        ADJUSTMENT("Balance adjustment"), ISSUE("Issue cards"), ACTIVATE("Activate cards"),
        REPLACE("Replace a lost card"), GIFTS("Send gift cards"), GIFT_ADDRESS("Correct a gift's address"),
        TILL_REFUND("Refund at the till"), TILL_ACTIVATION("Card sold at the till"),
        CLAWBACK("Take back a card's value"), REISSUE("Reissue a card's value"),
        UNFREEZE("Let a frozen account spend again"), CASH_OUT("Pay a small balance out in cash");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Status {
        /** Waiting for a second admin. */
        PENDING,
        /** Carried out. */
        DONE,
        /** A second admin said no. */
        REJECTED,
        /** Approved, but the facts had changed and it could not be carried out (the reason is the outcome). */
        FAILED,
        /** Taken back by whoever asked, before anyone decided it. */
        WITHDRAWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The value created or moved, always positive: what the limits count. */
    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    /** The action in plain words, for lists and the audit log. */
    @Column(nullable = false, updatable = false)
    public String summary;

    /** Why, as the requester wrote it: for staff only. */
    @Column(nullable = false, updatable = false)
    public String reason;

    @Column(name = "request_key", nullable = false, updatable = false)
    public String requestKey;

    /** Where it is decided, and under whose limits: the back office, or one store's till ({@link Desk}). */
    @Column(nullable = false, updatable = false)
    public String desk = Desk.BACK_OFFICE.key();

    @Column(name = "account_id", updatable = false)
    public Long accountId;

    /** An adjustment's amount: positive credits, negative debits. */
    @Column(name = "signed_amount_minor", updatable = false)
    public Long signedAmountMinor;

    /** What the shopper reads in their history about an adjustment. */
    @Column(name = "shopper_text", updatable = false)
    public String shopperText;

    @Column(name = "case_reference", updatable = false)
    public String caseReference;

    @Column(name = "card_id", updatable = false)
    public Long cardId;

    /** The card as the requester saw it: a card changed since is not replaced on an old picture of it. */
    @Column(name = "card_version", updatable = false)
    public Long cardVersion;

    @Column(name = "batch_reference", updatable = false)
    public String batchReference;

    @Column(name = "batch_name", updatable = false)
    public String batchName;

    @Column(updatable = false)
    public String region;

    @Column(name = "card_value_minor", updatable = false)
    public Long cardValueMinor;

    @Column(name = "card_count", updatable = false)
    public Integer cardCount;

    @Column(updatable = false)
    public Boolean physical;

    /** A till refund's payment. */
    @Column(name = "till_payment_id", updatable = false)
    public Long tillPaymentId;

    /** An address correction's gift, and the address it is to go to. */
    @Column(name = "gift_id", updatable = false)
    public Long giftId;

    @Column(name = "new_address", updatable = false)
    public String newAddress;

    /** A till's sale of a card: the receipt it was sold on (the store's point-of-sale system's, or the till's own). */
    @Column(name = "sale_reference", updatable = false)
    public String saleReference;

    /** How a reissue gives the value back: {@code CARD} (a new card, emailed) or {@code CREDIT} (to the balance). */
    @Column(name = "reissue_as", updatable = false)
    public String reissueAs;

    /** How a cash pay-out is paid (a {@code PaidBy} of the ledger), and its reference; only for {@code CASH_OUT}. */
    @Column(name = "paid_by", updatable = false)
    public String paidBy;

    @Column(name = "payout_reference", updatable = false)
    public String payoutReference;

    @Column(name = "requested_by_subject", nullable = false, updatable = false)
    public String requestedBySubject;

    @Column(name = "requested_by_name", nullable = false, updatable = false)
    public String requestedByName;

    @Column(name = "requested_at", nullable = false, updatable = false)
    public Instant requestedAt;

    @Column(name = "needs_approval", nullable = false, updatable = false)
    public boolean needsApproval;

    @Column(name = "decided_by_subject")
    public String decidedBySubject;

    @Column(name = "decided_by_name")
    public String decidedByName;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    /** What came of it, in plain words: the change made, or why it could not be made. */
    public String outcome;

    @Version
    long version;

    public long version() {
        return version;
    }

    /**
     * A request about one card, for its value in its currency, with the reason staff gave (trimmed) and the form's
     * one-time key (a new one if the form brought none): what each kind then adds is the caller's.
     */
    public static ValueRequest aboutCard(Kind kind, long cardId, long valueMinor, String currency, String reason,
            String requestKey) {
        ValueRequest request = new ValueRequest();
        request.kind = kind;
        request.currency = currency;
        request.amountMinor = valueMinor;
        request.cardId = cardId;
        request.reason = reason.strip();
        request.requestKey = org.giftportal.web.RequestIds.orNew(requestKey);
        return request;
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    public boolean requestedBy(Actor actor) {
        return requestedBySubject.equals(actor.subject());
    }

    /** Back to not yet stored, as before a rolled-back attempt to store it. */
    void forgetAttempt() {
        id = null;
        version = 0;
    }

    /** Carried out, by the requester alone or after a second admin's approval. */
    void done(Actor approver, String what, Instant now) {
        requirePending();
        status = Status.DONE;
        outcome = what;
        decide(approver, now);
    }

    void rejected(Actor approver, String note, Instant now) {
        requirePending();
        status = Status.REJECTED;
        decisionNote = note;
        decide(approver, now);
    }

    void failed(Actor approver, String why, Instant now) {
        requirePending();
        status = Status.FAILED;
        outcome = why;
        decide(approver, now);
    }

    /** Taken back by whoever asked: nobody decided it, and nothing was done. */
    void withdrawn(Actor requester, Instant now) {
        requirePending();
        if (!requestedBy(requester)) {
            throw new IllegalStateException("Only whoever asked may withdraw request " + id);
        }
        status = Status.WITHDRAWN;
        outcome = "withdrawn by " + requester.name();
        decidedAt = now;
    }

    public Desk desk() {
        return new Desk(desk);
    }

    private void decide(Actor approver, Instant now) {
        if (approver == null) {
            return; // within the requester's limits: nobody else decided
        }
        if (requestedBy(approver)) {
            throw new IllegalStateException("The requester can't decide their own request " + id);
        }
        decidedBySubject = approver.subject();
        decidedByName = approver.name();
        decidedAt = now;
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new IllegalStateException("Request " + id + " is " + status + " already");
        }
    }

    /**
     * The printed number of the card the request is about, if it is about one. Read by the entity's name: the approval
     * engine sits below the cards and knows none of their classes.
     */
    public Optional<String> cardNumber() {
        return cardId == null ? Optional.empty() : getEntityManager().createQuery("select c.cardNumber from GiftCard c"
                + " where c.id = ?1", String.class).setParameter(1, cardId).getResultStream().findFirst();
    }
}
