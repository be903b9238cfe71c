package org.giftportal.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.giftportal.card.CardStatus;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checking a card without redeeming it: every status, the same help links, and the same lock. */
@QuarkusTest
class CardCheckTest {
    private Browser browser;

    @BeforeEach
    void signIn() {
        browser = Browser.open();
        browser.signIn(Shoppers.customer("US"));
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void activeCardShowsValueRegionAndAButtonThatRedeemsIt() throws Exception {
        IssuedCard card = TestCards.active("US", 75);

        HtmlPage result = check(card.code().formatted().toLowerCase());

        assertThat(result.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(result.getElementById("finding-title").getTextContent()).isEqualTo("Active: ready to redeem");
        assertThat(result.asNormalizedText()).contains("$75.00").contains("United States").containsPattern("Expires\\s+Never")
                .contains("••••-••••••-•" + card.code().lastFour());
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);

        HtmlButton redeem = result.getFirstByXPath("//form[@action='/redeem']//button");
        HtmlPage confirmation = redeem.click();

        assertThat(confirmation.asNormalizedText()).contains("$75.00 added to your balance");
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.REDEEMED);
    }

    @Test
    void cardOfAnotherRegionShowsItsValueAndWhyItCantBeRedeemedHere() {
        IssuedCard card = TestCards.active("IN", 500);

        HtmlPage result = check(card.code().formatted());

        assertThat(result.asNormalizedText()).contains("₹500.00").contains("India")
                .containsPattern("Expires\\s+\\S.*\\d{4}").contains("This card is for another region");
        assertThat((Object) result.getFirstByXPath("//form[@action='/redeem']")).isNull();
        assertHelpLink(result, "/help/region-restrictions");
    }

    @Test
    void everyOtherStatusGetsTheRedeemPagesMessageAndHelpLink() {
        Map<IssuedCard, String[]> cards = Map.of(
                TestCards.notActivated("US", 30), new String[] {"This card hasn't been activated yet", "/help/card-not-activated"},
                TestCards.activeThen("US", 30, blocked -> blocked.block(java.time.Instant.now())), new String[] {"This card is on hold", "/help/lost-or-stolen-card"},
                TestCards.activeThen("US", 30, cancelled -> cancelled.cancel(java.time.Instant.now())), new String[] {"This card has been cancelled", "/help/lost-or-stolen-card"},
                TestCards.expired("US", 30), new String[] {"This card has expired", "/help/card-expired"});
        cards.forEach((card, expected) -> {
            HtmlPage result = check(card.code().formatted());
            assertThat(result.getElementById("problem-title").getTextContent()).isEqualTo(expected[0]);
            assertHelpLink(result, expected[1]);
            assertThat((Object) result.getFirstByXPath("//form[@action='/redeem']")).isNull();
        });
    }

    @Test
    void cardRedeemedByYouSaysWhenAndByOthersSaysSo() {
        IssuedCard mine = TestCards.active("US", 25);
        browser.redeem(mine.code().formatted());
        IssuedCard theirs = TestCards.active("US", 25);
        try (Browser other = Browser.open()) {
            other.signIn(Shoppers.customer("US"));
            other.redeem(theirs.code().formatted());
        }

        assertThat(check(mine.code().formatted()).asNormalizedText())
                .contains("You've already redeemed this card").contains("You added this gift card to your balance on")
                .contains("Already in your balance").doesNotContain("Not redeemable");
        HtmlPage result = check(theirs.code().formatted());
        assertThat(result.asNormalizedText()).contains("This card was redeemed to another account")
                .contains("Already redeemed");
        assertHelpLink(result, "/help/already-redeemed");
    }

    @Test
    void unknownAndMistypedCodesSayWhy() {
        HtmlPage unknown = check(ClaimCode.generate().formatted());
        assertThat(unknown.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(unknown.getElementById("problem-title").getTextContent()).isEqualTo("We couldn't find that gift card");

        HtmlPage mistyped = check("ABCD-EFGH");
        assertThat(mistyped.getElementById("problem-title").getTextContent()).isEqualTo("That code looks mistyped");
        assertHelpLink(mistyped, "/help/invalid-code");
    }

    @Test
    void checksThatFindNothingCountTowardsTheLockOfRedeemingToo() {
        IssuedCard card = TestCards.active("US", 25);
        for (int i = 0; i < 5; i++) {
            check(ClaimCode.generate().formatted());
        }

        HtmlPage redeem = browser.redeem(card.code().formatted());

        assertThat(redeem.getWebResponse().getStatusCode()).isEqualTo(429);
        assertThat(redeem.getElementById("problem-title").getTextContent()).isEqualTo("Too many unsuccessful tries");
        assertThat(check(card.code().formatted()).getElementById("problem-title").getTextContent())
                .isEqualTo("Too many unsuccessful tries");
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
    }

    private HtmlPage check(String code) {
        HtmlPage form = browser.open("/cards/check");
        form.<org.htmlunit.html.HtmlInput>getHtmlElementById("claimCode").setValue(code);
        try {
            return form.<HtmlButton>getFirstByXPath("//form[@action='/cards/check']//button").click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertHelpLink(HtmlPage page, String href) {
        HtmlAnchor help = page.getFirstByXPath("//div[@id='problem']//a");
        assertThat(help.getHrefAttribute()).isEqualTo(href);
    }
}
