package org.giftportal.redeem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One look-up counted against a scope's budget: under way, or failed. */
@Entity
@Table(name = "claim_failure")
class ClaimFailure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "scope_key", nullable = false)
    String scopeKey;

    @Column(name = "failed_at", nullable = false)
    Instant failedAt;

    ClaimFailure() {
    }

    ClaimFailure(String scopeKey, Instant failedAt) {
        this.scopeKey = scopeKey;
        this.failedAt = failedAt;
    }
}
