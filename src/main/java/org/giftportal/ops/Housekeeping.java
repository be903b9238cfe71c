package org.giftportal.ops;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.arc.All;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Forgets what no longer counts, by running every feature's {@link Sweep} (claim-code failures that left their
 * window, idle request budgets, old sign-out records, the codes of mails and gifts that can't be sent any more, store
 * holds past their time, idempotency keys past their retention, and whatever a new feature adds). Every instance may
 * run it at once: each pass deletes small batches of rows nobody needs, so two instances together only share the work.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    static final int BATCH = 500;
    /** A pass stops after this many batches of one kind; the next pass goes on. */
    private static final int MAX_BATCHES = 100;
    private final List<Sweep> sweeps;

    Housekeeping(@All List<Sweep> sweeps) {
        this.sweeps = sweeps;
    }

    @Scheduled(every = "${portal.housekeeping.every}", delayed = "${portal.housekeeping.first-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("Housekeeping stopped early: %s", e.getMessage());
        }
    }

    /** One pass over everything that can be forgotten; returns how many rows went. */
    public int sweep() {
        int removed = 0;
        for (Sweep sweep : sweeps) {
            removed += drain(sweep);
        }
        if (removed > 0) {
            LOG.debugf("Housekeeping removed %d rows", removed);
        }
        return removed;
    }

    private static int drain(Sweep sweep) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int removed = sweep.forget(BATCH);
            total += removed;
            if (removed < BATCH) {
                break;
            }
        }
        return total;
    }
}
