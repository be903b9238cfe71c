package org.giftportal.gift;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.giftportal.card.CardIssuing;
import org.giftportal.card.IssuedCard;
import org.giftportal.delivery.CodeCipher;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.jboss.logging.Logger;

/**
 * Issues a confirmed order's gifts a chunk at a time, each chunk one transaction: a card per gift, its link's token,
 * the code and token encrypted for the email, and the email queued for the gift's delivery time. Whoever issues claims
 * the order first (a marker with an expiry), so two instances never issue one order at once; an instance that dies
 * mid-order leaves the claim to expire, and the job goes on from the first gift without a card.
 */
@ApplicationScoped
public class GiftIssuer {
    private static final Logger LOG = Logger.getLogger(GiftIssuer.class);
    /** Longer than any chunk takes; renewed with every chunk. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private final String instance = UUID.randomUUID().toString();
    private final CardIssuing issuing;
    private final CodeCipher cipher;
    private final MailOutbox outbox;
    private final Regions regions;
    private final Retries retries;
    private final Clock clock;
    private final PortalConfig.Gifts settings;
    /** Issues right after a confirmation commits, off the request thread; the job picks up whatever this misses. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(100), runnable -> {
                Thread thread = new Thread(runnable, "gift-issuer");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private final jakarta.enterprise.event.Event<GiftOrderChanged> changes;

    GiftIssuer(CardIssuing issuing, CodeCipher cipher, MailOutbox outbox, Regions regions, Retries retries,
            Clock clock, PortalConfig config, jakarta.enterprise.event.Event<GiftOrderChanged> changes) {
        this.changes = changes;
        this.issuing = issuing;
        this.cipher = cipher;
        this.outbox = outbox;
        this.regions = regions;
        this.retries = retries;
        this.clock = clock;
        this.settings = config.gifts();
        worker.allowCoreThreadTimeOut(true);
    }

    void onConfirmed(@Observes(during = TransactionPhase.AFTER_SUCCESS) GiftOrders.OrderConfirmed confirmed) {
        worker.execute(() -> {
            try {
                issue(confirmed.orderId());
            } catch (RuntimeException e) {
                LOG.warnf("Gift order %d not issued now, the job will: %s", confirmed.orderId(), e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }

    @Scheduled(every = "${portal.gifts.issue-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            issueConfirmed();
        } catch (RuntimeException e) {
            LOG.warnf("Issuing gift orders stopped early: %s", e.getMessage());
        }
    }

    /** Issues every confirmed order nobody is issuing; returns how many gifts were issued. */
    public int issueConfirmed() {
        List<Long> orders = QuarkusTransaction.requiringNew().call(() -> GiftOrder.getEntityManager().createQuery(
                "select o.id from GiftOrder o where o.status = ?1 order by o.id", Long.class)
                .setParameter(1, GiftOrder.Status.ISSUING).getResultList());
        return orders.stream().mapToInt(this::issue).sum();
    }

    /** Issues the rest of one order, unless another instance is; returns how many gifts this call issued. */
    public int issue(long orderId) {
        if (!claim(orderId)) {
            return 0;
        }
        int issued = 0;
        try {
            int chunk;
            do {
                chunk = retries.inTransaction("gift-issue", () -> issueChunk(orderId));
                issued += chunk;
            } while (chunk > 0);
        } finally {
            release(orderId);
        }
        return issued;
    }

    /** Whether no issuing after a confirmation is queued or running (tests wait for it). */
    boolean idle() {
        return worker.getQueue().isEmpty() && worker.getActiveCount() == 0;
    }

    private boolean claim(long orderId) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> GiftOrder.getEntityManager().createNativeQuery(
                "UPDATE gift_order SET claimed_by = ?1, claimed_until = ?2 WHERE id = ?3 AND status = 'ISSUING'"
                        + " AND (claimed_until IS NULL OR claimed_until < ?4)").setParameter(1, instance)
                .setParameter(2, DatabaseTime.of(now.plus(CLAIM))).setParameter(3, orderId)
                .setParameter(4, DatabaseTime.of(now)).executeUpdate()) == 1;
    }

    private void release(long orderId) {
        QuarkusTransaction.requiringNew().run(() -> GiftOrder.getEntityManager().createNativeQuery(
                "UPDATE gift_order SET claimed_by = NULL, claimed_until = NULL WHERE id = ?1 AND claimed_by = ?2")
                .setParameter(1, orderId).setParameter(2, instance).executeUpdate());
    }

    /** One chunk in the caller's transaction: returns how many gifts got their card (0 when the order is done). */
    @SuppressWarnings("unchecked")
    private int issueChunk(long orderId) {
        Instant now = clock.instant();
        int stillOurs = GiftOrder.getEntityManager().createNativeQuery("UPDATE gift_order SET claimed_until = ?1"
                + " WHERE id = ?2 AND claimed_by = ?3 AND status = 'ISSUING'").setParameter(1,
                        DatabaseTime.of(now.plus(CLAIM))).setParameter(2, orderId).setParameter(3, instance)
                .executeUpdate();
        if (stillOurs == 0) {
            return 0;
        }
        List<Number> ids = Gift.getEntityManager().createNativeQuery("SELECT id FROM gift WHERE order_id = ?1"
                + " AND gift_card_id IS NULL ORDER BY line_number LIMIT " + settings.issueChunk()
                + " FOR UPDATE SKIP LOCKED").setParameter(1, orderId).getResultList();
        GiftOrder order = GiftOrder.findById(orderId);
        Region region = regions.find(order.region).orElseThrow();
        for (Number id : ids) {
            issueOne(Gift.findById(id.longValue()), order, region, now);
        }
        order.issuedCount += ids.size();
        if (ids.size() < settings.issueChunk() && Gift.count("orderId = ?1 and giftCardId is null", orderId) == 0) {
            order.status = GiftOrder.Status.ISSUED;
            order.issuedAt = now;
            changes.fire(new GiftOrderChanged(order.id, GiftOrderChanged.What.ISSUED));
        }
        return ids.size();
    }

    private void issueOne(Gift gift, GiftOrder order, Region region, Instant now) {
        IssuedCard issued = issuing.issue(new CardIssuing.Order(region.code(), gift.amountMinor / region.minorUnits(1),
                true, order.reference));
        String token = GiftToken.generate();
        long cardId = issued.card().id;
        gift.issued(cardId, GiftToken.hash(token).orElseThrow(), cipher.seal(GiftSecret.of(issued.code(), token),
                cardId), latest(gift.deliverAt, now).plus(settings.codeRetention()));
        gift.mailId = outbox.queue(OutboxMail.toAddress(gift.recipientEmail, OutboxMail.Kind.GIFT).aboutGift(gift.id)
                .aboutCard(cardId).notBefore(gift.deliverAt)).id;
    }

    /** An order confirmed after its delivery times keeps its codes for the whole retention time from issuing. */
    private static Instant latest(Instant deliverAt, Instant now) {
        return deliverAt.isAfter(now) ? deliverAt : now;
    }
}
