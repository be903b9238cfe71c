package org.giftportal.ops;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.giftportal.account.SessionRevocations;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.PortalConfig;
import org.giftportal.web.RateLimiter;
import org.jboss.logging.Logger;

/**
 * Forgets what no longer counts: claim-code failures that left their window, unlocked and idle claim-lock rows, idle
 * request budgets, old sign-out records, the encrypted codes of mails whose card was redeemed or cancelled, store
 * holds past their time (their amount released) and idempotency keys past their retention. Every instance may run it at once: each pass deletes small batches of rows
 * nobody needs, so two instances doing it together only share the work.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    static final int BATCH = 500;
    /** A pass stops after this many batches of one kind; the next pass goes on. */
    private static final int MAX_BATCHES = 100;
    private final ClaimGuard claimGuard;
    private final RateLimiter rateLimiter;
    private final SessionRevocations revocations;
    private final Duration longestRatePeriod;

    private final org.giftportal.delivery.MailOutbox mails;
    private final org.giftportal.gift.GiftDeliveries gifts;
    private final org.giftportal.ledger.Holds holds;
    private final org.giftportal.store.Idempotency idempotency;

    Housekeeping(ClaimGuard claimGuard, RateLimiter rateLimiter, SessionRevocations revocations, PortalConfig config,
            org.giftportal.delivery.MailOutbox mails, org.giftportal.gift.GiftDeliveries gifts,
            org.giftportal.ledger.Holds holds, org.giftportal.store.Idempotency idempotency) {
        this.holds = holds;
        this.idempotency = idempotency;
        this.mails = mails;
        this.gifts = gifts;
        this.claimGuard = claimGuard;
        this.rateLimiter = rateLimiter;
        this.revocations = revocations;
        this.longestRatePeriod = config.rateLimits().values().stream()
                .flatMap(rule -> java.util.stream.Stream.of(rule.perAccount(), rule.perAddress()))
                .flatMap(java.util.Optional::stream)
                .map(org.giftportal.site.RequestRate::period)
                .max(Duration::compareTo).orElse(Duration.ofHours(1));
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
        int removed = drain(() -> claimGuard.forgetStale(BATCH));
        removed += drain(() -> rateLimiter.forgetIdle(longestRatePeriod, BATCH));
        removed += drain(() -> revocations.forgetExpired(BATCH));
        removed += drain(() -> mails.voidUnusable(BATCH));
        removed += drain(() -> gifts.eraseUnsendable(BATCH));
        removed += drain(() -> holds.releaseExpired(BATCH));
        removed += drain(() -> idempotency.forgetOld(BATCH));
        if (removed > 0) {
            LOG.debugf("Housekeeping removed %d rows", removed);
        }
        return removed;
    }

    private static int drain(IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int removed = batch.getAsInt();
            total += removed;
            if (removed < BATCH) {
                break;
            }
        }
        return total;
    }
}
