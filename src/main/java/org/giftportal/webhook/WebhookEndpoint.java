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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Where one API client wants to hear about events: an address, the event types, enabled or paused, and its signing
 * secret (encrypted; while a rotation overlaps, the previous one too).
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {
    public enum Status {
        ENABLED, PAUSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(nullable = false)
    public String url;

    /** The event types, space-separated keys ("card.redeemed balance.debited"). */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(name = "secret_cipher", nullable = false)
    public byte[] secretCipher;

    @Column(name = "previous_secret_cipher")
    public byte[] previousSecretCipher;

    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;

    /** Whether the events it hears carry the shopper's (or a gift recipient's) email address; off unless chosen. */
    @Column(name = "allow_email", nullable = false)
    public boolean allowEmail;

    /** Who is told when the portal pauses it for failing: the receiver's team, or the admin who set it up. */
    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    /** How many of its deliveries were dropped after the retention, never taken. */
    @Column(name = "dropped_count", nullable = false)
    public long droppedCount;

    /** Since when its deliveries have failed without a success in between; null while they succeed. */
    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_by_subject", nullable = false, updatable = false)
    public String createdBySubject;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public List<EventType> types() {
        return Arrays.stream(eventTypes.split(" ")).map(EventType::of).flatMap(java.util.Optional::stream).toList();
    }

    public boolean wants(EventType type) {
        return types().contains(type);
    }

    public boolean isPaused() {
        return status == Status.PAUSED;
    }

    void pause(String why, Instant now) {
        status = Status.PAUSED;
        pausedReason = why;
        updatedAt = now;
    }

    void resume(Instant now) {
        status = Status.ENABLED;
        pausedReason = null;
        failingSince = null;
        updatedAt = now;
    }
}
