package org.giftportal.card;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A batch of cards issued together by the back office: a name, a value per card, how many, and whether they are
 * physical (issued unsold, activated when a till sells them) or online (active at once). Its cards carry its
 * reference; nothing keeps their claim codes.
 */
@Entity
@Table(name = "card_batch")
public class CardBatch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String reference;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String region;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "card_value_minor", nullable = false, updatable = false)
    public long cardValueMinor;

    @Column(name = "card_count", nullable = false, updatable = false)
    public int cardCount;

    @Column(nullable = false, updatable = false)
    public boolean physical;

    /** The request that issued it: one batch per request, however often its form is sent. */
    @Column(name = "value_request_id", nullable = false, updatable = false)
    public long valueRequestId;

    @Column(name = "issued_by_subject", nullable = false, updatable = false)
    public String issuedBySubject;

    @Column(name = "issued_by_name", nullable = false, updatable = false)
    public String issuedByName;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public Instant issuedAt;

    public static Optional<CardBatch> findByReference(String reference) {
        return find("reference", reference).singleResultOptional();
    }
}
