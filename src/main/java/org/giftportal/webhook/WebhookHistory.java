package org.giftportal.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.ops.Sweep;
import org.giftportal.site.PortalConfig;

/**
 * Forgets events past {@code portal.webhooks.history} whose deliveries are all done (sent or dropped), with those
 * deliveries: the outbox is not an archive, and an event may hold a shopper's email address. Claimed with SKIP LOCKED,
 * so housekeeping on two instances shares the work.
 */
@ApplicationScoped
class WebhookHistory implements Sweep {
    private final EntityManager em;
    private final Clock clock;
    private final Retries retries;
    private final Duration history;

    WebhookHistory(EntityManager em, Clock clock, Retries retries, PortalConfig config) {
        this.em = em;
        this.clock = clock;
        this.retries = retries;
        this.history = config.webhooks().history();
    }

    @Override
    @SuppressWarnings("unchecked")
    public int forget(int batch) {
        return retries.inTransaction("forget-webhook-events", () -> {
            List<Number> ids = em.createNativeQuery("SELECT e.id FROM webhook_event e WHERE e.occurred_at < ?1"
                    + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id"
                    + " AND d.status = 'PENDING') ORDER BY e.occurred_at LIMIT " + batch + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, DatabaseTime.of(clock.instant().minus(history))).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            // Numbers read just above, so written into the statement as they are.
            String events = ids.stream().map(id -> Long.toString(id.longValue()))
                    .collect(java.util.stream.Collectors.joining(","));
            em.createNativeQuery("DELETE FROM webhook_delivery WHERE event_id IN (" + events + ")").executeUpdate();
            return em.createNativeQuery("DELETE FROM webhook_event WHERE id IN (" + events + ")").executeUpdate();
        });
    }
}
