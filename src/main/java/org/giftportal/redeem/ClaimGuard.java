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
import org.giftportal.site.PortalConfig;

/**
 * The claim-code lock against guessing, shared by every portal instance through MariaDB.
 *
 * <p>Every look-up first takes a slot from its account's budget ({@link #begin}): the slot is written as a failure
 * before the code is looked up, under the account row's lock, so a hundred requests sent at once get no more tries
 * than one after the other. A look-up that turns out fine gives its slot back; a failed one
 * keeps it and adds a failure to its client address, and the failure that fills a budget locks that account or
 * address ({@link #failed}).
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

    /** A look-up under way: the failure rows it holds in each scope until it is known how it went. */
    public record Attempt(long accountId, String clientAddress, List<Long> slotIds) {
    }

    /** Either a slot to look a code up, or the time until which this account or address may not. */
    public record Admission(Attempt attempt, Instant lockedUntil) implements BeginResult {
        public boolean admitted() {
            return attempt != null;
        }
    }

    /** The budget is taken by look-ups still under way (a double-click, say): worth waiting for briefly. */
    private record Busy(Instant freeAgain) implements BeginResult {
    }

    private sealed interface BeginResult permits Admission, Busy {
    }

    private static final int BUSY_RETRIES = 30;
    private static final long BUSY_WAIT_MILLIS = 100;

    /** Until when the account or the address may not try codes, if either is locked now (for display). */
    public Optional<Instant> lockedUntil(long accountId, String clientAddress) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> ClaimScope.lockedUntil(accountScope(accountId),
                addressScope(clientAddress), now));
    }

    /**
     * Takes a slot for one look-up, or says until when the budget is spent. When the budget is only held by
     * look-ups still under way, waits a little for them: they usually end within milliseconds and give their slots
     * back, so a form submitted twice at once is not turned away, while many parallel guesses still queue.
     */
    public Admission begin(long accountId, String clientAddress) {
        for (int retry = 0; ; retry++) {
            BeginResult result = tryBegin(accountId, clientAddress);
            if (result instanceof Admission admission) {
                return admission;
            }
            if (retry == BUSY_RETRIES) {
                return new Admission(null, ((Busy) result).freeAgain());
            }
            try {
                Thread.sleep(BUSY_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Admission(null, ((Busy) result).freeAgain());
            }
        }
    }

    /** One try, in a transaction of its own: an {@link Admission}, or {@link Busy}. */
    private BeginResult tryBegin(long accountId, String clientAddress) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        String account = accountScope(accountId);
        return QuarkusTransaction.requiringNew().<BeginResult>call(() -> {
            // The account's row is created if new and locked in one statement: its look-ups queue up here.
            lockScope(account);
            Optional<Instant> locked = ClaimScope.lockedUntil(account, addressScope(clientAddress), now);
            if (locked.isPresent()) {
                return new Admission(null, locked.get());
            }
            forgetBefore(account, windowStart);
            if (failures(account, windowStart) >= settings.maxFailures()) {
                // Spent by look-ups still under way: the oldest slot frees when it leaves the window.
                Instant oldest = em.createQuery("select min(f.failedAt) from ClaimFailure f where f.scopeKey = ?1",
                        Instant.class).setParameter(1, account).getSingleResult();
                return new Busy(oldest.plus(settings.window()));
            }
            ClaimFailure slot = new ClaimFailure(account, now);
            slot.persist();
            return new Admission(new Attempt(accountId, clientAddress, List.of(slot.id)), null);
        });
    }

    /**
     * Ends a look-up in the caller's transaction: a failed one keeps its slot (see {@link #failed}), any other
     * gives it back. Returns the lock's end if this failure filled a budget.
     */
    public Optional<Instant> settle(Attempt attempt, boolean failedLookUp) {
        if (failedLookUp) {
            return failed(attempt);
        }
        succeeded(attempt);
        return Optional.empty();
    }

    /** The look-up was no failure (a redemption, a good card, one's own card): its slot is given back. */
    private void succeeded(Attempt attempt) {
        QuarkusTransaction.joiningExisting().run(() -> ClaimFailure.delete("id in ?1", attempt.slotIds()));
    }

    /**
     * The look-up failed: the account's slot stays counted and the client address gets a failure too (its budget
     * counts failures only, so many shoppers behind one address can redeem at the same time). Returns the lock's
     * end if this failure filled a budget.
     */
    private Optional<Instant> failed(Attempt attempt) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        Instant until = now.plus(settings.lockDuration());
        String account = accountScope(attempt.accountId());
        String address = addressScope(attempt.clientAddress());
        return QuarkusTransaction.joiningExisting().call(() -> {
            lockScope(address);
            forgetBefore(address, windowStart);
            new ClaimFailure(address, now).persist();
            Optional<Instant> lockedNow = Optional.empty();
            if (failures(account, windowStart) >= settings.maxFailures()) {
                lock(account, until, now);
                lockedNow = Optional.of(until);
            }
            if (failures(address, windowStart) >= settings.maxFailuresPerAddress()) {
                lock(address, until, now);
                lockedNow = Optional.of(until);
            }
            return lockedNow;
        });
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

    private long failures(String scope, Instant windowStart) {
        return ClaimFailure.count("scopeKey = ?1 and failedAt > ?2", scope, windowStart);
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
