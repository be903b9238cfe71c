package org.giftportal.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.giftportal.ops.JobLease;
import org.jboss.logging.Logger;

/**
 * Runs the {@link MoneyChecks} on a schedule, on one instance at a time (whichever takes the job's lease), and keeps
 * every result for admins. A mismatch is an ERROR log line and a metric an alert watches: money that doesn't add up
 * is never only a row in a table.
 */
@ApplicationScoped
public class Reconciliation {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    static final String JOB = "reconciliation";
    private static final Duration LEASE = Duration.ofMinutes(30);
    private final MoneyChecks checks;
    private final JobLease lease;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final AtomicLong lastMismatches = new AtomicLong();

    private final jakarta.enterprise.event.Event<MoneyChecksFailed> failed;

    Reconciliation(MoneyChecks checks, JobLease lease, MeterRegistry metrics, Clock clock,
            jakarta.enterprise.event.Event<MoneyChecksFailed> failed) {
        this.failed = failed;
        this.checks = checks;
        this.lease = lease;
        this.metrics = metrics;
        this.clock = clock;
        metrics.gauge("portal.reconciliation.last.mismatches", lastMismatches);
    }

    @Scheduled(every = "${portal.reconciliation.every}", delayed = "${portal.reconciliation.first-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runIfFree();
    }

    /** Runs the checks unless another instance is running them; the run, if this instance made one. */
    public Optional<ReconciliationRun> runIfFree() {
        if (!lease.tryTake(JOB, LEASE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } finally {
            lease.release(JOB);
        }
    }

    private ReconciliationRun run() {
        Instant started = clock.instant();
        List<MoneyChecks.CheckResult> results = checks.run();
        long mismatches = results.stream().mapToLong(MoneyChecks.CheckResult::mismatches).sum();
        ReconciliationRun run = new ReconciliationRun();
        run.startedAt = started;
        run.finishedAt = clock.instant();
        run.ranBy = lease.owner();
        run.mismatches = (int) Math.min(Integer.MAX_VALUE, mismatches);
        run.report = report(results);
        QuarkusTransaction.requiringNew().run(() -> {
            run.persist();
            if (mismatches > 0) {
                failed.fire(new MoneyChecksFailed(run.id, mismatches, run.report));
            }
        });
        lastMismatches.set(mismatches);
        metrics.counter("portal.reconciliation.runs", "result", mismatches == 0 ? "passed" : "mismatch").increment();
        if (mismatches > 0) {
            metrics.counter("portal.reconciliation.mismatches").increment(mismatches);
            LOG.errorf("Reconciliation run %d found %d mismatches:%n%s", run.id, mismatches, run.report);
        } else {
            LOG.infof("Reconciliation run %d: every money check holds", run.id);
        }
        return run;
    }

    private static String report(List<MoneyChecks.CheckResult> results) {
        StringBuilder report = new StringBuilder();
        for (MoneyChecks.CheckResult result : results) {
            report.append(result.holds() ? "OK    " : "FAIL  ").append(result.check());
            if (!result.holds()) {
                report.append(" (").append(result.mismatches()).append(")");
            }
            report.append('\n');
            result.examples().forEach(example -> report.append("      ").append(example).append('\n'));
        }
        return report.toString();
    }
}
