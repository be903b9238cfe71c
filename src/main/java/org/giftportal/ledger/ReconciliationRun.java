package org.giftportal.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One run of the money checks: when, on which instance, and what it found. */
@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "started_at", nullable = false, updatable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false, updatable = false)
    public Instant finishedAt;

    /** The instance that ran it (its lease owner id). */
    @Column(name = "ran_by", nullable = false, updatable = false)
    public String ranBy;

    @Column(nullable = false, updatable = false)
    public int mismatches;

    /** Each check with its result and examples, one line each. */
    @Column(nullable = false, updatable = false)
    public String report;

    public static List<ReconciliationRun> latest(int count) {
        return find("order by startedAt desc, id desc").page(0, count).list();
    }

    public boolean passed() {
        return mismatches == 0;
    }
}
