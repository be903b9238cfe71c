package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.giftportal.site.PortalConfig;

/**
 * One code look-up per account at a time on this instance; the others wait here, in memory, not on a pooled
 * database connection queued behind the account's lock row. A hundred parallel requests from one session hold one
 * connection, not a hundred, and the other shoppers keep theirs.
 */
@ApplicationScoped
class LookUpSlots {
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    /** Look-ups holding or waiting for a slot on this instance: a metric, since a crowd here means a flood. */
    private final AtomicInteger inSlots = new AtomicInteger();
    private final Duration wait;

    LookUpSlots(PortalConfig config, MeterRegistry metrics) {
        this.wait = config.claimLock().queueWait();
        metrics.gauge("portal.claim.lookups.in.slots", inSlots);
    }

    /** Runs the work once this account's slot is free, or returns {@code busy} if it isn't free within the wait. */
    <T> T inSlot(long accountId, Supplier<T> work, Supplier<T> busy) {
        Slot slot = slots.compute(accountId, (id, current) -> (current == null ? new Slot() : current).join());
        inSlots.incrementAndGet();
        try {
            if (!slot.permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return busy.get();
            }
            try {
                return work.get();
            } finally {
                slot.permit.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy.get();
        } finally {
            inSlots.decrementAndGet();
            slots.computeIfPresent(accountId, (id, current) -> current.leave());
        }
    }

    /** A slot and how many requests hold or wait for it; it is dropped when the last one leaves. */
    private static final class Slot {
        final Semaphore permit = new Semaphore(1, true);
        int users;

        Slot join() {
            users++;
            return this;
        }

        Slot leave() {
            users--;
            return users == 0 ? null : this;
        }
    }
}
