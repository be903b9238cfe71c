package org.giftportal.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.giftportal.site.PortalConfig;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * The one retry policy of the portal: a transaction that failed for a reason that goes away by itself (a deadlock, a
 * lock wait timeout, a certification conflict on a Galera cluster, a connection lost mid-transaction, a row changed
 * by someone else meanwhile) runs again from the start, a few times, after a short random pause.
 *
 * <p>Only for work that is safe to run twice: reads, writes that find their own earlier result (a redemption by
 * its request id, a reply by its request id), and counters whose rare double count harms nothing (help feedback, a
 * claim scope's look-up count, which only makes its row a write that a cluster certifies). When the connection was
 * lost during the commit, nobody knows whether the first run committed; the second run must find out for itself.
 */
@ApplicationScoped
public class Retries {
    private static final Logger LOG = Logger.getLogger(Retries.class);
    /** MariaDB: deadlock (also Galera's certification failure), lock wait timeout, Galera node not ready. */
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int WSREP_NOT_READY = 1047;
    /** The connection pool's own words when it has no connection to give: the database is away or saturated. */
    private static final java.util.regex.Pattern POOL_FAILURE = java.util.regex.Pattern.compile(
            "acquisition timeout|association of connection to existing transaction|Unable to acquire JDBC Connection");

    private final PortalConfig.Retries settings;
    private final MeterRegistry metrics;

    Retries(PortalConfig config, MeterRegistry metrics) {
        this.settings = config.retries();
        this.metrics = metrics;
    }

    /** Why a transaction failed, when it is worth trying again. */
    public enum Transient {
        /** Deadlock, lock wait timeout or certification conflict: the database rolled the work back. */
        CONFLICT,
        /** The row changed since it was read (an optimistic version check failed). */
        CHANGED_MEANWHILE,
        /** The connection or the node went away: the work may or may not have committed. */
        CONNECTION
    }

    /**
     * Runs the work in a transaction of its own, again on a transient failure, up to the configured attempts.
     *
     * @param operation names the work in metrics and logs, e.g. "redeem"
     * @throws RetriesExhausted when every attempt failed transiently; other failures are thrown at once
     */
    public <T> T inTransaction(String operation, Callable<T> work) {
        return again(operation, settings.maxAttempts(), () -> QuarkusTransaction.requiringNew().call(work));
    }

    /**
     * Runs a read that is not part of a transaction again after a transient failure: a pooled connection whose node
     * died fails once (the driver has already moved it to the next node), and the read simply runs again. A lost
     * connection is tried once more only: when the database is away, a page must not wait for eight of them. Inside a
     * transaction the read runs once: it holds its connection, and a failure there ends the whole transaction.
     */
    public <T> T reading(String operation, java.util.function.Supplier<T> read) {
        if (QuarkusTransaction.isActive()) {
            return read.get();
        }
        return again(operation, 2, read);
    }

    /**
     * @param connectionAttempts attempts in all when the failures are lost connections (conflicts get the configured
     *        number): a database that is away doesn't come back within one request
     */
    private <T> T again(String operation, int connectionAttempts, java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                Optional<Transient> reason = classify(e);
                if (reason.isEmpty()) {
                    throw e;
                }
                int attempts = reason.get() == Transient.CONNECTION
                        ? Math.min(connectionAttempts, settings.maxAttempts()) : settings.maxAttempts();
                if (attempt >= attempts) {
                    metrics.counter("portal.db.retry.giveups", "operation", operation, "reason", name(reason.get()))
                            .increment();
                    LOG.warnf("%s gave up after %d attempts: %s", operation, attempt, rootMessage(e));
                    throw new RetriesExhausted(operation, reason.get(), e);
                }
                metrics.counter("portal.db.retries", "operation", operation, "reason", name(reason.get()))
                        .increment();
                LOG.debugf("%s attempt %d failed (%s), trying again", operation, attempt, reason.get());
                pause(attempt);
            }
        }
    }

    /** The same, for work without a result. */
    public void inTransaction(String operation, Runnable work) {
        inTransaction(operation, () -> {
            work.run();
            return null;
        });
    }

    /** Whether a failure is one that may go away when the work runs again, and why. */
    public static Optional<Transient> classify(Throwable failure) {
        Optional<Transient> found = classify(failure, 0);
        if (found.isEmpty() && causes(failure, 0).anyMatch(cause -> cause instanceof jakarta.transaction.RollbackException
                || cause instanceof jakarta.transaction.HeuristicMixedException)) {
            // The commit itself failed and said no more (a connection lost during COMMIT): outcome unknown.
            return Optional.of(Transient.CONNECTION);
        }
        return found;
    }

    private static Optional<Transient> classify(Throwable failure, int depth) {
        return causes(failure, depth).map(Retries::reasonOf).flatMap(Optional::stream).findFirst();
    }

    /** The failure, its causes and what was suppressed along the way, depth first (bounded: chains can loop). */
    private static java.util.stream.Stream<Throwable> causes(Throwable failure, int depth) {
        if (failure == null || depth > 20) {
            return java.util.stream.Stream.empty();
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(failure), java.util.stream.Stream.concat(
                causes(failure.getCause() == failure ? null : failure.getCause(), depth + 1),
                java.util.Arrays.stream(failure.getSuppressed()).flatMap(suppressed -> causes(suppressed, depth + 1))));
    }

    private static Optional<Transient> reasonOf(Throwable cause) {
        if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
            return Optional.of(Transient.CHANGED_MEANWHILE);
        }
        if (cause instanceof PessimisticLockException
                || cause instanceof org.hibernate.exception.LockAcquisitionException
                || cause instanceof org.hibernate.PessimisticLockException) {
            return Optional.of(Transient.CONFLICT);
        }
        if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
            return Optional.of(Transient.CONNECTION);
        }
        if (cause instanceof SQLException sql) {
            if (sql.getErrorCode() == DEADLOCK || sql.getErrorCode() == LOCK_WAIT_TIMEOUT
                    || "40001".equals(sql.getSQLState())) {
                return Optional.of(Transient.CONFLICT);
            }
            if (sql.getErrorCode() == WSREP_NOT_READY || sql instanceof SQLTransientConnectionException
                    || sql instanceof SQLNonTransientConnectionException
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || POOL_FAILURE.matcher(String.valueOf(sql.getMessage())).find()) {
                return Optional.of(Transient.CONNECTION);
            }
        }
        return Optional.empty();
    }

    /** Full jitter: a random pause up to an exponentially growing cap, so racing retries spread out. */
    private void pause(int attempt) {
        long cap = Math.min(settings.maxBackoff().toMillis(), settings.firstBackoff().toMillis() << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between attempts", e);
        }
    }

    private static String name(Transient reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Every attempt failed for a transient reason; the caller says what really happened, if it can find out. */
    public static final class RetriesExhausted extends RuntimeException {
        private final String operation;
        private final Transient reason;

        RetriesExhausted(String operation, Transient reason, Throwable cause) {
            super(operation + " failed after retries (" + reason + ")", cause);
            this.operation = operation;
            this.reason = reason;
        }

        public String operation() {
            return operation;
        }

        public Transient reason() {
            return reason;
        }

        /** How long a client should wait before trying again. */
        public Duration retryAfter() {
            return Duration.ofSeconds(reason == Transient.CONNECTION ? 30 : 5);
        }
    }
}
