package org.giftportal.audit;

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
import org.hibernate.annotations.Immutable;

/**
 * One staff action: who (identity provider subject and name), when, what, on what, why, and the state before and
 * after. Append-only: Hibernate never updates it and the database refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    /** What an action came to. */
    public enum Outcome {
        DONE, REFUSED, REQUESTED, APPROVED, REJECTED, WITHDRAWN
    }

    /** What an action was done to. */
    public enum TargetType {
        CARD, ACCOUNT, CASE, BATCH, APPROVAL, WEBHOOK
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_name", nullable = false)
    public String actorName;

    @Column(nullable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type", nullable = false)
    public TargetType targetType;

    @Column(name = "target_id")
    public Long targetId;

    /** How staff name the target: a card number, a case number, an email. Never a claim code. */
    @Column(name = "target_label")
    public String targetLabel;

    public String reason;

    @Column(name = "before_state")
    public String before;

    @Column(name = "after_state")
    public String after;

    /** What the audit log is searched by; empty parts don't filter. {@code until} is exclusive. */
    public record Search(String actor, String action, String target, java.util.Optional<Outcome> outcome,
            java.util.Optional<Instant> from, java.util.Optional<Instant> until) {
    }

    /** The entries a search matches, newest first, older than the cursor {@code before} (an id) if there is one. */
    public static io.quarkus.hibernate.orm.panache.PanacheQuery<AuditEntry> search(Search search, Long before) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters parameters = new io.quarkus.panache.common.Parameters();
        if (!search.actor().isEmpty()) {
            where.append(" and (lower(actorName) like :actor or actorSubject = :subject)");
            parameters.and("actor", "%" + search.actor().toLowerCase(java.util.Locale.ROOT) + "%")
                    .and("subject", search.actor());
        }
        if (!search.action().isEmpty()) {
            where.append(" and action like :action");
            parameters.and("action", search.action() + "%");
        }
        if (!search.target().isEmpty()) {
            where.append(" and targetLabel = :target");
            parameters.and("target", search.target().replace(" ", ""));
        }
        search.outcome().ifPresent(outcome -> {
            where.append(" and outcome = :outcome");
            parameters.and("outcome", outcome);
        });
        search.from().ifPresent(from -> {
            where.append(" and at >= :from");
            parameters.and("from", from);
        });
        search.until().ifPresent(until -> {
            where.append(" and at < :until");
            parameters.and("until", until);
        });
        if (before != null) {
            where.append(" and id < :before");
            parameters.and("before", before);
        }
        return find(where + " order by id desc", parameters);
    }
}
