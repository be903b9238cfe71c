package org.giftportal.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement create = connection.prepareStatement(
                    "INSERT IGNORE INTO job_lease (job, leased_until) VALUES (?, ?)")) {
                create.setString(1, job);
                create.setObject(2, DatabaseTime.of(Instant.EPOCH.plusSeconds(86_400)));
                create.executeUpdate();
            }
            try (PreparedStatement take = connection.prepareStatement("UPDATE job_lease SET owner = ?,"
                    + " leased_until = ?, last_started_at = ? WHERE job = ? AND leased_until < ?")) {
                take.setString(1, owner);
                take.setObject(2, DatabaseTime.of(now.plus(lease)));
                take.setObject(3, DatabaseTime.of(now));
                take.setString(4, job);
                take.setObject(5, DatabaseTime.of(now));
                return take.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lease of " + job, e);
        }
    }

    /** Gives the lease back early, once the job is done. */
    public void release(String job) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE job_lease SET leased_until = ? WHERE job = ? AND owner = ?")) {
            release.setObject(1, DatabaseTime.of(clock.instant()));
            release.setString(2, job);
            release.setString(3, owner);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release the lease of " + job, e);
        }
    }

    public String owner() {
        return owner;
    }
}
