package org.giftportal.redeem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Who the claim-code lock watches: one account, or one client address, and until when it is locked. An address
 * also keeps its failure count here, in a window that starts at its first failure.
 */
@Entity
@Table(name = "claim_guard")
class ClaimScope extends PanacheEntityBase {

    @Id
    @Column(name = "scope_key")
    String scopeKey;

    @Column(name = "locked_until")
    Instant lockedUntil;

    @Column(nullable = false)
    int failures;

    @Column(name = "window_started_at")
    Instant windowStartedAt;

    /** The scopes among these that are locked at {@code now}. */
    static List<ClaimScope> lockedAt(List<String> scopes, Instant now) {
        return list("scopeKey in ?1 and lockedUntil > ?2", scopes, now);
    }
}
