package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Transactions that fail for a passing reason run again; when they keep failing, the page tells the truth. */
@QuarkusTest
class RetriesTest {

    @Inject
    Retries retries;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry metrics;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReadRunsAgainOnceAfterALostConnectionAndUntilTheAttemptsRunOutAfterConflicts() {
        assertThat(attemptsOfAReadFailingWith(new java.sql.SQLTransientConnectionException("node gone", "08S01")))
                .as("a database that is away doesn't come back within one page").isEqualTo(2);
        assertThat(attemptsOfAReadFailingWith(new java.sql.SQLTransactionRollbackException("Deadlock found", "40001",
                1213))).as("a certification conflict is worth every attempt").isEqualTo(8);
    }

    @Test
    void aReadInsideATransactionRunsOnceItsTransactionEndsWithIt() {
        AtomicInteger attempts = new AtomicInteger();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            try {
                retries.reading("test-read", () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException(new java.sql.SQLTransientConnectionException("gone", "08S01"));
                });
            } catch (IllegalStateException expected) {
                // the transaction's own failure, not retried on the connection the transaction holds
            }
        });
        assertThat(attempts).hasValue(1);
    }

    private int attemptsOfAReadFailingWith(java.sql.SQLException failure) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            retries.reading("test-read", () -> {
                attempts.incrementAndGet();
                throw new IllegalStateException(failure);
            });
        } catch (Retries.RetriesExhausted expected) {
            // every attempt failed
        }
        return attempts.get();
    }

    @Test
    void aTransactionChosenAsADeadlockVictimRunsAgainAndBothFinish() throws Exception {
        String first = "test-deadlock:" + UUID.randomUUID();
        String second = "test-deadlock:" + UUID.randomUUID();
        Database.update("INSERT INTO claim_guard (scope_key) VALUES (?), (?)", first, second);
        CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        double retriedBefore = retried();

        List<String> finished = Race.atOnce(List.<Callable<String>>of(
                () -> retries.inTransaction("test-deadlock", () -> lockInOrder(first, second, bothHoldTheirFirstRow,
                        attempts)),
                () -> retries.inTransaction("test-deadlock", () -> lockInOrder(second, first, bothHoldTheirFirstRow,
                        attempts))));

        assertThat(finished).containsExactlyInAnyOrder(first, second);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(retried()).isEqualTo(retriedBefore + 1);
    }

    @Test
    void whenEveryAttemptTimesOutTheShopperIsToldTheCardWasNotAddedAndItIsNot() throws Exception {
        IssuedCard card = TestCards.active("US", 35);
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open(); Connection other = Database.connect()) {
            browser.signIn(shopper);
            HtmlPage form = browser.open("/redeem");
            shortLockWaits(true);
            try {
                other.setAutoCommit(false);
                try (PreparedStatement hold = other.prepareStatement(
                        "SELECT id FROM gift_card WHERE id = ? FOR UPDATE")) {
                    hold.setLong(1, card.card().id);
                    hold.executeQuery().close();
                }

                HtmlPage busy = Browser.submitRedeemForm(form, card.code().formatted());

                assertThat(busy.getWebResponse().getStatusCode()).isEqualTo(503);
                assertThat(busy.getWebResponse().getResponseHeaderValue("Retry-After")).matches("\\d+");
                assertThat(busy.getElementById("problem-title").getTextContent())
                        .isEqualTo("We're very busy: your card was not added");
                other.rollback();
            } finally {
                shortLockWaits(false);
            }
            // Read with the test's own connection: the portal's pool is renewing its connections just now.
            assertThat(Database.text("SELECT status FROM gift_card WHERE id = ?", card.card().id))
                    .isEqualTo(CardStatus.ACTIVE.name());
            assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry e JOIN account a ON a.id = e.account_id"
                    + " WHERE a.subject = ?", shopper.keycloakId())).isZero();

            HtmlPage again = Browser.submitRedeemForm(browser.open("/redeem"), card.code().formatted());
            assertThat(again.asNormalizedText()).contains("$35.00 added to your balance");
        }
    }

    private String lockInOrder(String firstRow, String secondRow, CountDownLatch bothHoldTheirFirstRow,
            AtomicInteger attempts) {
        attempts.incrementAndGet();
        lock(firstRow);
        bothHoldTheirFirstRow.countDown();
        try {
            bothHoldTheirFirstRow.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock(secondRow);
        return firstRow;
    }

    private void lock(String scope) {
        em.createNativeQuery("SELECT scope_key FROM claim_guard WHERE scope_key = ?1 FOR UPDATE")
                .setParameter(1, scope).getResultList();
    }

    private double retried() {
        return metrics.counter("portal.db.retries", "operation", "test-deadlock", "reason", "conflict").count();
    }

    /** Lock waits of one second instead of fifty, for every connection the portal opens from now on. */
    private void shortLockWaits(boolean on) throws Exception {
        Database.update("SET GLOBAL innodb_lock_wait_timeout = " + (on ? 1 : 50));
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }
}
