package org.giftportal.ledger;

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
import java.util.Optional;

/**
 * Part of a balance kept aside for one store order until the store captures it (a purchase), voids it, or it lapses.
 * While active, its amount counts in the account's held amount; it ends exactly once.
 */
@Entity
@Table(name = "store_hold")
public class Hold extends PanacheEntityBase {
    public enum Status {
        ACTIVE, CAPTURED, VOIDED, EXPIRED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(name = "order_reference", nullable = false, updatable = false)
    public String orderReference;

    @Column(nullable = false, updatable = false)
    public String currency;

    /** What the store asked the balance to pay: the amount, or the eligible line items' total. */
    @Column(name = "requested_minor", nullable = false, updatable = false)
    public long requestedMinor;

    /** What is held: the request capped by the balance available when it was placed. */
    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** A copy read before another transaction ended the hold can't end it again: its write is refused. */
    @Version
    long version;

    /**
     * The hold with its row locked until the transaction ends, read as the last commit left it (a copy this
     * transaction read earlier and someone changed meanwhile fails here, on its version, instead of being used).
     */
    static Optional<Hold> lock(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Active, and not past its time: a lapsed hold can't be captured even before the job has released it. */
    public boolean isCapturable(Instant now) {
        return status == Status.ACTIVE && now.isBefore(expiresAt);
    }

    void end(Status how, Instant now) {
        if (status != Status.ACTIVE || how == Status.ACTIVE) {
            throw new IllegalStateException("Hold " + id + " is " + status + " already");
        }
        status = how;
        endedAt = now;
    }
}
