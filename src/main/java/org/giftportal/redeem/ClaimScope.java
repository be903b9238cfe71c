package org.giftportal.redeem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** Who the claim-code lock watches: one account, or one client address, and until when it is locked. */
@Entity
@Table(name = "claim_guard")
class ClaimScope extends PanacheEntityBase {

    @Id
    @Column(name = "scope_key")
    String scopeKey;

    @Column(name = "locked_until")
    Instant lockedUntil;

    /** The later lock end of two scopes, if either is locked at {@code now}. */
    static Optional<Instant> lockedUntil(String firstScope, String secondScope, Instant now) {
        return Optional.ofNullable(getEntityManager().createQuery("select max(scope.lockedUntil) from ClaimScope scope"
                        + " where scope.scopeKey in (?1, ?2) and scope.lockedUntil > ?3", Instant.class)
                .setParameter(1, firstScope).setParameter(2, secondScope).setParameter(3, now)
                .getSingleResult());
    }
}
