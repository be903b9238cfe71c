package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.giftportal.ops.DatabaseTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.card.ClaimCode;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The claim-code lock says what it paused, and counts a busy network's failures exactly. */
@QuarkusTest
class ClaimLockScopeTest {

    @Inject
    ClaimGuard guard;

    @Test
    void aShopperOnALockedNetworkIsToldItIsTheNetworkNotTheirAccount() throws Exception {
        String network = "198.51.100.41";
        Database.update("INSERT INTO claim_guard (scope_key, locked_until, failures) VALUES (?, ?, 20)",
                ClaimGuard.addressScope(network), DatabaseTime.of(Instant.now().plus(1, ChronoUnit.HOURS)));
        try (Browser browser = Browser.from(network)) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage refused = browser.redeem(ClaimCode.generate().formatted());
            HtmlPage article = browser.open("/help/claim-code-locked");

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.getElementById("problem-title").getTextContent())
                    .isEqualTo("Too many unsuccessful tries from your network");
            assertThat(refused.asNormalizedText()).contains("Your account is fine")
                    .doesNotContain("paused on your account");
            assertThat(article.asNormalizedText()).contains("for everyone on the internet connection you're using")
                    .doesNotContain("paused on your account until");
        }
    }

    @Test
    void anAddressTheClientWroteIntoTheForwardedHeaderDoesNotEscapeTheLock() throws Exception {
        String network = "198.51.100.44";
        Database.update("INSERT INTO claim_guard (scope_key, locked_until, failures) VALUES (?, ?, 20)",
                ClaimGuard.addressScope(network), DatabaseTime.of(Instant.now().plus(1, ChronoUnit.HOURS)));
        // The client sent "X-Forwarded-For: 203.0.113.200"; the trusted proxy appended the address it saw.
        try (Browser browser = Browser.from("203.0.113.200, " + network)) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage refused = browser.redeem(ClaimCode.generate().formatted());

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.getElementById("problem-title").getTextContent())
                    .isEqualTo("Too many unsuccessful tries from your network");
        }
    }

    @Test
    void failuresFromManyAccountsBehindOneAddressAllCountExactlyOnce() throws Exception {
        String network = "198.51.100.42";
        List<Callable<String>> lookUps = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Account account = TestAccounts.create("US", "USD");
            lookUps.add(() -> guard.lookUp("test", account.id, network, () -> "not found", result -> true,
                    problem -> "refused"));
        }

        List<String> results = Race.atOnce(lookUps);

        assertThat(results).containsOnly("not found");
        assertThat(Database.number("SELECT failures FROM claim_guard WHERE scope_key = ?",
                ClaimGuard.addressScope(network))).isEqualTo(15);
    }

    @Test
    void theFailureThatFillsTheAddressBudgetLocksItAndOnlyThatOne() throws Exception {
        String network = "198.51.100.43";
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            Account account = TestAccounts.create("US", "USD");
            results.add(guard.lookUp("test", account.id, network, () -> "not found", result -> true,
                    problem -> problem instanceof CodeProblem.Locked locked ? "locked " + locked.scope() : "other"));
        }

        assertThat(results.subList(0, 19)).containsOnly("not found");
        assertThat(results.get(19)).isEqualTo("locked ADDRESS");
        assertThat(results.get(20)).isEqualTo("locked ADDRESS");
        assertThat(Database.number("SELECT failures FROM claim_guard WHERE scope_key = ?",
                ClaimGuard.addressScope(network))).isEqualTo(20);
    }
}
