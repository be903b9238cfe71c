package org.giftportal.redeem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.ops.Sweep;
import org.giftportal.site.PortalConfig;

/**
 * Housekeeping's part of fraud protection: look-ups of codes are kept only as long as a rule can use them, which
 * warnings a session saw only as long as a session lasts, and where cards were redeemed from for the configured
 * retention (investigations come weeks later, not years). A batch at a time, oldest first, along each table's index
 * on its time: the rows written meanwhile are new, never among those deleted.
 */
@ApplicationScoped
class FraudRecords implements Sweep {
    private final EntityManager em;
    private final Clock clock;
    private final Retries retries;
    private final Duration lookUpMemory;
    private final PortalConfig.Fraud settings;

    FraudRecords(EntityManager em, Clock clock, Retries retries, PortalConfig config) {
        this.em = em;
        this.clock = clock;
        this.retries = retries;
        this.settings = config.fraud();
        this.lookUpMemory = config.regions().values().stream().map(region -> region.warning().lookedUpElsewhere())
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    @Override
    public int forget(int batch) {
        Instant now = clock.instant();
        return retries.inTransaction("forget-fraud-records", () -> forget("code_look_up", "looked_up_at",
                now.minus(lookUpMemory), batch)
                + forget("scam_warning", "shown_at", now.minus(settings.warningMemory()), batch)
                + untrace(now.minus(settings.traceRetention()), batch));
    }

    /** Cards' notes of where they were redeemed from, past the retention: cleared, oldest first, along their index. */
    private int untrace(Instant before, int batch) {
        return em.createNativeQuery("UPDATE gift_card SET traced_network = NULL, traced_device = NULL, traced_at = NULL"
                + " WHERE traced_at < ?1 ORDER BY traced_at LIMIT " + batch).setParameter(1, DatabaseTime.of(before))
                .executeUpdate();
    }

    /** The oldest rows past their time, along the index on their time (rows written now are never among them). */
    private int forget(String table, String at, Instant before, int batch) {
        return em.createNativeQuery("DELETE FROM " + table + " WHERE " + at + " < ?1 ORDER BY " + at + " LIMIT "
                + batch).setParameter(1, DatabaseTime.of(before)).executeUpdate();
    }
}
