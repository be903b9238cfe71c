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
import java.util.concurrent.Callable;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountProvisioningTest {

    @Inject
    AccountProvisioning provisioning;

    @Inject
    org.giftportal.ledger.Ledger ledger;

    @Inject
    io.quarkus.mailer.MockMailbox mailbox;

    @Test
    void secondSignInReusesTheAccountAndTakesOverANewName() {
        TestShopper shopper = Shoppers.customer("IN");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
        }
        Account first = TestCards.account(shopper);
        assertThat(first.region).isEqualTo("IN");
        assertThat(first.currency).isEqualTo("INR");
        assertThat(first.email).isEqualTo(shopper.email());

        Shoppers.rename(shopper, "Renamed", "Person");
        try (Browser browser = Browser.open()) {
            assertThat(browser.signIn(shopper).asNormalizedText()).contains("Hello, Renamed Person");
        }

        Account second = TestCards.account(shopper);
        assertThat(second.id).isEqualTo(first.id);
        assertThat(second.displayName).isEqualTo("Renamed Person");
        assertThat(countAccounts(first.subject)).isEqualTo(1);
    }

    @Test
    void firstRequestsRacingForTheSameShopperCreateOneAccount() throws Exception {
        ShopperProfile profile = new ShopperProfile("race-" + UUID.randomUUID(), "Racing Shopper",
                "racer@example.test", true, "GB");
        List<Callable<Long>> firstRequests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            firstRequests.add(() -> {
                // Each thread is a request of its own, as in the portal.
                ManagedContext request = Arc.container().requestContext();
                request.activate();
                try {
                    return provisioning.accountFor(profile).id;
                } finally {
                    request.terminate();
                }
            });
        }

        List<Long> seen = Race.atOnce(firstRequests);

        assertThat(seen).containsOnly(seen.get(0));
        assertThat(countAccounts(profile.subject())).isEqualTo(1);
    }

    @Test
    void refreshingANameNeverWritesBackABalanceReadBeforeAConcurrentCredit() {
        Account account = provisioning.accountFor(new ShopperProfile("stale-" + UUID.randomUUID(), "Old Name",
                "stale@example.test", true, "US"));

        QuarkusTransaction.requiringNew().run(() -> {
            Account stale = Account.findById(account.id);
            assertThat(stale.balanceMinor).isZero();
            // Meanwhile, another request credits the account and commits.
            QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, 500, "concurrent credit", null));
            stale.refreshProfile("New Name", "stale@example.test", true, java.time.Instant.now());
        });

        Account after = TestAccounts.reload(account);
        assertThat(after.displayName).isEqualTo("New Name");
        assertThat(after.balanceMinor).isEqualTo(500);
        assertThat(after.totalSpentMinor).isZero();
    }

    @Test
    void anEmailTheIdentityProviderHasNotVerifiedIsKeptButNeverWrittenTo() throws Exception {
        TestShopper unverified = Shoppers.customerWithUnverifiedEmail("US");
        // The realm makes people verify their address before they get in; a provider that doesn't is simulated.
        org.giftportal.stack.KeycloakAdmin keycloak = org.giftportal.stack.TestStackProperties.keycloakAdmin();
        keycloak.setVerifyEmail(false);
        try (Browser browser = Browser.open()) {
            browser.signIn(unverified);
            browser.redeem(TestCards.active("US", 25).code().formatted());
        } finally {
            keycloak.setVerifyEmail(true);
        }
        Account account = TestCards.account(unverified);
        assertThat(account.email).isEqualTo(unverified.email());
        assertThat(account.emailVerified).isFalse();
        assertThat(account.verifiedEmail()).isEmpty();
        // A confirmation would be queued in the redemption's own transaction, so none is there once it has answered.
        assertThat(org.giftportal.testsupport.Database.number("SELECT COUNT(*) FROM mail_outbox WHERE account_id = ?",
                account.id)).isZero();
        assertThat(mailbox.getMailsSentTo(unverified.email())).isNullOrEmpty();

        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            assertThat(staff.open("/backoffice?q=" + unverified.email()).asNormalizedText())
                    .contains(unverified.email() + " (not verified)");
        }
    }

    @Test
    void aVeryLongNameFromTheIdentityProviderIsCutToFit() {
        TestShopper shopper = Shoppers.customer("US");
        Shoppers.rename(shopper, "N".repeat(150), "M".repeat(150));
        try (Browser browser = Browser.open()) {
            assertThat(browser.signIn(shopper).asNormalizedText()).contains("Hello, NNN");
        }

        assertThat(TestCards.account(shopper).displayName).hasSize(200).startsWith("N".repeat(150) + " M");
    }

    @Test
    void unknownRegionClaimFallsBackToTheDefaultRegion() {
        Account account = provisioning.accountFor(new ShopperProfile("nowhere-" + UUID.randomUUID(), "Far Away",
                null, false, "ZZ"));
        assertThat(account.region).isEqualTo("US");
        assertThat(account.currency).isEqualTo("USD");
    }

    private static long countAccounts(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> Account.count("subject", subject));
    }
}
