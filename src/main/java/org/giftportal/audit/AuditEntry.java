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
        CARD, ACCOUNT, CASE, BATCH, APPROVAL
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
}
