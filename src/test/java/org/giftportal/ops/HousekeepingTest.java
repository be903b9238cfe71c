package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.giftportal.ops.DatabaseTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.giftportal.testsupport.Database;
import org.junit.jupiter.api.Test;

/** What no longer counts is forgotten; what still counts stays. */
@QuarkusTest
class HousekeepingTest {

    @Inject
    Housekeeping housekeeping;

    @Test
    void oldFailuresIdleScopesIdleBudgetsAndOldSignOutsGoWhileLocksAndFreshRowsStay() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant dayAgoInstant = Instant.now().minus(1, ChronoUnit.DAYS);
        java.time.LocalDateTime dayAgo = DatabaseTime.of(dayAgoInstant);
        java.time.LocalDateTime inAnHour = DatabaseTime.of(Instant.now().plus(1, ChronoUnit.HOURS));
        Database.update("INSERT INTO claim_guard (scope_key) VALUES (?)", "account:idle-" + id);
        Database.update("INSERT INTO claim_failure (scope_key, failed_at) VALUES (?, ?)", "account:idle-" + id, dayAgo);
        Database.update("INSERT INTO claim_guard (scope_key, locked_until) VALUES (?, ?)", "account:locked-" + id,
                inAnHour);
        Database.update("INSERT INTO claim_guard (scope_key) VALUES (?)", "account:failing-" + id);
        Database.update("INSERT INTO claim_failure (scope_key, failed_at) VALUES (?, ?)", "account:failing-" + id,
                DatabaseTime.of(Instant.now()));
        Database.update("INSERT INTO rate_limit (bucket, tat_micros) VALUES (?, ?)", "old:" + id,
                dayAgoInstant.toEpochMilli() * 1000);
        Database.update("INSERT INTO rate_limit (bucket, tat_micros) VALUES (?, ?)", "fresh:" + id,
                System.currentTimeMillis() * 1000);
        Database.update("INSERT INTO revoked_session (session_key, revoked_at, forget_after) VALUES (?, ?, ?)",
                "sid:old-" + id, dayAgo, dayAgo);
        Database.update("INSERT INTO revoked_session (session_key, revoked_at, forget_after) VALUES (?, ?, ?)",
                "sid:new-" + id, dayAgo, inAnHour);

        housekeeping.sweep();

        assertThat(count("claim_guard", "scope_key", "account:idle-" + id)).isZero();
        assertThat(count("claim_failure", "scope_key", "account:idle-" + id)).isZero();
        assertThat(count("claim_guard", "scope_key", "account:locked-" + id)).isOne();
        assertThat(count("claim_guard", "scope_key", "account:failing-" + id)).isOne();
        assertThat(count("claim_failure", "scope_key", "account:failing-" + id)).isOne();
        assertThat(count("rate_limit", "bucket", "old:" + id)).isZero();
        assertThat(count("rate_limit", "bucket", "fresh:" + id)).isOne();
        assertThat(count("revoked_session", "session_key", "sid:old-" + id)).isZero();
        assertThat(count("revoked_session", "session_key", "sid:new-" + id)).isOne();
    }

    private static long count(String table, String column, String value) throws Exception {
        return Database.number("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", value);
    }
}
