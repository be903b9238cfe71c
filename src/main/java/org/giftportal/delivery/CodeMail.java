package org.giftportal.delivery;

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
 * An email that carries a claim code, from the moment its card is made until it is sent: the code kept encrypted
 * ({@link CodeCipher}), and erased once sent or no longer needed.
 */
@Entity
@Table(name = "code_mail")
public class CodeMail extends PanacheEntityBase {

    public enum Kind {
        /** A new card in place of a lost or stolen one, to the shopper on the case. */
        REPLACEMENT
    }

    public enum Status {
        /** Waiting to be sent, or to be tried again. */
        PENDING,
        SENT,
        /** Given up after the configured attempts; staff see it and can send it again. */
        FAILED,
        /** Not to be sent any more: its card was redeemed or cancelled meanwhile. */
        VOID
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Column(name = "gift_card_id", nullable = false, updatable = false)
    public long giftCardId;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    @Column(name = "case_reference", updatable = false)
    public String caseReference;

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

    /** Sent: the code is no longer kept. */
    void sent(Instant now) {
        status = Status.SENT;
        sentAt = now;
        codeCipher = null;
        release();
    }

    /** Its card can't be used any more: the code is no longer kept, and nothing is sent. */
    void voided(String why) {
        status = Status.VOID;
        lastError = why;
        codeCipher = null;
        release();
    }

    /** A failed attempt: tried again after a pause that doubles each time, or given up after the last attempt. */
    void failed(String error, Instant now, java.time.Duration firstPause, int maxAttempts) {
        attempts++;
        lastError = error == null ? "unknown error" : error.length() > 300 ? error.substring(0, 300) : error;
        if (attempts >= maxAttempts) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = now.plus(firstPause.multipliedBy(1L << Math.min(attempts - 1, 16)));
        }
        release();
    }

    /** Staff send a failed mail again: the attempts start over. */
    void retry(Instant now) {
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
    }

    private void release() {
        claimedBy = null;
        claimedUntil = null;
    }
}
