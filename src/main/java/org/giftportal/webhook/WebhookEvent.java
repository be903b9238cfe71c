package org.giftportal.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** What happened, once, as the JSON every delivery of it sends, under the webhook-id they all carry. */
@Entity
@Immutable
@Table(name = "webhook_event")
public class WebhookEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The webhook-id: "msg_" and 26 random characters. */
    @Column(name = "public_id", nullable = false)
    public String publicId;

    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "account_id")
    public Long accountId;

    @Column(nullable = false)
    public String payload;

    /**
     * The address the event concerns (the shopper's, or a gift recipient's), kept only when an endpoint that hears it
     * may receive addresses, and added to the data sent to those endpoints alone.
     */
    public String email;
}
