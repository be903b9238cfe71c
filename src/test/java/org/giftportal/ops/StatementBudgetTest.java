package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.account.SessionRevocations;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * What the paths every shopper and every store takes send to MariaDB, counted by MariaDB itself (its {@code Questions}
 * counter: every statement a client sent, transaction control included). The counts are deterministic, so a change
 * that adds a round trip to a hot path fails here; raising a budget is a visible, argued change.
 *
 * <p>Known background work is kept out of the count: the mail sender is idle before and after, and the signed-out
 * sessions' refresher reports its own looks (one statement each).
 */
@QuarkusTest
class StatementBudgetTest {
    /** A signed-in page that needs nothing from the database sends nothing to it. */
    private static final int SIGNED_IN_PAGE = 0;
    /** The balance page: the account, and one query for a page of history and whether there is more. Before: 7. */
    private static final int BALANCE_PAGE = 2;
    /**
     * Redeeming a code, with the request budgets spent from this instance's share (a budget's row is written once a
     * share: every 3rd and 6th redemption with the test profile's budgets), transaction control (autocommit off,
     * commit, autocommit on), the claim-code lock's upsert and check, the card locked, the account locked (the id
     * comes from the sign-in, the row is read only there), the ledger entry, the mail queued, the account and card
     * updates. A card of a gift order adds the look-up of its gift. Fraud protection adds one: the signals its review
     * rules and scam warnings judge (recent redemptions, the card's block history, the network's last lock, other
     * accounts' look-ups of the code, the session's warnings seen), read in one statement; where the code came from is
     * written by the card's own update. Webhooks add one: the endpoints, read once per transaction for the card's and
     * the balance's events (none are written while nobody listens). Before the shares, the gift rule and the id from
     * the sign-in: 15.
     */
    private static final int REDEMPTION = 13;
    /** Sending the confirmation after the answer: claim, render, record sent, each its own transaction. */
    private static final int CONFIRMATION_MAIL = 16;
    /**
     * A store's hold (the account found and locked in one read, the hold, the account's update) and its capture (the
     * hold's owner and lock, the account's lock, the ledger entry, the capture, the hold's and account's updates; a
     * capture just made has no refunds to look for), each with its idempotency record and answer and transaction
     * control; the API budget spent from this instance's share (one call in 600 writes the bucket); the webhook
     * endpoints, read once in each (the hold's event; the capture's and its balance's). Before: 26.
     */
    private static final int HOLD_AND_CAPTURE = 22;

    @Inject
    SessionRevocations revocations;

    @Inject
    MailOutbox outbox;

    @Inject
    Ledger ledger;

    @Test
    void aSignedInPageThatNeedsNothingFromTheDatabaseSendsNothing() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            // The redeem form, a help page that needs only the shopper's region (remembered with their account's id),
            // and the restrictions, which read the region's excluded categories and nothing else.
            Map<String, Integer> budgets = Map.of("/redeem", SIGNED_IN_PAGE, "/help/contact", SIGNED_IN_PAGE,
                    "/restrictions", 1);
            for (Map.Entry<String, Integer> page : budgets.entrySet()) {
                browser.open(page.getKey());

                long sent = leastOf(() -> () -> assertThat(browser.open(page.getKey()).getWebResponse()
                        .getStatusCode()).isEqualTo(200));

                assertThat(sent).as("statements for GET " + page.getKey() + ", signed in")
                        .isLessThanOrEqualTo(page.getValue());
            }
        }
    }

    @Test
    void theBalancePageReadsTheAccountAndOnePageOfItsHistory() throws Exception {
        try (Browser browser = Browser.open()) {
            TestShopper shopper = Shoppers.customer("US");
            browser.signIn(shopper);
            long accountId = TestCards.account(shopper).id;
            for (int i = 0; i < 25; i++) {
                ledger.recordAdjustment(accountId, 100, "Goodwill " + i, "TEST");
            }
            browser.open("/balance");

            long sent = leastOf(() -> () -> assertThat(browser.open("/balance").asNormalizedText())
                    .contains("Older activity"));

            assertThat(sent).as("statements for GET /balance").isLessThanOrEqualTo(BALANCE_PAGE);
        }
    }

    @Test
    void aRedemptionAndItsConfirmationMailStayWithinTheirBudget() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String cookies = RawForms.cookieHeader(browser);
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            String address = "10.77." + random.nextInt(250) + "." + (1 + random.nextInt(250));
            // The first redemption of a new account, from a new address, creates its budgets' rows and takes this
            // instance's shares of them; the second is the hot path.
            assertThat(RawForms.postFrom(address, cookies, "/redeem", redeemFields(browser))).isEqualTo(303);

            long sent = leastOf(() -> {
                Map<String, String> fields = redeemFields(browser);
                return () -> assertThat(RawForms.postFrom(address, cookies, "/redeem", fields)).isEqualTo(303);
            });

            assertThat(sent).as("statements for POST /redeem and the send of its mail")
                    .isLessThanOrEqualTo(REDEMPTION + CONFIRMATION_MAIL);
        }
    }

    private static Map<String, String> redeemFields(Browser browser) {
        HtmlPage form = browser.open("/redeem");
        return Map.of("claimCode", TestCards.active("US", 25).code().formatted(), "requestId",
                hidden(form, "requestId"), "csrf-token", hidden(form, "csrf-token"));
    }

    @Test
    void aStoreHoldAndItsCaptureStayWithinTheirBudget() throws Exception {
        Account account = TestAccounts.create("US", "USD");
        ledger.recordAdjustment(account.id, 20_000, "Opening balance", "TEST");
        // A call that is refused for its body still spends the client's API budget: this instance holds a share now.
        StoreClients.checkout().body("{}").post("/api/v1/holds").then().statusCode(422);

        long sent = leastOf(() -> () -> {
            Map<String, Object> hold = Map.of("account", account.subject, "currency", "USD", "orderReference",
                    "ORDER-" + UUID.randomUUID().toString().substring(0, 8), "amount", 4_000);
            ExtractableResponse<Response> placed = StoreClients.checkout().body(hold).post("/api/v1/holds").then()
                    .statusCode(201).extract();
            StoreClients.checkout().body(Map.of("amount", 3_000))
                    .post("/api/v1/holds/" + placed.<Integer>path("id") + "/capture").then().statusCode(201);
        });

        assertThat(sent).as("statements for a hold and its capture").isLessThanOrEqualTo(HOLD_AND_CAPTURE);
    }

    private static String hidden(HtmlPage form, String name) {
        HtmlInput input = form.getFirstByXPath("//form[@action='/redeem']//input[@name='" + name + "']");
        if (input == null) {
            throw new AssertionError("No " + name + " on " + form.getUrl() + ": " + form.asNormalizedText());
        }
        return input.getValue();
    }

    /**
     * The least count of three runs of the path, each prepared afresh: the path's own statements are the same every
     * time, and work in the background this test can't wait for (another test's late after-commit task, a look at the
     * signed-out sessions caught half-way) only ever adds.
     */
    private long leastOf(Prepared path) throws Exception {
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            least = Math.min(least, statementsOf(path.prepare()));
        }
        return least;
    }

    /** The statements the portal sent while the action ran, without the background work this test knows of. */
    private long statementsOf(Action action) throws Exception {
        try (Connection counter = Database.connect()) {
            awaitMailIdle();
            long looks = revocations.refreshes();
            long before = questions(counter);
            action.run();
            awaitMailIdle();
            long after = questions(counter);
            long ownReads = 1;
            long sent = after - before - ownReads - (revocations.refreshes() - looks);
            System.out.printf("StatementBudgetTest: %d statements%n", sent);
            return sent;
        }
    }

    private void awaitMailIdle() throws Exception {
        Await.until("the mail sender idle", Duration.ofSeconds(10), outbox::sendingIdle);
    }

    private static long questions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            row.next();
            return row.getLong(2);
        }
    }

    @FunctionalInterface
    private interface Prepared {
        Action prepare() throws Exception;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
