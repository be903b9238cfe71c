package org.giftportal.pay;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.giftportal.audit.Actor;

/**
 * A refund asked at the till, of a payment taken at the same store: done at once up to the store's limit, above it
 * once a second person of the store approves. Whoever decides is never whoever asked (the database checks it too).
 */
@Entity
@Table(name = "till_refund")
public class TillRefund extends PanacheEntityBase {
    public enum Status {
        PENDING, DONE, REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "payment_id", nullable = false, updatable = false)
    public long paymentId;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(nullable = false, updatable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "needs_approval", nullable = false, updatable = false)
    public boolean needsApproval;

    @Column(name = "request_key", nullable = false, updatable = false)
    public String requestKey;

    @Column(name = "requested_by_subject", nullable = false, updatable = false)
    public String requestedBySubject;

    @Column(name = "requested_by_name", nullable = false, updatable = false)
    public String requestedByName;

    @Column(name = "requested_at", nullable = false, updatable = false)
    public Instant requestedAt;

    @Column(name = "decided_by_subject")
    public String decidedBySubject;

    @Column(name = "decided_by_name")
    public String decidedByName;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "store_refund_id")
    public Long storeRefundId;

    static TillRefund asked(TillPayment payment, long amountMinor, String reason, boolean needsApproval, String key,
            Actor asker, Instant now) {
        TillRefund refund = new TillRefund();
        refund.paymentId = payment.id;
        refund.amountMinor = amountMinor;
        refund.reason = reason;
        refund.status = Status.PENDING;
        refund.needsApproval = needsApproval;
        refund.requestKey = key;
        refund.requestedBySubject = asker.subject();
        refund.requestedByName = asker.name();
        refund.requestedAt = now;
        return refund;
    }

    /** Carried out: the store API refund it made, and who approved it if anyone had to. */
    void done(long storeRefundId, Actor approver, Instant now) {
        requirePending();
        status = Status.DONE;
        this.storeRefundId = storeRefundId;
        if (approver != null) {
            decided(approver, now);
        }
    }

    void rejected(Actor decider, Instant now) {
        requirePending();
        status = Status.REJECTED;
        decided(decider, now);
    }

    boolean askedBy(Actor actor) {
        return requestedBySubject.equals(actor.subject());
    }

    private void decided(Actor decider, Instant now) {
        if (askedBy(decider)) {
            throw new IllegalStateException("Refund " + id + " can't be decided by whoever asked for it");
        }
        decidedBySubject = decider.subject();
        decidedByName = decider.name();
        decidedAt = now;
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new IllegalStateException("Refund " + id + " is " + status + " already");
        }
    }

    static Optional<TillRefund> byKey(String key) {
        return find("requestKey", key).firstResultOptional();
    }

    static Optional<TillRefund> lock(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    static List<TillRefund> ofPayment(long paymentId) {
        return list("paymentId = ?1 order by id", paymentId);
    }

    /** Refunds of the store's payments waiting for a second person, oldest first. */
    static List<TillRefund> pendingAt(String storeCode) {
        return list("status = ?1 and paymentId in (select p.id from TillPayment p where p.storeCode = ?2)"
                + " order by requestedAt", Status.PENDING, storeCode);
    }
}
