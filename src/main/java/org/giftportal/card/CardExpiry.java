package org.giftportal.card;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.jboss.logging.Logger;

/**
 * Expires sold, unredeemed cards whose validity has ended, so their value leaves what the retailer owes as "expired"
 * in the journal (and the statement), never silently. A blocked card or one held for review waits until staff are
 * done with it. Every instance runs it: each batch claims its rows ({@code FOR UPDATE SKIP LOCKED}), so no card is
 * expired twice and two instances only share the work.
 */
@ApplicationScoped
public class CardExpiry {
    private static final Logger LOG = Logger.getLogger(CardExpiry.class);
    static final int BATCH = 200;
    private final Retries retries;
    private final Clock clock;

    private final CardEvents events;

    CardExpiry(Retries retries, Clock clock, CardEvents events) {
        this.events = events;
        this.retries = retries;
        this.clock = clock;
    }

    @Scheduled(every = "${portal.card-expiry.every}", delayed = "45s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int expired = expireDue();
            if (expired > 0) {
                LOG.infof("Expired %d gift cards whose validity ended", expired);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Card expiry stopped early: %s", e.getMessage());
        }
    }

    /** Expires every card whose time has come; returns how many. */
    public int expireDue() {
        int total = 0;
        while (true) {
            int expired = retries.inTransaction("card-expiry", this::expireBatch);
            total += expired;
            if (expired < BATCH) {
                return total;
            }
        }
    }

    private int expireBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Number> ids = GiftCard.getEntityManager().createNativeQuery("SELECT id FROM gift_card"
                + " WHERE status = 'ACTIVE' AND expires_at <= ?1 ORDER BY expires_at, id LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED").setParameter(1, DatabaseTime.of(now)).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        // Locked above, read under the lock: a card redeemed meanwhile by another transaction is seen as redeemed.
        List<GiftCard> cards = GiftCard.<GiftCard>find("id in ?1", ids.stream().map(Number::longValue).toList())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        cards.stream().filter(card -> card.status == CardStatus.ACTIVE).forEach(card -> {
            card.expire(now);
            events.told(card, CardChanged.What.EXPIRED);
        });
        return ids.size();
    }
}
