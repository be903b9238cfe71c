package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.giftportal.card.CardStatus;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Five codes that don't work within 15 minutes lock redeeming for an hour; a locked try looks nothing up. */
@QuarkusTest
class ClaimLockTest {

    @Inject
    TestClock clock;


    @Test
    void fifthFailedCodeLocksTheAccountUntilTheHourIsOver() {
        IssuedCard goodCard = TestCards.active("US", 50);
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            for (int i = 1; i <= 4; i++) {
                HtmlPage page = browser.redeem(ClaimCode.generate().formatted());
                assertThat(page.getElementById("problem-title").getTextContent())
                        .isEqualTo("We couldn't find that gift card");
            }

            HtmlPage fifth = browser.redeem(ClaimCode.generate().formatted());
            assertThat(fifth.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(fifth.getElementById("problem-title").getTextContent()).isEqualTo("Too many unsuccessful tries");
            assertThat(fifth.asNormalizedText()).contains("You can try again after");

            HtmlPage whileLocked = browser.redeem(goodCard.code().formatted());
            assertThat(whileLocked.getElementById("problem-title").getTextContent())
                    .isEqualTo("Too many unsuccessful tries");
            assertThat(TestCards.reload(goodCard).status).isEqualTo(CardStatus.ACTIVE);

            clock.advance(Duration.ofMinutes(59));
            assertThat(browser.redeem(goodCard.code().formatted()).getElementById("problem-title").getTextContent())
                    .isEqualTo("Too many unsuccessful tries");

            clock.advance(Duration.ofMinutes(2));
            HtmlPage unlocked = browser.redeem(goodCard.code().formatted());
            assertThat(unlocked.asNormalizedText()).contains("$50.00 added to your balance");
        }
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        IssuedCard goodCard = TestCards.active("US", 25);
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            for (int i = 0; i < 4; i++) {
                browser.redeem(ClaimCode.generate().formatted());
            }
            clock.advance(Duration.ofMinutes(16));
            browser.redeem(ClaimCode.generate().formatted());

            assertThat(browser.redeem(goodCard.code().formatted()).asNormalizedText())
                    .contains("$25.00 added to your balance");
        }
    }

    @Test
    void typosCaughtByTheCheckCharacterDoNotCountTowardsTheLock() {
        IssuedCard goodCard = TestCards.active("US", 25);
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            for (int i = 0; i < 8; i++) {
                browser.redeem(TestCards.mistyped(ClaimCode.generate()));
            }

            assertThat(browser.redeem(goodCard.code().formatted()).asNormalizedText())
                    .contains("$25.00 added to your balance");
        }
    }
}
