package org.giftportal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.giftportal.ops.DatabaseTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.LogCapture;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The money checks run on one instance at a time, and money that doesn't add up is reported loudly. */
@QuarkusTest
class ReconciliationTest {

    @Inject
    Reconciliation reconciliation;

    @Inject
    Ledger ledger;

    @Inject
    MeterRegistry metrics;

    @Test
    void afterRedemptionsAndAdjustmentsEveryCheckHolds() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            browser.redeem(TestCards.active("US", 25).code().formatted());
            browser.redeem(TestCards.active("US", 75).code().formatted());
        }
        Account account = TestAccounts.create("GB", "GBP");
        ledger.recordAdjustment(account.id, 1500, "goodwill", null);
        ledger.recordAdjustment(account.id, -500, "correction", null);

        ReconciliationRun run = reconciliation.runIfFree().orElseThrow();

        assertThat(run.report).doesNotContain("FAIL");
        assertThat(run.mismatches).isZero();
    }

    @Test
    void aBalanceThatDisagreesWithItsLedgerIsReportedLoggedAndCounted() throws Exception {
        Account account = TestAccounts.create("US", "USD");
        ledger.recordAdjustment(account.id, 500, "goodwill", null);
        double mismatchesBefore = metrics.counter("portal.reconciliation.mismatches").count();
        Database.update("UPDATE account SET balance_minor = balance_minor + 100 WHERE id = ?", account.id);
        try (LogCapture logs = LogCapture.start()) {
            ReconciliationRun run = reconciliation.runIfFree().orElseThrow();

            assertThat(run.mismatches).isPositive();
            assertThat(run.report).contains("FAIL  Balance equals the sum of the account's ledger entries")
                    .contains("account " + account.id + ": balance 600, ledger sum 500");
            assertThat(logs.lines()).anyMatch(line -> line.contains("ERROR") && line.contains("mismatches"));
            assertThat(metrics.counter("portal.reconciliation.mismatches").count()).isGreaterThan(mismatchesBefore);
            try (Browser admin = Browser.open()) {
                admin.signIn(Shoppers.admin());
                HtmlPage page = admin.open("/backoffice/reconciliation");
                assertThat(page.asNormalizedText()).contains("mismatches")
                        .contains("account " + account.id + ": balance 600, ledger sum 500");
            }
        } finally {
            Database.update("UPDATE account SET balance_minor = balance_minor - 100 WHERE id = ?", account.id);
        }
    }

    @Test
    void whileAnotherInstanceHoldsTheJobThisOneDoesNotRunIt() throws Exception {
        Database.update("INSERT INTO job_lease (job, owner, leased_until) VALUES ('reconciliation', 'other', ?)"
                + " ON DUPLICATE KEY UPDATE owner = 'other', leased_until = VALUES(leased_until)",
                DatabaseTime.of(Instant.now().plus(10, ChronoUnit.MINUTES)));
        try {
            Optional<ReconciliationRun> whileHeld = reconciliation.runIfFree();

            assertThat(whileHeld).isEmpty();
        } finally {
            Database.update("UPDATE job_lease SET leased_until = ? WHERE job = 'reconciliation'",
                    DatabaseTime.of(Instant.now().minus(1, ChronoUnit.MINUTES)));
        }
        assertThat(reconciliation.runIfFree()).isPresent();
    }

    @Test
    void onlyAdminsSeeTheChecks() {
        try (Browser support = Browser.open()) {
            support.signIn(Shoppers.support());

            assertThat(support.open("/backoffice/reconciliation").getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }
}
