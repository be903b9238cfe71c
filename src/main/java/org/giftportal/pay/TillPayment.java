package org.giftportal.pay;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A payment at a store's till: the pay code it used (once: a unique key), the store API hold it placed, and who took
 * it where. The hold says whether it was taken (captured), cancelled (voided) or lapsed.
 */
@Entity
@Table(name = "till_payment")
public class TillPayment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The receipt number, also the order reference of the purchase in the shopper's history. */
    @Column(nullable = false, updatable = false)
    public String reference;

    @Column(name = "store_code", nullable = false, updatable = false)
    public String storeCode;

    @Column(name = "pay_code_id", nullable = false, updatable = false)
    public long payCodeId;

    @Column(name = "attempt_id", nullable = false, updatable = false)
    public String attemptId;

    @Column(name = "hold_id", nullable = false, updatable = false)
    public long holdId;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    /** What the cashier asked the balance to pay; none: all of it. */
    @Column(name = "asked_minor", updatable = false)
    public Long askedMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "cashier_subject", nullable = false, updatable = false)
    public String cashierSubject;

    @Column(name = "cashier_name", nullable = false, updatable = false)
    public String cashierName;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Version
    long version;

    /** A payment of this store: another store's payments are not found through its till. */
    static Optional<TillPayment> atStore(long id, String storeCode) {
        return find("id = ?1 and storeCode = ?2", id, storeCode).firstResultOptional();
    }

    /** The same, its row locked until the transaction ends: one change of a payment at a time. */
    static Optional<TillPayment> lockAtStore(long id, String storeCode) {
        return find("id = ?1 and storeCode = ?2", id, storeCode).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** The payment a pay code made, read as committed (locking): a twin request waits for it. */
    static Optional<TillPayment> ofPayCode(long payCodeId) {
        return find("payCodeId", payCodeId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    static Optional<TillPayment> ofHold(long holdId) {
        return find("holdId", holdId).firstResultOptional();
    }

    static List<TillPayment> latestAt(String storeCode, int limit) {
        return find("storeCode = ?1 order by createdAt desc, id desc", storeCode).page(0, limit).list();
    }
}
