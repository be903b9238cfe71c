package org.giftportal.support;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A shopper's request for help. The case decides its own transitions: when it may be escalated, what a reply
 * does to its status. A card code is kept like everywhere else: keyed hash and last four characters.
 */
@Entity
@Table(name = "support_case")
public class SupportCase extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** What the shopper quotes, e.g. GC-7KQ2MXR4. Random, so case numbers can't be guessed in sequence. */
    @Column(nullable = false, unique = true, updatable = false)
    public String reference;

    @Column(name = "account_id", nullable = false, updatable = false)
    public long accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public CaseTopic topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseStatus status;

    @Column(name = "card_code_hash", updatable = false, columnDefinition = "binary(32)")
    byte[] cardCodeHash;

    @Column(name = "card_last4", updatable = false)
    public String cardLast4;

    /** The card's printed 16-digit number, when the shopper named the card by it instead of its code. */
    @Column(name = "card_number", updatable = false)
    public String cardNumber;

    @Column(name = "order_number", updatable = false)
    public String orderNumber;

    @Column(nullable = false, updatable = false)
    public String description;

    /** The support team member working the case: their identity provider subject, and their name. */
    @Column(name = "assigned_to")
    public String assignedTo;

    @Column(name = "assigned_to_name")
    public String assignedToName;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** The form submission that opened it, so the same form sent twice opens one case. */
    @Column(name = "request_id", updatable = false)
    String requestId;

    @Version
    long version;

    /** The shopper's own case by its reference; another shopper's case is simply not found. */
    static Optional<SupportCase> findOwned(long accountId, String reference) {
        return find("accountId = ?1 and reference = ?2", accountId, reference).singleResultOptional();
    }

    /** The shopper's own case, its row locked until the transaction ends: one change of it at a time. */
    static Optional<SupportCase> findOwnedForUpdate(long accountId, String reference) {
        return find("accountId = ?1 and reference = ?2", accountId, reference)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    static Optional<SupportCase> findByRequest(long accountId, String requestId) {
        return find("accountId = ?1 and requestId = ?2", accountId, requestId).singleResultOptional();
    }

    static long countOpenedSince(long accountId, Instant since) {
        return count("accountId = ?1 and createdAt > ?2", accountId, since);
    }

    static Optional<SupportCase> findByReference(String reference) {
        return find("reference", reference).singleResultOptional();
    }

    /** The shopper's newest cases, at most {@code limit} of them. */
    static List<SupportCase> listOwned(long accountId, int limit) {
        return find("accountId = ?1 order by createdAt desc, id desc", accountId).page(0, limit).list();
    }

    /** Whether the shopper may ask for escalation now: unresolved, not escalated, open longer than the wait. */
    public boolean mayEscalate(Instant now, Duration wait) {
        return status != CaseStatus.RESOLVED && status != CaseStatus.ESCALATED
                && !now.isBefore(createdAt.plus(wait));
    }

    /** When escalation becomes possible, for telling the shopper. */
    public Instant escalationPossibleFrom(Duration wait) {
        return createdAt.plus(wait);
    }

    void escalate(Instant now, Duration wait) {
        if (!mayEscalate(now, wait)) {
            throw new IllegalStateException("Case " + reference + " can't be escalated now");
        }
        status = CaseStatus.ESCALATED;
        escalatedAt = now;
        updatedAt = now;
    }

    /** A reply from the shopper puts a case that waited on them back in the team's queue. */
    void customerReplied(Instant now) {
        if (status == CaseStatus.WAITING_ON_CUSTOMER || status == CaseStatus.RESOLVED) {
            status = CaseStatus.OPEN;
            resolvedAt = null;
        }
        updatedAt = now;
    }

    void assignTo(String subject, String name, Instant now) {
        assignedTo = subject;
        assignedToName = name;
        updatedAt = now;
    }

    /** Handed to a senior team member by support (the shopper may ask for it too, after a wait). */
    void escalateByStaff(Instant now) {
        if (status == CaseStatus.RESOLVED || status == CaseStatus.ESCALATED) {
            throw new IllegalStateException("Case " + reference + " can't be escalated from " + status);
        }
        status = CaseStatus.ESCALATED;
        escalatedAt = now;
        updatedAt = now;
    }

    public long version() {
        return version;
    }

    /** A reply from support: waiting on the shopper, or resolved. */
    public void supportReplied(Instant now, boolean resolves) {
        status = resolves ? CaseStatus.RESOLVED : CaseStatus.WAITING_ON_CUSTOMER;
        resolvedAt = resolves ? now : null;
        updatedAt = now;
    }

    /** The card as the case names it: a code masked to its last four characters, or the card's printed number. */
    public String maskedCard() {
        if (cardLast4 != null) {
            return org.giftportal.card.ClaimCode.masked(cardLast4);
        }
        return cardNumber == null ? null : org.giftportal.card.CardNumber.parse(cardNumber)
                .map(org.giftportal.card.CardNumber::formatted).orElse(cardNumber);
    }

    /** A shopper's cases, newest first: at most {@code max}. */
    public static java.util.List<SupportCase> latestOf(long accountId, int max) {
        return SupportCase.<SupportCase>find("accountId = ?1 order by createdAt desc", accountId).page(0, max).list();
    }

    /** The case queue's filter: empty parts don't filter. */
    public record Queue(java.util.List<CaseStatus> statuses, java.util.Optional<CaseTopic> topic, String region,
            java.util.Optional<String> assignedTo, boolean unassigned, java.util.Optional<Instant> createdBefore) {
    }

    /**
     * One page of the queue, the longest waiting first: by when the case last changed, then by id (the cursor
     * {@code after}: the id of the last case shown, whose place the query finds again).
     */
    public static java.util.List<SupportCase> queue(Queue queue, Long after, int max) {
        StringBuilder where = new StringBuilder("c.status in :statuses");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("statuses",
                queue.statuses());
        queue.topic().ifPresent(topic -> {
            where.append(" and c.topic = :topic");
            parameters.and("topic", topic);
        });
        if (!queue.region().isEmpty()) {
            where.append(" and c.accountId in (select a.id from Account a where a.region = :region)");
            parameters.and("region", queue.region());
        }
        queue.assignedTo().ifPresent(subject -> {
            where.append(" and c.assignedTo = :me");
            parameters.and("me", subject);
        });
        if (queue.unassigned()) {
            where.append(" and c.assignedTo is null");
        }
        queue.createdBefore().ifPresent(before -> {
            where.append(" and c.createdAt < :olderThan");
            parameters.and("olderThan", before);
        });
        java.util.Optional<SupportCase> last = after == null ? java.util.Optional.empty()
                : SupportCase.findByIdOptional(after);
        if (last.isPresent()) {
            where.append(" and (c.updatedAt > :lastAt or (c.updatedAt = :lastAt and c.id > :lastId))");
            parameters.and("lastAt", last.get().updatedAt).and("lastId", last.get().id);
        }
        return SupportCase.<SupportCase>find("from SupportCase c where " + where + " order by c.updatedAt, c.id",
                parameters).page(0, max).list();
    }
}
