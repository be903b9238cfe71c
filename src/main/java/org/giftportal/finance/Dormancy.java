package org.giftportal.finance;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.jboss.logging.Logger;

/**
 * Value nobody has touched for the region's {@code dormant-after} (default three years): balances with no ledger
 * activity, and sold cards never redeemed. The list, with its CSV, is what an unclaimed-property filing needs (who,
 * their last known email, since when, how much). Shoppers with a balance get one reminder before it counts as dormant,
 * through the outbox, in plain words; using the balance starts a new quiet spell, and another reminder before its end.
 * Every instance runs the reminders: each batch claims its accounts ({@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class Dormancy {
    private static final Logger LOG = Logger.getLogger(Dormancy.class);
    static final int BATCH = 200;
    private final EntityManager entityManager;
    private final Regions regions;
    private final MailOutbox outbox;
    private final Retries retries;
    private final Clock clock;
    private final Period reminderBefore;

    Dormancy(EntityManager entityManager, Regions regions, MailOutbox outbox, Retries retries, Clock clock,
            PortalConfig config) {
        this.entityManager = entityManager;
        this.regions = regions;
        this.outbox = outbox;
        this.retries = retries;
        this.clock = clock;
        this.reminderBefore = config.finance().dormancyReminderBefore();
    }

    /** One dormant balance or card: an account's id or a card's number, who (for a balance), since when, how much. */
    public record Dormant(String kind, String reference, String name, String email, Instant lastActivity,
            long amountMinor) {
    }

    /** The region's dormant balances and cards, quietest first. Needs a transaction. */
    public List<Dormant> of(Region region) {
        Instant since = dormantSince(region, clock.instant());
        List<Dormant> dormant = new java.util.ArrayList<>();
        rows(entityManager.createNativeQuery("SELECT id, display_name, email, last_activity_at, balance_minor"
                + " FROM account WHERE region = ?1 AND balance_minor > 0 AND last_activity_at < ?2"
                + " ORDER BY last_activity_at, id").setParameter(1, region.code())
                .setParameter(2, DatabaseTime.of(since)).getResultList()).forEach(row -> dormant.add(new Dormant(
                        "balance", "account " + row[0], (String) row[1], (String) row[2], DatabaseTime.read(row[3]),
                        ((Number) row[4]).longValue())));
        rows(entityManager.createNativeQuery("SELECT card_number, COALESCE(activated_at, issued_at), amount_minor"
                + " FROM gift_card WHERE region = ?1 AND (status = 'ACTIVE' OR (status = 'BLOCKED'"
                + " AND status_before_block = 'ACTIVE')) AND COALESCE(activated_at, issued_at) < ?2"
                + " ORDER BY 2, id").setParameter(1, region.code()).setParameter(2, DatabaseTime.of(since))
                .getResultList()).forEach(row -> dormant.add(new Dormant("card", "card " + row[0], null, null,
                        DatabaseTime.read(row[1]), ((Number) row[2]).longValue())));
        return dormant;
    }

    /** Activity before this instant is dormant now: the region's dormant-after ago, in its calendar. */
    static Instant dormantSince(Region region, Instant now) {
        return now.atZone(region.timeZone()).minus(region.dormantAfter()).toInstant();
    }

    @Scheduled(every = "${portal.reminders.every}", delayed = "3m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int sent = remindDue();
            if (sent > 0) {
                LOG.infof("Reminded %d shoppers that their balance will soon count as dormant", sent);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Dormancy reminders stopped early: %s", e.getMessage());
        }
    }

    /**
     * Queues one reminder for every balance that will count as dormant within the reminder's notice and hasn't been
     * reminded since it was last used; returns how many.
     */
    public int remindDue() {
        int total = 0;
        for (Region region : regions.all()) {
            while (true) {
                int reminded = retries.inTransaction("dormancy-reminders", () -> remindBatch(region));
                total += reminded;
                if (reminded < BATCH) {
                    break;
                }
            }
        }
        return total;
    }

    private int remindBatch(Region region) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant since = dormantSince(region, now);
        Instant remindFrom = since.atZone(region.timeZone()).plus(reminderBefore).toInstant();
        List<Long> ids = numbers(entityManager.createNativeQuery("SELECT id FROM account WHERE region = ?1"
                + " AND balance_minor > 0 AND last_activity_at >= ?2 AND last_activity_at < ?3"
                + " AND (dormancy_reminded_at IS NULL OR dormancy_reminded_at < last_activity_at)"
                + " ORDER BY last_activity_at, id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, region.code()).setParameter(2, DatabaseTime.of(since))
                .setParameter(3, DatabaseTime.of(remindFrom)).getResultList());
        for (long id : ids) {
            Account account = Account.findById(id, LockModeType.PESSIMISTIC_WRITE);
            account.remindedOfDormancy(now);
            outbox.queue(OutboxMail.to(id, OutboxMail.Kind.DORMANCY_REMINDER));
        }
        return ids.size();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static List<Long> numbers(List<?> result) {
        return result.stream().map(value -> ((Number) value).longValue()).toList();
    }
}
