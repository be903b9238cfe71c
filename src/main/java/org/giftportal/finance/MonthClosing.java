package org.giftportal.finance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.giftportal.ops.JobLease;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.jboss.logging.Logger;

/**
 * Closes each region's months on their own, oldest first, once they ended {@code portal.finance.close-after} ago in
 * the region's calendar: the statement is worked out at watermarks read at the close (the last ledger entry and card
 * journal row committed then) and stored with its checksum. One instance does it at a time, under the job's lease;
 * the unique key on (region, month) backs that. What a month includes is fixed from then (see {@link Statements}).
 *
 * <p>A transaction that took a row id below the watermark but commits after the close would slip into the closed
 * month unseen; the portal's transactions last milliseconds and months close days after they end, and the money
 * check "each closed month still adds up to its rows" would name the month if it ever happened.
 */
@ApplicationScoped
public class MonthClosing {
    private static final Logger LOG = Logger.getLogger(MonthClosing.class);
    static final String JOB = "month-closing";
    private final Statements statements;
    private final Regions regions;
    private final JobLease lease;
    private final Clock clock;
    private final Period closeAfter;

    private final jakarta.enterprise.event.Event<MonthClosed> closedEvents;

    MonthClosing(Statements statements, Regions regions, JobLease lease, Clock clock, PortalConfig config,
            jakarta.enterprise.event.Event<MonthClosed> closedEvents) {
        this.closedEvents = closedEvents;
        this.statements = statements;
        this.regions = regions;
        this.lease = lease;
        this.clock = clock;
        this.closeAfter = config.finance().closeAfter();
    }

    @Scheduled(every = "${portal.finance.every}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            closeDue().forEach(closed -> LOG.infof("Closed the liability statement of %s", closed));
        } catch (RuntimeException e) {
            LOG.warnf("Month closing stopped early: %s", e.getMessage());
        }
    }

    /** Closes every month that is due, if this instance takes the lease; returns them ("US 2026-03"). */
    public List<String> closeDue() {
        return closeDue(regions.all());
    }

    /** The same, for these regions only. */
    List<String> closeDue(java.util.Collection<Region> these) {
        if (!lease.tryTake(JOB, Duration.ofMinutes(10))) {
            return List.of();
        }
        try {
            List<String> closed = new ArrayList<>();
            for (Region region : these) {
                for (Optional<YearMonth> due = nextDue(region); due.isPresent(); due = nextDue(region)) {
                    close(region, due.get());
                    closed.add(region.code() + " " + due.get());
                }
            }
            return closed;
        } finally {
            lease.release(JOB);
        }
    }

    /** The region's next month to close, if it has ended long enough ago. */
    Optional<YearMonth> nextDue(Region region) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> ClosedStatement.latest(region.code())
                .map(latest -> Optional.of(YearMonth.parse(latest.month).plusMonths(1)))
                .orElseGet(() -> statements.firstMonth(region)))
                .filter(month -> !Statements.end(region, month).atZone(region.timeZone()).plus(closeAfter)
                        .toInstant().isAfter(now));
    }

    private void close(Region region, YearMonth month) {
        long[] watermarks = QuarkusTransaction.requiringNew().call(statements::watermarks);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            LiabilityStatement statement = statements.compute(region, month, Optional.of(
                    new LiabilityStatement.Closed(now, lease.owner(), watermarks[0], watermarks[1])));
            ClosedStatement closed = new ClosedStatement();
            closed.region = region.code();
            closed.currency = statement.currency();
            closed.month = month.toString();
            closed.endsAt = Statements.end(region, month);
            closed.closedAt = now;
            closed.closedBy = lease.owner();
            closed.ledgerWatermark = watermarks[0];
            closed.journalWatermark = watermarks[1];
            closed.openingMinor = statement.opening();
            closed.closingMinor = statement.closing();
            closed.content = statement.csv();
            closed.checksum = org.giftportal.web.ExpiringCache.keyOf(closed.content); // SHA-256 in hex, as SHA2()
            closed.persist();
            closedEvents.fire(new MonthClosed(closed.region, closed.currency, closed.month, closed.openingMinor,
                    closed.closingMinor));
        });
    }
}
