package org.giftportal.redeem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.giftportal.site.PortalConfig;

/**
 * The claim-code lock against guessing, shared by every portal instance through MariaDB.
 *
 * <p>A look-up runs inside one transaction with its admission ({@link #admit}) and its outcome ({@link #settle}).
 * Admission locks the account's row in {@code claim_guard} until that transaction ends, so one account's look-ups
 * run one after another, each seeing every failure before it: a hundred requests sent at once get no more tries than
 * one after the other, and a double-clicked form waits for its twin instead of being turned away. A failed look-up
 * adds a failure to its account and to its client address, and the failure that fills a budget locks that account
 * or address. The address budget counts failures only, so shoppers behind one address are not made to queue.
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

    /** A look-up admitted: whose it is, for {@link #settle}. */
    public record Attempt(long accountId, String clientAddress) {
    }

    /** Either an attempt to look a code up, or the time until which this account or address may not. */
    public record Admission(Attempt attempt, Instant lockedUntil) {
        public boolean admitted() {
            return attempt != null;
        }
    }

    /** Until when the account or the address may not try codes, if either is locked now (for display). */
    public Optional<Instant> lockedUntil(long accountId, String clientAddress) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> ClaimScope.lockedUntil(accountScope(accountId),
                addressScope(clientAddress), now));
    }

    /**
     * Runs one code look-up under the lock, in a transaction of its own with its admission and its outcome. A locked
     * account or address gets {@code locked} without the code being looked up; a result that {@code failed} calls a
     * failure counts, and if it fills a budget, the shopper gets {@code locked} instead of it.
     */
    public <T> T lookUp(long accountId, String clientAddress, Supplier<T> lookUp, Predicate<T> failed,
            Function<Instant, T> locked) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Admission admission = admit(accountId, clientAddress);
            if (!admission.admitted()) {
                return locked.apply(admission.lockedUntil());
            }
            T result = lookUp.get();
            return settle(admission.attempt(), failed.test(result)).map(locked).orElse(result);
        });
    }

    /**
     * Admits one look-up, or says until when this account or address may not look codes up. Call it in the
     * transaction that looks the code up and settles it: the account's row stays locked until that transaction
     * ends.
     */
    public Admission admit(long accountId, String clientAddress) {
        String account = accountScope(accountId);
        return QuarkusTransaction.joiningExisting().call(() -> {
            // Created if new and locked in one statement: this account's look-ups queue up here.
            lockScope(account);
            return ClaimScope.lockedUntil(account, addressScope(clientAddress), clock.instant())
                    .map(until -> new Admission(null, until))
                    .orElseGet(() -> new Admission(new Attempt(accountId, clientAddress), null));
        });
    }

    /**
     * Ends an admitted look-up in its transaction: a failed one counts against the account and the client address.
     * Returns the lock's end if this failure filled a budget.
     */
    public Optional<Instant> settle(Attempt attempt, boolean failedLookUp) {
        return failedLookUp ? failed(attempt) : Optional.empty();
    }

    private Optional<Instant> failed(Attempt attempt) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        Instant until = now.plus(settings.lockDuration());
        String account = accountScope(attempt.accountId());
        String address = addressScope(attempt.clientAddress());
        return QuarkusTransaction.joiningExisting().call(() -> {
            // The account's row is locked since admission; the address's is locked now, so its count is exact too.
            lockScope(address);
            Optional<Instant> lockedNow = Optional.empty();
            if (recordFailure(account, now, windowStart) >= settings.maxFailures()) {
                lock(account, until, now);
                lockedNow = Optional.of(until);
            }
            if (recordFailure(address, now, windowStart) >= settings.maxFailuresPerAddress()) {
                lock(address, until, now);
                lockedNow = Optional.of(until);
            }
            return lockedNow;
        });
    }

    /** Adds a failure to a locked scope, drops the ones that left the window, and returns how many are left. */
    private long recordFailure(String scope, Instant now, Instant windowStart) {
        forgetBefore(scope, windowStart);
        new ClaimFailure(scope, now).persist();
        return ClaimFailure.count("scopeKey = ?1 and failedAt > ?2", scope, windowStart);
    }

    private void lockScope(String scope) {
        em.createNativeQuery("INSERT INTO claim_guard (scope_key) VALUES (?1)"
                + " ON DUPLICATE KEY UPDATE scope_key = scope_key").setParameter(1, scope).executeUpdate();
    }

    /**
     * Drops a scope's failures that left the window. By primary key, like every other delete of these rows: a
     * range delete on the secondary index takes its locks in the other order and deadlocks with them.
     */
    private void forgetBefore(String scope, Instant windowStart) {
        List<Long> old = em.createQuery("select f.id from ClaimFailure f where f.scopeKey = ?1 and f.failedAt <= ?2",
                Long.class).setParameter(1, scope).setParameter(2, windowStart).getResultList();
        if (!old.isEmpty()) {
            ClaimFailure.delete("id in ?1", old);
        }
    }

    private void lock(String scope, Instant until, Instant now) {
        em.createNativeQuery("UPDATE claim_guard SET locked_until = ?1 WHERE scope_key = ?2"
                + " AND (locked_until IS NULL OR locked_until <= ?3)")
                .setParameter(1, until).setParameter(2, scope).setParameter(3, now).executeUpdate();
    }

    private static String accountScope(long accountId) {
        return "account:" + accountId;
    }

    /**
     * An IPv4 address counts alone; an IPv6 address counts with its /64 network, which one subscriber usually
     * holds whole, so stepping through addresses of one's own network buys no extra tries.
     */
    static String addressScope(String clientAddress) {
        if (clientAddress != null && clientAddress.indexOf(':') >= 0) {
            try {
                byte[] bytes = InetAddress.getByName(clientAddress).getAddress();
                if (bytes.length == 16) {
                    return "address:" + HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
                }
            } catch (UnknownHostException notAnAddress) {
                // fall through: counted under the text as given
            }
        }
        return "address:" + clientAddress;
    }
}
