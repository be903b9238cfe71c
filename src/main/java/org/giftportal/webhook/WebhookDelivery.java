package org.giftportal.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event to one endpoint: pending until the receiver takes it (any 2xx), or dropped after the retention. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    public enum Status {
        PENDING, SENT, DROPPED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public long endpointId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public long eventId;

    /** Events with the same key reach the endpoint in the order they happened: the account's, or the card's. */
    @Column(name = "ordering_key", nullable = false, updatable = false)
    public String orderingKey;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    void sent(int statusCode, Instant now) {
        status = Status.SENT;
        attempts++;
        lastStatusCode = statusCode;
        lastError = null;
        sentAt = now;
        claimedBy = null;
        claimedUntil = null;
    }

    void failed(Integer statusCode, String error, Instant retryAt) {
        attempts++;
        lastStatusCode = statusCode;
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        nextAttemptAt = retryAt;
        claimedBy = null;
        claimedUntil = null;
    }

    /** Sent again by an admin: due now, attempts counted afresh. */
    void again(Instant now) {
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        sentAt = null;
        claimedBy = null;
        claimedUntil = null;
    }
}
