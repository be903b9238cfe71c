package org.giftportal.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountProvisioningTest {

    @Inject
    AccountProvisioning provisioning;

    @Inject
    org.giftportal.ledger.Ledger ledger;

    @Test
    void secondSignInReusesTheAccountAndTakesOverANewName() {
        TestShopper shopper = Shoppers.customer("IN");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
        }
        Account first = accountOf(shopper);
        assertThat(first.region).isEqualTo("IN");
        assertThat(first.currency).isEqualTo("INR");
        assertThat(first.email).isEqualTo(shopper.email());

        Shoppers.rename(shopper, "Renamed", "Person");
        try (Browser browser = Browser.open()) {
            assertThat(browser.signIn(shopper).asNormalizedText()).contains("Hello, Renamed Person");
        }

        Account second = accountOf(shopper);
        assertThat(second.id).isEqualTo(first.id);
        assertThat(second.displayName).isEqualTo("Renamed Person");
        assertThat(countAccounts(first.subject)).isEqualTo(1);
    }

    @Test
    void firstRequestsRacingForTheSameShopperCreateOneAccount() throws Exception {
        ShopperProfile profile = new ShopperProfile("race-" + UUID.randomUUID(), "Racing Shopper",
                "racer@example.test", "GB");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    // Each thread is a request of its own, as in the portal.
                    ManagedContext request = Arc.container().requestContext();
                    request.activate();
                    try {
                        return provisioning.accountFor(profile).id;
                    } finally {
                        request.terminate();
                    }
                }));
            }
            start.countDown();
            List<Long> seen = new ArrayList<>();
            for (Future<Long> id : ids) {
                seen.add(id.get());
            }
            assertThat(seen).containsOnly(seen.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(countAccounts(profile.subject())).isEqualTo(1);
    }

    @Test
    void refreshingANameNeverWritesBackABalanceReadBeforeAConcurrentCredit() {
        Account account = provisioning.accountFor(new ShopperProfile("stale-" + UUID.randomUUID(), "Old Name",
                "stale@example.test", "US"));

        QuarkusTransaction.requiringNew().run(() -> {
            Account stale = Account.findById(account.id);
            assertThat(stale.balanceMinor).isZero();
            // Meanwhile, another request credits the account and commits.
            QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, 500, "concurrent credit"));
            stale.refreshProfile("New Name", "stale@example.test", java.time.Instant.now());
        });

        Account after = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(account.id));
        assertThat(after.displayName).isEqualTo("New Name");
        assertThat(after.balanceMinor).isEqualTo(500);
        assertThat(after.totalSpentMinor).isZero();
    }

    @Test
    void aVeryLongNameFromTheIdentityProviderIsCutToFit() {
        Account account = provisioning.accountFor(new ShopperProfile("long-" + UUID.randomUUID(),
                "N".repeat(200), null, "US"));

        assertThat(account.displayName).hasSize(200);
    }

    @Test
    void unknownRegionClaimFallsBackToTheDefaultRegion() {
        Account account = provisioning.accountFor(new ShopperProfile("nowhere-" + UUID.randomUUID(), "Far Away",
                null, "ZZ"));
        assertThat(account.region).isEqualTo("US");
        assertThat(account.currency).isEqualTo("USD");
    }

    private static Account accountOf(TestShopper shopper) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(shopper.email()).orElseThrow());
    }

    private static long countAccounts(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> Account.count("subject", subject));
    }
}
