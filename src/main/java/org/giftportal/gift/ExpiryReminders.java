package org.giftportal.gift;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * Tells a gift's recipient, once, that its card expires within {@code portal.finance.expiry-reminder-before} (30 days)
 * and is still unredeemed: the card's masked number, value and expiry date and a link to sign in, never the code
 * (codes and links are erased after delivery by design). Every instance runs it; each batch claims its gifts.
 */
@ApplicationScoped
public class ExpiryReminders {
    private static final Logger LOG = Logger.getLogger(ExpiryReminders.class);
    static final int BATCH = 200;
    private final MailOutbox outbox;
    private final Retries retries;
    private final Clock clock;
    private final Period before;

    ExpiryReminders(MailOutbox outbox, Retries retries, Clock clock, PortalConfig config) {
        this.outbox = outbox;
        this.retries = retries;
        this.clock = clock;
        this.before = config.finance().expiryReminderBefore();
    }

    @Scheduled(every = "${portal.reminders.every}", delayed = "4m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int sent = remindDue();
            if (sent > 0) {
                LOG.infof("Reminded %d gift recipients that their card expires soon", sent);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Expiry reminders stopped early: %s", e.getMessage());
        }
    }

    /** Queues a reminder for every unredeemed gift card that expires soon and has had none; returns how many. */
    public int remindDue() {
        int total = 0;
        while (true) {
            int reminded = retries.inTransaction("expiry-reminders", this::remindBatch);
            total += reminded;
            if (reminded < BATCH) {
                return total;
            }
        }
    }

    private int remindBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // A month is not a fixed number of seconds: the notice is counted in days from now, in UTC.
        Instant soon = now.atZone(java.time.ZoneOffset.UTC).plus(before).toInstant();
        @SuppressWarnings("unchecked")
        List<Number> ids = Gift.getEntityManager().createNativeQuery("SELECT g.id FROM gift g"
                + " JOIN gift_card c ON c.id = g.gift_card_id WHERE g.expiry_reminded_at IS NULL"
                + " AND g.deliver_at <= ?1 AND c.status = 'ACTIVE' AND c.expires_at > ?1 AND c.expires_at <= ?2"
                + " ORDER BY c.expires_at, g.id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, DatabaseTime.of(now)).setParameter(2, DatabaseTime.of(soon)).getResultList();
        for (Number id : ids) {
            Gift gift = Gift.findById(id.longValue(), LockModeType.PESSIMISTIC_WRITE);
            gift.remindedOfExpiry(now);
            outbox.queue(OutboxMail.toAddress(gift.recipientEmail, OutboxMail.Kind.EXPIRY_REMINDER)
                    .aboutGift(gift.id));
        }
        return ids.size();
    }
}
