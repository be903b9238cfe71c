package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.giftportal.web.ClientAddress;

/**
 * The claim-code lock against guessing, shared by every portal instance through MariaDB.
 *
 * <p>A look-up runs inside one transaction with its admission ({@link #admit}) and its outcome ({@link #settle}).
 * Admission locks the account's row in {@code claim_guard} until that transaction ends, so one account's look-ups
 * run one after another, each seeing every failure before it: a hundred requests sent at once get no more tries than
 * one after the other, and a double-clicked form waits for its twin instead of being turned away. On this instance
 * they wait in memory first ({@link LookUpSlots}), so only one of them holds a database connection.
 *
 * <p>A failed look-up counts against its account (failure rows in a sliding window, exact under the account's row
 * lock) and against its client address. The address is checked at admission without a lock, so shoppers behind one
 * address never queue behind each other; its budget may overshoot by the look-ups already under way, but its count
 * is exact: one guarded counter update per failure, at settle time.
 */
@ApplicationScoped
public class ClaimGuard implements org.giftportal.ops.Sweep {
    private final EntityManager em;
    private final PortalConfig.ClaimLock settings;
    private final Clock clock;
    private final LookUpSlots slots;
    private final Retries retries;
    private final MeterRegistry metrics;

    ClaimGuard(EntityManager em, PortalConfig config, Clock clock, LookUpSlots slots, Retries retries,
            MeterRegistry metrics) {
        this.em = em;
        this.settings = config.claimLock();
        this.clock = clock;
        this.slots = slots;
        this.retries = retries;
        this.metrics = metrics;
        this.lockMemory = config.regions().values().stream().map(region -> region.review().trippedAddress())
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO);
    }

    /** How long an ended lock is kept: the review rule for networks that just tripped it looks back this far. */
    private final java.time.Duration lockMemory;

    /** A look-up admitted: whose it is, for {@link #settle}. */
    public record Attempt(long accountId, String clientAddress) {
    }

    /** Either an attempt to look a code up, or the lock that keeps this account or address from doing so. */
    public record Admission(Attempt attempt, ClaimLockState lock) {
        public boolean admitted() {
            return attempt != null;
        }
    }

    /** The lock on this account or this address, if either is locked now (the account's first, for display). */
    public Optional<ClaimLockState> lockOn(long accountId, String clientAddress) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> currentLock(accountScope(accountId),
                addressScope(clientAddress), now));
    }

    /**
     * Runs one code look-up under the lock, in a transaction of its own with its admission and its outcome (again
     * if it fails for a passing reason: the look-up must be safe to repeat). A locked account or address gets a
     * {@link CodeProblem.Locked} without the code being looked up; a result that {@code failed} calls a failure
     * counts, and if it fills a budget, the shopper gets the lock instead of it.
     *
     * @param operation names the look-up in metrics and logs
     * @param refused turns the lock, or a look-up of the same account that ran too long, into a result
     */
    public <T> T lookUp(String operation, long accountId, String clientAddress, Supplier<T> lookUp,
            Predicate<T> failed, Function<CodeProblem, T> refused) {
        return inSlot(accountId, () -> retries.inTransaction(operation, () -> {
            Admission admission = admit(accountId, clientAddress);
            if (!admission.admitted()) {
                return refused.apply(locked(admission.lock()));
            }
            T result = lookUp.get();
            return settle(admission.attempt(), failed.test(result)).map(lock -> refused.apply(locked(lock)))
                    .orElse(result);
        }), () -> refused.apply(new CodeProblem.Busy()));
    }

    /**
     * Waits for this account's turn on this instance, for a look-up that is part of a bigger transaction (a lost-card
     * report), which then calls {@link #admit} and {@link #settle} itself.
     */
    public <T> T inSlot(long accountId, Supplier<T> work, Supplier<T> busy) {
        return slots.inSlot(accountId, work, busy);
    }

    /**
     * Admits one look-up, or names the lock that refuses it. Call it in the transaction that looks the code up and
     * settles it: the account's row stays locked until that transaction ends.
     */
    public Admission admit(long accountId, String clientAddress) {
        String account = accountScope(accountId);
        return QuarkusTransaction.joiningExisting().call(() -> {
            // Created if new and locked in one statement: this account's look-ups queue up here.
            lockScope(account);
            return currentLock(account, addressScope(clientAddress), clock.instant())
                    .map(lock -> new Admission(null, lock))
                    .orElseGet(() -> new Admission(new Attempt(accountId, clientAddress), null));
        });
    }

    /**
     * Ends an admitted look-up in its transaction: a failed one counts against the account and the client address.
     * Returns the lock if this failure filled a budget.
     */
    public Optional<ClaimLockState> settle(Attempt attempt, boolean failedLookUp) {
        return failedLookUp ? failed(attempt) : Optional.empty();
    }

    private Optional<ClaimLockState> failed(Attempt attempt) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        Instant until = now.plus(settings.lockDuration());
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<ClaimLockState> lockedNow = Optional.empty();
            String account = accountScope(attempt.accountId());
            if (recordFailure(account, now, windowStart) >= settings.maxFailures() && lock(account, until, now)) {
                lockedNow = Optional.of(tripped(until, LockScope.ACCOUNT));
            }
            if (countAddressFailure(addressScope(attempt.clientAddress()), now, windowStart, until)) {
                lockedNow = Optional.of(tripped(until, LockScope.ADDRESS));
            }
            return lockedNow;
        });
    }

    private ClaimLockState tripped(Instant until, LockScope scope) {
        metrics.counter("portal.claim.locks", "scope", scope.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return new ClaimLockState(until, scope);
    }

    /** Adds a failure to the account (its row locked), drops the ones that left the window, and counts the rest. */
    private long recordFailure(String scope, Instant now, Instant windowStart) {
        forgetBefore(scope, windowStart);
        new ClaimFailure(scope, now).persist();
        return ClaimFailure.count("scopeKey = ?1 and failedAt > ?2", scope, windowStart);
    }

    /**
     * One more failure from the address, in a window that starts at its first failure; returns whether this one
     * locked the address. The counter moves in one guarded statement, so racing failures from many accounts all
     * count, and exactly one of them locks.
     */
    private boolean countAddressFailure(String scope, Instant now, Instant windowStart, Instant until) {
        // Both assignments read the row as it was: the window restarts, with this failure, once it has passed.
        em.createNativeQuery("""
                INSERT INTO claim_guard (scope_key, failures, window_started_at) VALUES (?1, 1, ?2)
                ON DUPLICATE KEY UPDATE
                  failures = IF(window_started_at IS NULL OR window_started_at <= ?3, 1, failures + 1),
                  window_started_at = IF(window_started_at IS NULL OR window_started_at <= ?3, ?2, window_started_at)""")
                .setParameter(1, scope).setParameter(2, now).setParameter(3, windowStart).executeUpdate();
        return em.createNativeQuery("UPDATE claim_guard SET locked_until = ?1 WHERE scope_key = ?2"
                + " AND failures >= ?3 AND (locked_until IS NULL OR locked_until <= ?4)")
                .setParameter(1, until).setParameter(2, scope).setParameter(3, settings.maxFailuresPerAddress())
                .setParameter(4, now).executeUpdate() == 1;
    }

    /**
     * Creates the scope's row if new and locks it, in one statement. It writes the row (counts the look-up) rather than
     * only locking it: on a Galera cluster only written rows are certified, so two nodes admitting one scope at once
     * must conflict at commit, as two transactions on one server wait for each other's lock.
     */
    private void lockScope(String scope) {
        em.createNativeQuery("INSERT INTO claim_guard (scope_key, look_ups) VALUES (?1, 1)"
                + " ON DUPLICATE KEY UPDATE look_ups = look_ups + 1").setParameter(1, scope).executeUpdate();
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

    /** Locks the scope unless it is locked already; returns whether this call locked it. */
    private boolean lock(String scope, Instant until, Instant now) {
        return em.createNativeQuery("UPDATE claim_guard SET locked_until = ?1 WHERE scope_key = ?2"
                + " AND (locked_until IS NULL OR locked_until <= ?3)")
                .setParameter(1, until).setParameter(2, scope).setParameter(3, now).executeUpdate() == 1;
    }

    /** A guessing budget of another kind, kept in the same tables: a cashier's wrong pay codes at the till. */
    public record Budget(int maxFailures, java.time.Duration window, java.time.Duration lockFor) {
    }

    /**
     * Admits one try within {@code scope} (a key of up to 80 characters, not an account's or an address's): its row
     * stays locked until the caller's transaction ends, so the scope's tries run one after another, each seeing the
     * failures before it. Returns when the scope's lock ends, if it is locked now.
     */
    public Optional<Instant> admitScope(String scope) {
        lockScope(scope);
        return lockEnd(scope);
    }

    /** When the scope's lock ends, if it is locked now; reads only (for a page that shows the lock). */
    public Optional<Instant> lockedUntil(String scope) {
        return QuarkusTransaction.joiningExisting().call(() -> lockEnd(scope));
    }

    private Optional<Instant> lockEnd(String scope) {
        return ClaimScope.lockedAt(List.of(scope), clock.instant()).stream().findFirst().map(s -> s.lockedUntil);
    }

    /** Counts a failed try of an admitted scope; returns when its lock ends, if this failure locked it. */
    public Optional<Instant> failScope(String scope, Budget budget) {
        Instant now = clock.instant();
        Instant until = now.plus(budget.lockFor());
        boolean full = recordFailure(scope, now, now.minus(budget.window())) >= budget.maxFailures();
        return full && lock(scope, until, now) ? Optional.of(until) : Optional.empty();
    }

    /**
     * Lifts the account's claim-code lock now, and forgets the failures it counted (lifting only the lock's end would
     * lock it again at the next miss). Returns the lock that was lifted, if there was one.
     */
    public Optional<ClaimLockState> liftAccountLock(long accountId) {
        String scope = accountScope(accountId);
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> {
            lockScope(scope);
            Optional<ClaimLockState> lifted = ClaimScope.lockedAt(List.of(scope), now).stream().findFirst()
                    .map(locked -> new ClaimLockState(locked.lockedUntil, LockScope.ACCOUNT));
            em.createNativeQuery("UPDATE claim_guard SET locked_until = NULL, failures = 0, window_started_at = NULL"
                    + " WHERE scope_key = ?1").setParameter(1, scope).executeUpdate();
            List<Long> counted = em.createQuery("select f.id from ClaimFailure f where f.scopeKey = ?1", Long.class)
                    .setParameter(1, scope).getResultList();
            if (!counted.isEmpty()) {
                ClaimFailure.delete("id in ?1", counted);
            }
            return lifted;
        });
    }

    /** How many failed look-ups the account has in the current window (for staff). */
    /**
     * What the lock knows of a client network now (an investigation's signal): the failed look-ups in its current
     * window and until when it was last locked; empty when it has no row (nothing failed lately).
     *
     * @param network a card's {@code tracedNetwork}: the lock's key for a client network
     */
    public Optional<NetworkRecord> networkRecord(String network) {
        return QuarkusTransaction.joiningExisting().call(() -> ClaimScope.<ClaimScope>findByIdOptional(network)
                .map(scope -> new NetworkRecord(scope.failures, scope.windowStartedAt, scope.lockedUntil)));
    }

    public record NetworkRecord(int failures, Instant windowStartedAt, Instant lockedUntil) {
    }

    public long failuresCounted(long accountId) {
        Instant windowStart = clock.instant().minus(settings.window());
        return QuarkusTransaction.joiningExisting().call(() -> ClaimFailure.count("scopeKey = ?1 and failedAt > ?2",
                accountScope(accountId), windowStart));
    }

    /**
     * Forgets up to {@code batch} account failures that left their window, and up to {@code batch} scopes that are
     * neither locked nor counting anything; returns how many rows went. Deletes go by primary key, as everywhere else
     * in this lock, so they never deadlock with look-ups under way.
     */
    @SuppressWarnings("unchecked")
    public int forgetStale(int batch) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        return retries.inTransaction("forget-claim-failures", () -> {
            List<Long> old = em.createQuery("select f.id from ClaimFailure f where f.failedAt <= ?1", Long.class)
                    .setParameter(1, windowStart).setMaxResults(batch).getResultList();
            int removed = old.isEmpty() ? 0 : (int) ClaimFailure.delete("id in ?1", old);
            List<String> idle = em.createNativeQuery("""
                    SELECT g.scope_key FROM claim_guard g
                    WHERE (g.locked_until IS NULL OR g.locked_until < ?1)
                      AND (g.window_started_at IS NULL OR g.window_started_at <= ?2)
                      AND NOT EXISTS (SELECT 1 FROM claim_failure f WHERE f.scope_key = g.scope_key)
                    LIMIT ?3""").setParameter(1, now.minus(lockMemory)).setParameter(2, windowStart)
                    .setParameter(3, batch)
                    .getResultList();
            if (!idle.isEmpty()) {
                // The conditions again, on the rows as they are now: a scope that just failed or locked stays.
                removed += em.createNativeQuery("""
                        DELETE FROM claim_guard WHERE scope_key IN (?1)
                          AND (locked_until IS NULL OR locked_until < ?2)
                          AND (window_started_at IS NULL OR window_started_at <= ?3)""")
                        .setParameter(1, idle).setParameter(2, now.minus(lockMemory)).setParameter(3, windowStart)
                        .executeUpdate();
            }
            return removed;
        });
    }

    private static Optional<ClaimLockState> currentLock(String account, String address, Instant now) {
        return ClaimScope.lockedAt(List.of(account, address), now).stream()
                .map(scope -> new ClaimLockState(scope.lockedUntil,
                        scope.scopeKey.equals(account) ? LockScope.ACCOUNT : LockScope.ADDRESS))
                .min(java.util.Comparator.comparing(ClaimLockState::scope));
    }

    private static CodeProblem locked(ClaimLockState lock) {
        return new CodeProblem.Locked(lock.until(), lock.scope());
    }

    static String accountScope(long accountId) {
        return "account:" + accountId;
    }

    /** A client address's scope: its network (see {@link ClientAddress#network}). */
    static String addressScope(String clientAddress) {
        return "address:" + ClientAddress.network(clientAddress);
    }

    /** Housekeeping's part: failures out of their window, idle unlocked rows. */
    @Override
    public int forget(int batch) {
        return forgetStale(batch);
    }
}
