package org.giftportal.ledger;

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
import java.util.Optional;
import org.giftportal.card.ClaimCode;
import org.hibernate.annotations.Immutable;
import org.giftportal.site.Money;

/**
 * One change of one account's balance, with the balance after it. Append-only: Hibernate never updates it and the
 * database refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type", nullable = false)
    public EntryType type;

    /** Signed: positive adds to the balance, negative takes from it. */
    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(name = "balance_after_minor", nullable = false)
    public long balanceAfterMinor;

    @Column(nullable = false)
    public String currency;

    @Column(name = "gift_card_id")
    public Long giftCardId;

    @Column(name = "card_last4")
    public String cardLast4;

    public String description;

    /** The store's order number of a purchase or refund. */
    public String reference;

    /** The form submission that caused it, so a resubmitted form finds the entry instead of posting twice. */
    @Column(name = "request_id")
    public String requestId;

    /** How a cash pay-out was paid; only on {@code CASH_OUT} entries. */
    @Column(name = "paid_by")
    @Enumerated(EnumType.STRING)
    public PaidBy paidBy;

    /** The pay-out's own reference (the transfer's, the cheque's number, the store receipt's). */
    @Column(name = "payout_reference")
    public String payoutReference;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The entry that credited a card, if it has been redeemed: there is at most one. */
    public static Optional<LedgerEntry> findRedemptionOf(long giftCardId) {
        return find("giftCardId = ?1 and type = ?2", giftCardId, EntryType.REDEMPTION).singleResultOptional();
    }

    /** The entry that took a card's value back from whoever redeemed it, if one did: there is at most one. */
    public static Optional<LedgerEntry> findClawBackOf(long giftCardId) {
        return find("giftCardId = ?1 and type = ?2", giftCardId, EntryType.CLAWBACK).singleResultOptional();
    }

    /** The redemption a form submission made, if it made one (looked up when its answer was lost). */
    public static Optional<LedgerEntry> findByRequest(long accountId, String requestId) {
        return find("accountId = ?1 and requestId = ?2 and type = ?3", accountId, requestId, EntryType.REDEMPTION)
                .singleResultOptional();
    }

    /** An entry of the account, or nothing: one shopper's entries are never found through another's account. */
    public static Optional<LedgerEntry> findOwned(long accountId, long entryId) {
        return find("id = ?1 and accountId = ?2", entryId, accountId).singleResultOptional();
    }

    /** The account's latest redemptions, newest first. */
    public static java.util.List<LedgerEntry> recentRedemptions(long accountId, int limit) {
        return find("accountId = ?1 and type = ?2 order by createdAt desc, id desc", accountId, EntryType.REDEMPTION)
                .page(0, limit).list();
    }

    public Money amount() {
        return Money.of(amountMinor, currency);
    }

    public Money balanceAfter() {
        return Money.of(balanceAfterMinor, currency);
    }

    public Optional<String> maskedCode() {
        return Optional.ofNullable(cardLast4).map(ClaimCode::masked);
    }
}
