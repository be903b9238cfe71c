package org.giftportal.gift;

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

/**
 * A gift card with a recipient: who it is for and from, the message, the theme, and when it is delivered (an instant,
 * with the time zone its sender chose it in). Once issued it has its card, the hash of its link's token, and, while it
 * may be sent again, the card's code and the token encrypted; never either in clear.
 */
@Entity
@Table(name = "gift")
public class Gift extends PanacheEntityBase {
    /** The longest personal message, in characters. */
    public static final int MAX_MESSAGE = 300;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    public long orderId;

    @Column(name = "line_number", nullable = false, updatable = false)
    public int lineNumber;

    @Column(name = "recipient_name", nullable = false, updatable = false)
    public String recipientName;

    /** Where its email goes; an admin may correct it (audited). */
    @Column(name = "recipient_email", nullable = false)
    public String recipientEmail;

    @Column(name = "sender_name", nullable = false, updatable = false)
    public String senderName;

    @Column(nullable = false, updatable = false)
    public String message;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Theme theme;

    @Column(name = "amount_minor", nullable = false, updatable = false)
    public long amountMinor;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "deliver_at", nullable = false, updatable = false)
    public Instant deliverAt;

    @Column(name = "sender_zone", nullable = false, updatable = false)
    public String senderZone;

    @Column(name = "gift_card_id")
    public Long giftCardId;

    @Column(name = "token_hash", columnDefinition = "binary(32)")
    byte[] tokenHash;

    @Column(name = "secret_cipher")
    byte[] secretCipher;

    @Column(name = "secret_kept_until")
    Instant secretKeptUntil;

    /** The latest mail that delivers it. */
    @Column(name = "mail_id")
    public Long mailId;

    /** The shopper who bought it, when a checkout sold it. */
    @Column(name = "sender_account_id", updatable = false)
    public Long senderAccountId;

    /** When its recipient was told the card expires soon (once). */
    @Column(name = "expiry_reminded_at")
    public Instant expiryRemindedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Its recipient was told the card expires soon: once. */
    void remindedOfExpiry(Instant at) {
        expiryRemindedAt = at;
    }

    static Optional<Gift> byTokenHash(byte[] hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    public static Optional<Gift> ofCard(long cardId) {
        return find("giftCardId", cardId).firstResultOptional();
    }

    /** Its card is issued: the link's token is known by its hash; the code and token wait, encrypted, until then. */
    void issued(long cardId, byte[] tokenHash, byte[] secretCipher, Instant keepUntil) {
        if (giftCardId != null) {
            throw new IllegalStateException("Gift " + id + " has its card already");
        }
        this.giftCardId = cardId;
        this.tokenHash = tokenHash;
        this.secretCipher = secretCipher;
        this.secretKeptUntil = keepUntil;
    }

    /** Whether its code and link are still kept, so it can be sent (again). */
    public boolean mayBeSent() {
        return secretCipher != null;
    }

    /** The code and token can't be sent any more: they are erased. */
    void eraseSecret() {
        secretCipher = null;
        secretKeptUntil = null;
    }
}
