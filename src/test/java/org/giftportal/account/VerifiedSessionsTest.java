package org.giftportal.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestClock;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * A signed-in shopper's ID token is checked once and then taken on trust for their next pages: never for longer than
 * a minute, never past the token's own expiry, and never for more than it said (a customer's kept sign-in still
 * opens no staff page). Time is the portal's clock; the identity provider's own check, which runs whenever the kept
 * answer has lapsed, still accepts the token by the real clock. Sign-out on a kept session is in
 * SessionRevocationTest, which these kept sessions must pass as they are.
 */
@QuarkusTest
class VerifiedSessionsTest {
    /** The realm's token lifespan (keycloak-realm.json): an ID token expires this long after sign-in. */
    private static final Duration TOKEN_LIFESPAN = Duration.ofSeconds(300);

    @Inject
    MeterRegistry metrics;

    @Inject
    TestClock clock;

    @Test
    void aShoppersNextPageIsNotVerifiedAgainButAMinuteLaterItIs() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            balance(browser);
            double kept = checks("kept");
            double verified = checks("verified");

            balance(browser);
            assertThat(checks("kept")).as("taken on trust").isEqualTo(kept + 1);

            clock.advance(VerifiedSessions.KEPT_FOR.plusSeconds(1));
            balance(browser);
            assertThat(checks("kept")).as("not on trust after a minute").isEqualTo(kept + 1);
            assertThat(checks("verified")).isEqualTo(verified + 1);
        }
    }

    @Test
    void anIdTokenIsNeverTakenOnTrustPastItsOwnExpiry() {
        try (Browser browser = Browser.open()) {
            Instant before = clock.instant();
            browser.signIn(Shoppers.customer("US"));
            Duration signingIn = Duration.between(before, clock.instant());
            // The portal's clock at least 30 s before the ID token expires: kept until the expiry, not a full minute.
            clock.advance(TOKEN_LIFESPAN.minusSeconds(30).minus(Duration.between(before, clock.instant())));
            balance(browser);
            double kept = checks("kept");
            balance(browser);
            assertThat(checks("kept")).as("kept while the token lasts").isEqualTo(kept + 1);

            clock.advance(Duration.ofSeconds(31).plus(signingIn));
            balance(browser);

            assertThat(checks("kept")).as("expired by the portal's clock: verified again").isEqualTo(kept + 1);
        }
    }

    @Test
    void aKeptSignInOpensWhatItsRolesOpenAndNothingMore() {
        try (Browser customer = Browser.open(); Browser admin = Browser.open()) {
            customer.signIn(Shoppers.customer("US"));
            admin.signIn(Shoppers.admin());
            customer.open("/balance");
            admin.open("/backoffice/cards");
            double kept = checks("kept");

            HtmlPage refused = customer.open("/backoffice/cards");
            HtmlPage allowed = admin.open("/backoffice/cards");

            assertThat(checks("kept")).isEqualTo(kept + 2);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(allowed.getWebResponse().getStatusCode()).isEqualTo(200);
        }
    }

    private static void balance(Browser browser) {
        assertThat(browser.open("/balance").asNormalizedText()).contains("Your gift card balance");
    }

    private double checks(String check) {
        return metrics.counter("portal.sessions", "check", check).count();
    }
}
