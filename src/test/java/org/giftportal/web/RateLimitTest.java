package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.giftportal.card.ClaimCode;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlInput;
import org.junit.jupiter.api.Test;

/** One account or one client can't use up what every shopper shares. */
@QuarkusTest
class RateLimitTest {
    @jakarta.inject.Inject
    RateLimiter limiter;

    @jakarta.inject.Inject
    org.giftportal.testsupport.TestClock clock;

    /** A clock that stepped back (a restored VM, a corrected clock) leaves no bucket starved beyond its period. */
    @Test
    void aBudgetUsedUpWhileTheClockRanAheadIsAvailableAgainOnceTheClockIsBack() {
        String bucket = "test:clock-" + java.util.UUID.randomUUID();
        org.giftportal.site.RequestRate twoAMinute = org.giftportal.site.RequestRate.of("2/1m");
        try {
            clock.advance(Duration.ofDays(8));
            assertThat(limiter.take(bucket, twoAMinute)).isEmpty();
            assertThat(limiter.take(bucket, twoAMinute)).isEmpty();
            assertThat(limiter.take(bucket, twoAMinute)).as("over budget, eight days ahead").isPresent();
        } finally {
            clock.reset();
        }

        assertThat(limiter.take(bucket, twoAMinute)).as("back to now: counted from now").isEmpty();
        assertThat(limiter.take(bucket, twoAMinute)).isEmpty();
        assertThat(limiter.take(bucket, twoAMinute)).as("and limited again").isPresent();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @jakarta.inject.Inject
    org.giftportal.ops.Retries retries;

    @jakarta.inject.Inject
    org.giftportal.site.PortalConfig config;

    /**
     * Two instances hand out shares of one budget from memory; the database counts every share. A flood spread over
     * both, period after period, gets no more than a tenth above the budget, and is not starved below it either.
     */
    @Test
    void aFloodSpreadOverTwoInstancesIsStoppedAtNoMoreThanATenthAboveItsBudget() throws Exception {
        org.giftportal.site.RequestRate budget = org.giftportal.site.RequestRate.of("200/1h");
        assertThat(RateLimiter.shareOf(budget)).as("a share per instance").isEqualTo(10);
        List<RateLimiter> instances = List.of(new RateLimiter(dataSource, clock, retries, config),
                new RateLimiter(dataSource, clock, retries, config));
        String bucket = "test:flood-" + java.util.UUID.randomUUID();
        try {
            for (int period = 0; period < 2; period++) {
                int admitted = flood(instances, bucket, budget, 600);

                assertThat(admitted).as("let through in period " + period).isLessThanOrEqualTo(220)
                        .isGreaterThanOrEqualTo(180);
                clock.advance(budget.period());
            }
        } finally {
            clock.reset();
        }
    }

    /** Sends {@code attempts} requests through each instance at once; returns how many were let through. */
    private static int flood(List<RateLimiter> instances, String bucket, org.giftportal.site.RequestRate budget,
            int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (RateLimiter instance : instances) {
                counts.add(pool.submit(() -> {
                    int through = 0;
                    for (int i = 0; i < attempts; i++) {
                        through += instance.take(bucket, budget).isEmpty() ? 1 : 0;
                    }
                    return through;
                }));
            }
            int admitted = 0;
            for (Future<Integer> count : counts) {
                admitted += count.get(60, TimeUnit.SECONDS);
            }
            return admitted;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void feedbackPastItsBudgetGets429WithWhenToTryAgainAndOtherClientsAreUnaffected() {
        try (Browser busy = Browser.from("203.0.113.77"); Browser other = Browser.from("203.0.113.78")) {
            for (int i = 0; i < 30; i++) {
                HtmlPage thanked = sendFeedback(busy);
                assertThat(thanked.getWebResponse().getStatusCode()).as("answer %d", i + 1).isEqualTo(200);
            }

            HtmlPage refused = sendFeedback(busy);

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.getWebResponse().getResponseHeaderValue("Retry-After")).matches("\\d+");
            assertThat(refused.asNormalizedText()).contains("Please slow down").contains("then try again");
            assertThat(sendFeedback(other).getWebResponse().getStatusCode()).isEqualTo(200);
        }
    }

    /**
     * A session firing many code look-ups at once while the account's lock row is held (a slow look-up) used to hold
     * one pooled connection per request; past the pool's 40, every other shopper waited for a connection, and failed.
     * Now they wait in memory, one connection for the account, and the other shopper's pages are served at once.
     */
    @Test
    void aFloodOfCodeLookUpsFromOneSessionLeavesConnectionsForEveryoneElse() throws Exception {
        TestShopper flooder = Shoppers.customer("US");
        String cookies;
        String csrfToken;
        try (Browser browser = Browser.open()) {
            browser.signIn(flooder);
            HtmlPage form = browser.open("/redeem");
            csrfToken = form.<HtmlInput>getFirstByXPath("//form[@action='/redeem']//input[@name='csrf-token']")
                    .getValue();
            cookies = RawForms.cookieHeader(browser);
        }
        long accountId = TestCards.account(flooder).id;
        Database.update("INSERT IGNORE INTO claim_guard (scope_key) VALUES (?)", "account:" + accountId);
        ExecutorService flood = Executors.newFixedThreadPool(45);
        // An address of its own: the shared one's form budget, spent by other tests, would turn some away early.
        String flooderAddress = "198.51.100." + (1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(250));
        List<Future<Integer>> answers = new ArrayList<>();
        try (Browser bystander = Browser.open(); Connection slowLookUp = Database.connect()) {
            bystander.signIn(Shoppers.customer("US"));
            slowLookUp.setAutoCommit(false);
            try (PreparedStatement hold = slowLookUp.prepareStatement(
                    "SELECT scope_key FROM claim_guard WHERE scope_key = ? FOR UPDATE")) {
                hold.setString(1, "account:" + accountId);
                hold.executeQuery().close();
            }
            for (int i = 0; i < 45; i++) {
                answers.add(flood.submit(() -> RawForms.postFrom(flooderAddress, cookies, "/redeem",
                        Map.of("csrf-token", csrfToken, "claimCode", ClaimCode.generate().formatted()))));
            }
            // Every one of the flood's look-ups has arrived: one holds the account's slot, the rest wait in memory
            // (or, on a slow machine, gave up waiting already), and many are waiting still...
            org.giftportal.testsupport.Await.until("the flood's look-ups all in", Duration.ofSeconds(20), () -> {
                double waiting = lookUpsInSlots();
                return waiting >= 10 && waiting + answers.stream().filter(Future::isDone).count() >= 45;
            });

            HtmlPage balance = bystander.open("/balance");

            // ... and meanwhile another shopper's page is served: no connection is held by a waiting look-up.
            assertThat(balance.getWebResponse().getStatusCode()).isEqualTo(200);
            slowLookUp.rollback();
        } finally {
            flood.shutdown();
        }
        assertThat(flood.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Integer> answer : answers) {
            // Not found (422), or told to wait (429): never a failure page.
            assertThat(answer.get()).isIn(422, 429);
        }
    }

    /** The look-ups this instance holds or queues for accounts' slots, from its metrics. */
    private static double lookUpsInSlots() {
        java.util.regex.Matcher gauge = java.util.regex.Pattern.compile("(?m)^portal_claim_lookups_in_slots\\S* (\\S+)$")
                .matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : 0;
    }

    private static HtmlPage sendFeedback(Browser browser) {
        return browser.postWithToken("/help/invalid-code", "/help/invalid-code/feedback", Map.of("solved", "yes"));
    }
}
