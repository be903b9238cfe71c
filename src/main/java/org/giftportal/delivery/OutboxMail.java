package org.giftportal.delivery;

import java.util.List;

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

/**
 * An email the portal owes a shopper, from the transaction that made it due until it is sent: what kind of mail, to
 * whom, and the rows it reports on (it is rendered from them when it is sent). A mail that carries a claim code keeps
 * it encrypted ({@link CodeCipher}) and erases it once sent or no longer needed.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail extends PanacheEntityBase {

    public enum Kind {
        /** A new card in place of a lost or stolen one, with its code, to the shopper on the case. */
        REPLACEMENT(true),
        /** A card was redeemed to the shopper's balance. */
        REDEMPTION(false),
        /** The shopper opened a support case. */
        CASE_OPENED(false),
        /** Support replied on the shopper's case. */
        CASE_ANSWERED(false),
        /** Support resolved the shopper's case. */
        CASE_RESOLVED(false),
        /** An e-gift card, to its recipient's address (its code is kept by the gift, which may send it again). */
        GIFT(false),
        /** A gift's address was corrected: a short notice, without the code, to the address it was meant for. */
        GIFT_ADDRESS_CHANGED(false),
        /** The shopper's receipt of a payment taken at a store's till. */
        TILL_RECEIPT(false),
        /** The shopper's receipt of a refund at a store's till. */
        TILL_REFUND(false),
        /** The shopper's balance will soon count as dormant (unclaimed property) unless it is used. */
        DORMANCY_REMINDER(false),
        /** A gift's recipient: the card expires soon and is still unredeemed (never its code). */
        EXPIRY_REMINDER(false),
        /** To a webhook endpoint's contact: the portal paused it because its deliveries kept failing. */
        WEBHOOK_PAUSED(false);

        private final boolean carriesCode;

        Kind(boolean carriesCode) {
            this.carriesCode = carriesCode;
        }

        /** Whether the outbox row keeps its card's claim code (encrypted until it is sent). */
        public boolean carriesCode() {
            return carriesCode;
        }
    }

    public enum Status {
        /** Waiting to be sent, or to be tried again. */
        PENDING,
        SENT,
        /** Given up after the configured attempts; staff see it and can send it again. */
        FAILED,
        /** Not to be sent any more (a code mail whose card was redeemed or cancelled meanwhile). */
        VOID
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    /** The shopper it goes to, at their verified address when it is sent; or none, and {@link #toEmail}. */
    @Column(name = "account_id", updatable = false)
    public Long accountId;

    /** The address of a mail to someone who may have no account (a gift's recipient). */
    @Column(name = "to_email", updatable = false)
    public String toEmail;

    @Column(name = "gift_id", updatable = false)
    public Long giftId;

    @Column(name = "gift_card_id", updatable = false)
    public Long giftCardId;

    @Column(name = "support_case_id", updatable = false)
    public Long supportCaseId;

    @Column(name = "case_message_id", updatable = false)
    public Long caseMessageId;

    @Column(name = "ledger_entry_id", updatable = false)
    public Long ledgerEntryId;

    @Column(name = "case_reference", updatable = false)
    public String caseReference;

    @Column(name = "webhook_endpoint_id", updatable = false)
    public Long webhookEndpointId;

    @Column(name = "code_cipher")
    byte[] codeCipher;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** A mail of that kind to a shopper; what it reports on is added with the methods below. */
    public static OutboxMail to(long accountId, Kind kind) {
        OutboxMail mail = new OutboxMail();
        mail.accountId = accountId;
        mail.kind = kind;
        return mail;
    }

    /** A mail to an address rather than to an account (a gift's recipient). */
    public static OutboxMail toAddress(String email, Kind kind) {
        OutboxMail mail = new OutboxMail();
        mail.toEmail = email;
        mail.kind = kind;
        return mail;
    }

    public OutboxMail aboutGift(long id) {
        giftId = id;
        return this;
    }

    /** Not sent before then (a gift delivered at the time its sender chose). */
    public OutboxMail notBefore(Instant when) {
        nextAttemptAt = when;
        return this;
    }

    public OutboxMail aboutCard(long cardId) {
        giftCardId = cardId;
        return this;
    }

    /** The case it reports on: its id where the mail reads the case, its reference where it only names it. */
    public OutboxMail aboutCase(Long caseId, String reference) {
        supportCaseId = caseId;
        caseReference = reference;
        return this;
    }

    public OutboxMail aboutMessage(Long messageId) {
        caseMessageId = messageId;
        return this;
    }

    public OutboxMail aboutLedgerEntry(long entryId) {
        ledgerEntryId = entryId;
        return this;
    }

    public OutboxMail aboutWebhookEndpoint(long endpointId) {
        webhookEndpointId = endpointId;
        return this;
    }

    /** Sent: the code is no longer kept. */
    void sent(Instant now) {
        status = Status.SENT;
        sentAt = now;
        codeCipher = null;
        release();
    }

    /** Its card can't be used any more: the code is no longer kept, and nothing is sent. */
    public void voided(String why) {
        status = Status.VOID;
        lastError = why;
        codeCipher = null;
        release();
    }

    /**
     * The receiving server refused the address for good: given up now (trying again would only be refused again), for
     * staff to see, correct the address if they can, and send again.
     */
    void refused(String error) {
        attempts++;
        lastError = cut("Refused by the mail server: " + error);
        status = Status.FAILED;
        release();
    }

    private static String cut(String error) {
        return error.length() > 300 ? error.substring(0, 300) : error;
    }

    /** A failed attempt: tried again after a pause that doubles each time, or given up after the last attempt. */
    void failed(String error, Instant now, java.time.Duration firstPause, int maxAttempts) {
        attempts++;
        lastError = error == null ? "unknown error" : cut(error);
        if (attempts >= maxAttempts) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = now.plus(firstPause.multipliedBy(1L << Math.min(attempts - 1, 16)));
        }
        release();
    }

    private void release() {
        claimedBy = null;
        claimedUntil = null;
    }

    /** The addresses (not accounts) mails went to lately, newest first: at most {@code max}. */
    public static List<String> recentAddresses(int max) {
        return getEntityManager().createQuery("select m.toEmail from OutboxMail m where m.toEmail is not null"
                + " order by m.id desc", String.class).setMaxResults(max).getResultList();
    }
}
