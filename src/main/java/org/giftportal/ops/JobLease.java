package org.giftportal.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Who runs a job that must run on one instance at a time (reconciliation): every instance's scheduler fires, and
 * the one that takes the job's lease runs it. The lease is a row with an expiry, taken by a guarded UPDATE, so it
 * needs no lock held while the job runs (which Galera would not honour across nodes anyway), and an instance that dies
 * mid-job gives the job back when its lease runs out.
 */
@ApplicationScoped
public class JobLease {
    private final AgroalDataSource dataSource;
    private final Clock clock;
    /** This instance, as lease owner. */
    private final String owner = UUID.randomUUID().toString();

    JobLease(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Takes the job's lease for this long if nobody holds it; returns whether this instance now does. */
    public boolean tryTake(String job, Duration lease) {
        Instant now = clock.instant();
        AutoCommit.update(dataSource, "INSERT IGNORE INTO job_lease (job, leased_until) VALUES (?, ?)", job,
                Instant.EPOCH.plusSeconds(86_400));
        return AutoCommit.update(dataSource, "UPDATE job_lease SET owner = ?, leased_until = ?, last_started_at = ?"
                + " WHERE job = ? AND leased_until < ?", owner, now.plus(lease), now, job, now) == 1;
    }

    /** Gives the lease back early, once the job is done. */
    public void release(String job) {
        AutoCommit.update(dataSource, "UPDATE job_lease SET leased_until = ? WHERE job = ? AND owner = ?",
                clock.instant(), job, owner);
    }

    public String owner() {
        return owner;
    }
}
