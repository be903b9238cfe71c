package org.giftportal.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** A captured hold: the purchase entry it wrote, and how much of it was refunded (never more than it). */
@Entity
@Table(name = "store_capture")
public class Capture extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "hold_id", nullable = false, updatable = false)
    public long holdId;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    /** Written by the refund's guarded update only (never from this copy): see {@link Holds#refund}. */
    @Column(name = "refunded_minor", nullable = false, insertable = false, updatable = false)
    public long refundedMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "ledger_entry_id", nullable = false, updatable = false)
    public long ledgerEntryId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Version
    long version;

    public static Optional<Capture> ofHold(long holdId) {
        return find("holdId", holdId).firstResultOptional();
    }

    public long refundableMinor() {
        return amountMinor - refundedMinor;
    }

}
