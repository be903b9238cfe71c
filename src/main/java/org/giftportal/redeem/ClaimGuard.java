package org.giftportal.redeem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.giftportal.site.PortalConfig;

/**
 * The claim-code lock against guessing. Failed look-ups are counted per account and per client address in
 * MariaDB, so every portal instance sees the same counts; too many within the window lock the scope for a while.
 */
@ApplicationScoped
public class ClaimGuard {
    private final EntityManager em;
    private final PortalConfig.ClaimLock settings;
    private final Clock clock;

    ClaimGuard(EntityManager em, PortalConfig config, Clock clock) {
        this.em = em;
        this.settings = config.claimLock();
        this.clock = clock;
    }

    /** Until when the account or the address may not try codes, if either is locked now. */
    public Optional<Instant> lockedUntil(long accountId, String clientAddress) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> ClaimScope.lockedUntil(accountScope(accountId),
                addressScope(clientAddress), now));
    }

    /** Counts a failed look-up; returns the lock's end if this failure locked the account or the address. */
    public Optional<Instant> recordFailure(long accountId, String clientAddress) {
        Optional<Instant> accountLock = recordFailure(accountScope(accountId), settings.maxFailures());
        Optional<Instant> addressLock = recordFailure(addressScope(clientAddress), settings.maxFailuresPerAddress());
        return accountLock.isPresent() ? accountLock : addressLock;
    }

    private Optional<Instant> recordFailure(String scope, int maxFailures) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("INSERT IGNORE INTO claim_guard (scope_key) VALUES (?1)")
                    .setParameter(1, scope).executeUpdate();
            // The guard row's lock makes concurrent failures of one scope count one after another.
            em.createNativeQuery("SELECT scope_key FROM claim_guard WHERE scope_key = ?1 FOR UPDATE")
                    .setParameter(1, scope).getSingleResult();
            em.createNativeQuery("DELETE FROM claim_failure WHERE scope_key = ?1 AND failed_at <= ?2")
                    .setParameter(1, scope).setParameter(2, windowStart).executeUpdate();
            em.createNativeQuery("INSERT INTO claim_failure (scope_key, failed_at) VALUES (?1, ?2)")
                    .setParameter(1, scope).setParameter(2, now).executeUpdate();
            long failures = ((Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM claim_failure WHERE scope_key = ?1 AND failed_at > ?2")
                    .setParameter(1, scope).setParameter(2, windowStart).getSingleResult()).longValue();
            if (failures < maxFailures) {
                return Optional.<Instant>empty();
            }
            Instant until = now.plus(settings.lockDuration());
            em.createNativeQuery("UPDATE claim_guard SET locked_until = ?1 WHERE scope_key = ?2")
                    .setParameter(1, until).setParameter(2, scope).executeUpdate();
            return Optional.of(until);
        });
    }

    private static String accountScope(long accountId) {
        return "account:" + accountId;
    }

    private static String addressScope(String clientAddress) {
        return "address:" + clientAddress;
    }
}
