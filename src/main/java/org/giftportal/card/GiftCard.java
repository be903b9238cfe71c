package org.giftportal.card;

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
import org.giftportal.account.Account;

/**
 * A gift card. It decides for itself whether it can be redeemed and by whom; its claim code is known only by its
 * keyed hash and last four characters.
 */
@Entity
@Table(name = "gift_card")
public class GiftCard extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The public number printed on the card (see {@link CardNumber}): finds a card, never redeems one. */
    @Column(name = "card_number", nullable = false, updatable = false, columnDefinition = "char(16)")
    public String cardNumber;

    @Column(name = "code_hash", nullable = false, updatable = false, columnDefinition = "binary(32)")
    byte[] codeHash;

    @Column(name = "code_last4", nullable = false, updatable = false)
    public String codeLast4;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(nullable = false, updatable = false)
    public String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CardStatus status;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "batch_reference", updatable = false)
    public String batchReference;

    @Column(name = "redeemed_by_account_id")
    public Long redeemedByAccountId;

    @Column(name = "redeemed_at")
    public Instant redeemedAt;

    /** What unblocking returns the card to: set while it is blocked, and only then. */
    @Enumerated(EnumType.STRING)
    @Column(name = "status_before_block")
    public CardStatus statusBeforeBlock;

    /** When it was sold and activated (at issue for cards sold online); unknown for cards from before. */
    @Column(name = "activated_at")
    public Instant activatedAt;

    /** The lost or stolen card this one replaced, if it is a replacement. */
    @Column(name = "replaces_card_id", updatable = false)
    public Long replacesCardId;

    /** The card that replaced this one: set when it was cancelled as lost or stolen. */
    @Column(name = "replaced_by_card_id")
    public Long replacedByCardId;

    /** The card someone else redeemed whose value this one gives back to its shopper, if it is a reissue. */
    @Column(name = "reissues_card_id", updatable = false)
    public Long reissuesCardId;

    /** While its redemption waits for review: the account it is reserved to, and since when. */
    @Column(name = "reserved_for_account_id")
    public Long reservedForAccountId;

    @Column(name = "reserved_at")
    public Instant reservedAt;

    /**
     * Where it was redeemed (or held for review) from, for an investigation: the client's network as the claim-code
     * lock counts it, the browser's family, and when; forgotten after the retention (housekeeping).
     */
    /**
     * When its value state last changed, by the portal's clock: the card value journal's row for the change is dated
     * by it (written by the database, with the change).
     */
    @Column(name = "state_changed_at")
    public Instant stateChangedAt;

    /** When it was first reported lost or stolen (blocked), whatever became of it after: a review rule's signal. */
    @Column(name = "first_blocked_at")
    public Instant firstBlockedAt;

    @Column(name = "traced_network")
    public String tracedNetwork;

    @Column(name = "traced_device")
    public String tracedDevice;

    @Column(name = "traced_at")
    public Instant tracedAt;

    @Version
    long version;

    public long version() {
        return version;
    }

    /** Finds a card by its code's hash, locking its row until the transaction ends: one redemption at a time. */
    static Optional<GiftCard> findByHashForUpdate(byte[] hash) {
        return find("codeHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** A batch's cards counted by status. */
    public static java.util.Map<CardStatus, Long> countsInBatch(String batchReference) {
        java.util.Map<CardStatus, Long> byStatus = new java.util.EnumMap<>(CardStatus.class);
        getEntityManager().createQuery("select c.status, count(c) from GiftCard c where c.batchReference = ?1"
                + " group by c.status", Object[].class).setParameter(1, batchReference).getResultList()
                .forEach(row -> byStatus.put((CardStatus) row[0], (Long) row[1]));
        return byStatus;
    }

    static Optional<GiftCard> findByHash(byte[] hash) {
        return find("codeHash", hash).singleResultOptional();
    }

    public CardVerdict verdictFor(Account account, Instant now) {
        if (status == CardStatus.REDEEMED) {
            return account.id.equals(redeemedByAccountId)
                    ? new CardVerdict.AlreadyRedeemedByYou(redeemedAt)
                    : new CardVerdict.AlreadyRedeemedBySomeoneElse();
        }
        if (status == CardStatus.IN_REVIEW) {
            return account.id.equals(reservedForAccountId) ? new CardVerdict.InReviewForYou(reservedAt)
                    : new CardVerdict.AlreadyRedeemedBySomeoneElse();
        }
        if (status == CardStatus.BLOCKED) {
            return new CardVerdict.ReportedLostOrStolen();
        }
        if (status == CardStatus.CANCELLED) {
            return new CardVerdict.Cancelled();
        }
        if (status == CardStatus.EXPIRED || expiresAt != null && !now.isBefore(expiresAt)) {
            return new CardVerdict.Expired(expiresAt);
        }
        if (status == CardStatus.ISSUED) {
            return new CardVerdict.NotActivated();
        }
        if (!region.equals(account.region)) {
            return new CardVerdict.WrongRegion(region);
        }
        return new CardVerdict.Redeemable();
    }

    /** Marks the card used by the account; refuses unless the card says it is redeemable by that account. */
    public void redeemBy(Account account, Instant now) {
        CardVerdict verdict = verdictFor(account, now);
        if (!(verdict instanceof CardVerdict.Redeemable)) {
            throw new IllegalStateException("Card " + id + " is not redeemable: " + verdict);
        }
        status = CardStatus.REDEEMED;
        redeemedByAccountId = account.id;
        redeemedAt = now;
        stateChangedAt = now;
    }

    /**
     * Keeps the card for the account while staff review its redemption: nobody else can redeem it, and it credits
     * nothing yet. Refused unless the card is redeemable by that account.
     */
    public void reserveForReview(Account account, Instant now) {
        CardVerdict verdict = verdictFor(account, now);
        if (!(verdict instanceof CardVerdict.Redeemable)) {
            throw new IllegalStateException("Card " + id + " is not redeemable: " + verdict);
        }
        status = CardStatus.IN_REVIEW;
        reservedForAccountId = account.id;
        reservedAt = now;
        stateChangedAt = now;
    }

    /** Staff found the reserved redemption sound: the card is redeemed by the account it was kept for, now. */
    public void releaseReview(Instant now) {
        requireInReview();
        status = CardStatus.REDEEMED;
        redeemedByAccountId = reservedForAccountId;
        redeemedAt = now;
        stateChangedAt = now;
        reservedForAccountId = null;
        reservedAt = null;
    }

    /** Staff refused the reserved redemption: the card is blocked (an investigation follows) or cancelled. */
    public void refuseReview(CardStatus to, Instant now) {
        requireInReview();
        if (to != CardStatus.BLOCKED && to != CardStatus.CANCELLED) {
            throw new IllegalArgumentException("A refused redemption leaves the card blocked or cancelled, not " + to);
        }
        status = to;
        stateChangedAt = now;
        statusBeforeBlock = to == CardStatus.BLOCKED ? CardStatus.ACTIVE : null;
        if (to == CardStatus.BLOCKED) {
            blockedOnce(now);
        }
        reservedForAccountId = null;
        reservedAt = null;
    }

    private void requireInReview() {
        if (status != CardStatus.IN_REVIEW) {
            throw new IllegalStateException("Card " + id + " is " + status + ", not in review");
        }
    }

    /** Notes where the redemption came from; written with the redemption's own update of the card. */
    public void traceTo(String network, String device, Instant at) {
        tracedNetwork = network;
        tracedDevice = device;
        tracedAt = at;
    }

    /** The network it was redeemed from, as staff read it (without the claim-code lock's prefix). */
    public java.util.Optional<String> tracedNetworkShown() {
        return java.util.Optional.ofNullable(tracedNetwork).map(network -> network.startsWith("address:")
                ? network.substring("address:".length()) : network);
    }

    /** The account its value went to (redeemed) or is kept for (held for review), if either. */
    public Optional<Long> claimedBy() {
        return Optional.ofNullable(status == CardStatus.REDEEMED ? redeemedByAccountId
                : status == CardStatus.IN_REVIEW ? reservedForAccountId : null);
    }

    /** When it was redeemed, or held for review: the time of {@link #claimedBy}. */
    public Instant claimedAt() {
        return status == CardStatus.REDEEMED ? redeemedAt : reservedAt;
    }

    /** Sold, and not yet redeemed, blocked or cancelled. */
    public boolean isUnused() {
        return status == CardStatus.ISSUED || status == CardStatus.ACTIVE;
    }

    /** A lost or stolen report freezes a card nobody has redeemed yet; it remembers whether it had been sold. */
    public void block(Instant now) {
        if (!isUnused()) {
            throw new IllegalStateException("Only an unredeemed card can be blocked, not a " + status + " one");
        }
        statusBeforeBlock = status;
        status = CardStatus.BLOCKED;
        stateChangedAt = now;
        blockedOnce(now);
    }

    private void blockedOnce(Instant now) {
        if (firstBlockedAt == null) {
            firstBlockedAt = now;
        }
    }

    /** Back to what the card was before the block: an unsold card stays unsold. */
    public void unblock(Instant now) {
        if (status != CardStatus.BLOCKED) {
            throw new IllegalStateException("Only a blocked card can be unblocked, not a " + status + " one");
        }
        status = statusBeforeBlock;
        statusBeforeBlock = null;
        stateChangedAt = now;
    }

    /**
     * A card sold at a till, or a batch activated, becomes spendable; its validity runs from now (a card on a shelf
     * loses none of it), in its region's calendar.
     */
    public void activate(Instant now, org.giftportal.site.Region region) {
        if (status != CardStatus.ISSUED) {
            throw new IllegalStateException("Only an issued card can be activated, not a " + status + " one");
        }
        status = CardStatus.ACTIVE;
        activatedAt = now;
        expiresAt = region.validUntil(now);
        stateChangedAt = now;
    }

    /** The sale that activated it was cancelled at the till before anyone redeemed it: unsold again. */
    public void deactivate(Instant now) {
        if (status != CardStatus.ACTIVE) {
            throw new IllegalStateException("Only an active card can go back to unsold, not a " + status + " one");
        }
        status = CardStatus.ISSUED;
        activatedAt = null;
        expiresAt = null;
        stateChangedAt = now;
    }

    /**
     * Its validity ended while it was sold and unredeemed: its value is no longer owed, and the journal says it
     * expired. Only the expiry job does this, for a card whose time has come (a blocked or reviewed card waits).
     */
    public void expire(Instant now) {
        if (status != CardStatus.ACTIVE || expiresAt == null || now.isBefore(expiresAt)) {
            throw new IllegalStateException("Card " + id + " (" + status + ", valid until " + expiresAt
                    + ") has not expired");
        }
        status = CardStatus.EXPIRED;
        stateChangedAt = now;
    }

    /** A cancelled card is never worth anything again; a redeemed one can't be cancelled (its value was credited). */
    public void cancel(Instant now) {
        if (status.isFinal() || status == CardStatus.IN_REVIEW) {
            throw new IllegalStateException("A " + status + " card can't be cancelled");
        }
        status = CardStatus.CANCELLED;
        statusBeforeBlock = null;
        stateChangedAt = now;
    }

    /** A lost or stolen card gives way to its replacement: cancelled, and pointing at the card that carries its value. */
    public void replacedBy(GiftCard replacement) {
        cancel(replacement.issuedAt);
        replacedByCardId = replacement.id;
    }

    /** The keyed hash of its claim code: how a support case names the card a shopper typed. */
    public byte[] codeHash() {
        return codeHash.clone();
    }

    public String formattedCardNumber() {
        return CardNumber.parse(cardNumber).map(CardNumber::formatted).orElse(cardNumber);
    }

    /** The printed number as a letter names it without giving it away: "•••• 4821". */
    public String maskedNumber() {
        return "•••• " + cardNumber.substring(cardNumber.length() - 4);
    }

    public String maskedCode() {
        return ClaimCode.masked(codeLast4);
    }
}
