package org.giftportal.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Part of a capture given back to the balance (the order, or part of it, was returned). */
@Entity
@Table(name = "store_refund")
public class Refund extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "capture_id", nullable = false, updatable = false)
    public long captureId;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(name = "ledger_entry_id", nullable = false, updatable = false)
    public long ledgerEntryId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The approved request this refund carried out, if it needed one (a till's): one refund per request. */
    @Column(name = "value_request_id", updatable = false)
    public Long valueRequestId;

    public static List<Refund> ofCapture(long captureId) {
        return list("captureId = ?1 order by id", captureId);
    }
}
