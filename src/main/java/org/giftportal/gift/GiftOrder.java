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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * Gifts ordered together by staff: one typed in a form, or the lines of an uploaded file. It is checked line by line
 * first (the dry run); nothing is issued until an admin confirms it (and a second admin approves it above the limits),
 * and then it is issued a chunk at a time. Its reference is unique, so confirming it twice issues it once.
 */
@Entity
@Table(name = "gift_order")
public class GiftOrder extends PanacheEntityBase {

    public enum Status {
        /** Checked: its report is ready; it waits to be confirmed, or for a second admin. */
        CHECKED,
        /** Confirmed (and approved): its gifts are being issued. */
        ISSUING,
        /** Every gift has its card, and its email is scheduled or sent. */
        ISSUED,
        /** A store order the store refunded: its unredeemed cards are cancelled, its unsent emails withdrawn. */
        CANCELLED
    }

    public enum Source {
        FORM, CSV,
        /** Sold by the store's checkout through the store API. */
        STORE
    }

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

    @Column(name = "sender_zone", nullable = false, updatable = false)
    public String senderZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Source source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "line_count", nullable = false)
    public int lineCount;

    @Column(name = "problem_count", nullable = false)
    public int problemCount;

    @Column(name = "total_minor", nullable = false)
    public long totalMinor;

    @Column(name = "issued_count", nullable = false)
    public int issuedCount;

    @Column(name = "value_request_id")
    public Long valueRequestId;

    @Column(name = "created_by_subject", nullable = false, updatable = false)
    public String createdBySubject;

    @Column(name = "created_by_name", nullable = false, updatable = false)
    public String createdByName;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "issued_at")
    public Instant issuedAt;

    /** A store order: the API client that placed it, and the store's own order reference. */
    @Column(name = "client_id", updatable = false)
    public String clientId;

    @Column(name = "store_order_reference", updatable = false)
    public String storeOrderReference;

    /** The shopper who bought a store order, by OIDC subject. */
    @Column(name = "buyer_subject", updatable = false)
    public String buyerSubject;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Version
    long version;

    /** The letter a gift order's reference starts with; its cards carry the reference as their batch. */
    static final char REFERENCE_LETTER = 'G';

    /** Whether a card of this batch was issued for a gift order (a card batch's reference has another letter). */
    static boolean issuedCard(String batchReference) {
        return batchReference != null && !batchReference.isEmpty() && batchReference.charAt(0) == REFERENCE_LETTER;
    }

    public static Optional<GiftOrder> byReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    /** Whether its gifts may be asked for: checked, every line fine, and not asked for yet. */
    public boolean mayBeConfirmed() {
        return status == Status.CHECKED && problemCount == 0 && lineCount > 0;
    }

    /** A store order was paid for at the checkout: it is issued without a second admin. */
    void startIssuingPaid() {
        if (source != Source.STORE || !mayBeConfirmed()) {
            throw new IllegalStateException("Order " + reference + " isn't a paid store order ready to issue");
        }
        status = Status.ISSUING;
    }

    /** Confirmed, and approved where it had to be: from now on its gifts are issued. */
    void startIssuing(long requestId) {
        if (!mayBeConfirmed()) {
            throw new IllegalStateException("Order " + reference + " can't be issued: " + status + ", " + problemCount
                    + " problems");
        }
        status = Status.ISSUING;
        valueRequestId = requestId;
    }

    /** Where the order stands, in words, given the request that confirmed it (if any). */
    String statusLabel(java.util.Optional<org.giftportal.approvals.ValueRequest> request) {
        return switch (status) {
            case ISSUED -> "Issued";
            case ISSUING -> "Issuing";
            case CANCELLED -> "Cancelled by the store (refunded)";
            default -> problemCount > 0 ? "Has problems" : request.map(r -> r.status
                    == org.giftportal.approvals.ValueRequest.Status.PENDING ? "Waiting for approval" : r.status == org.giftportal.approvals.ValueRequest.Status.REJECTED
                            ? "Rejected" : "Could not be issued").orElse("Checked, not confirmed");
        };
    }
}
