package org.giftportal.card;

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

/** A till's sale of a physical card, which activated it; voided when the sale is cancelled before the card is used. */
@Entity
@Table(name = "card_activation")
public class TillSale extends PanacheEntityBase {
    public enum Status {
        ACTIVE, VOIDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "gift_card_id", nullable = false, updatable = false)
    public long giftCardId;

    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(name = "store_reference", nullable = false, updatable = false)
    public String storeReference;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    /** A copy read before the sale was voided (or sold again) can't void it again: its write is refused. */
    @Version
    long version;
}
