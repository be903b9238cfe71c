package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Locale;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome of the redeem page, as a shopper sees it in a browser without JavaScript. */
@QuarkusTest
class RedeemPageTest {
    private TestShopper shopper;
    private Browser browser;

    /** A shopper of their own per test: every refusal counts towards the lock of the account that got it. */
    @BeforeEach
    void signIn() {
        shopper = Shoppers.customer("US");
        browser = Browser.open();
        browser.signIn(shopper);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void redeemingAnActiveCardAddsItsValueAndConfirmsWithoutShowingTheCode() {
        IssuedCard card = TestCards.active("US", 50);
        long before = balance();

        HtmlPage page = browser.redeem(card.code().formatted());

        assertThat(page.getUrl().getPath()).startsWith("/redeem/confirmation/");
        String text = page.asNormalizedText();
        assertThat(text).contains("$50.00 added to your balance")
                .contains("••••-••••••-•" + card.code().lastFour())
                .contains(money(before + 5000));
        assertThat(page.asXml()).doesNotContain(card.code().formatted())
                .doesNotContain(card.code().formatted().replace("-", ""));
        assertThat(page.getWebResponse().getResponseHeaderValue("Referrer-Policy")).isEqualTo("no-referrer");
        GiftCard stored = TestCards.reload(card);
        assertThat(stored.status).isEqualTo(CardStatus.REDEEMED);
        Account account = TestCards.account(shopper);
        assertThat(stored.redeemedByAccountId).isEqualTo(account.id);
        assertThat(account.balanceMinor).isEqualTo(before + 5000).isEqualTo(TestCards.ledgerSum(account.id));
    }

    @Test
    void confusableCharactersLowerCaseAndSpacesAreReadAsTheCodeMeant() {
        IssuedCard card = TestCards.active("US", 25);
        String typed = "  " + sloppy(card.code().formatted()) + " ";

        HtmlPage page = browser.redeem(typed);

        assertThat(page.asNormalizedText()).contains("$25.00 added to your balance");
    }

    @Test
    void mistypedCodeIsCaughtByItsCheckCharacter() {
        IssuedCard card = TestCards.active("US", 25);
        assertRefused(browser.redeem(TestCards.mistyped(card.code())), "That code looks mistyped", "/help/invalid-code");
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void unknownCodeSaysNoCardHasIt() {
        assertRefused(browser.redeem(org.giftportal.card.ClaimCode.generate().formatted()),
                "We couldn't find that gift card", "/help/invalid-code");
    }

    @Test
    void cardRedeemedEarlierByYouSaysWhen() {
        IssuedCard card = TestCards.active("US", 30);
        browser.redeem(card.code().formatted());

        HtmlPage again = browser.redeem(card.code().formatted());

        assertThat(again.getElementById("problem-title").getTextContent()).isEqualTo("You've already redeemed this card");
        HtmlAnchor help = again.getFirstByXPath("//div[@id='problem']//a");
        assertThat(help.getHrefAttribute()).isEqualTo("/help/already-redeemed");
        assertThat(again.asNormalizedText()).contains("You added this gift card to your balance on");
        assertThat(again.getElementById("problem").getAttribute("class")).as("good news, not an error")
                .contains("alert-info").doesNotContain("alert-error");
        assertThat(again.getElementById("problem").getAttribute("role")).isEqualTo("status");
        assertThat(again.getTitleText()).as("not titled a problem").doesNotContain("Problem");
        assertThat(again.getElementById("claimCode").hasAttribute("aria-invalid")).isFalse();
        assertThat(again.asNormalizedText()).doesNotContain("Error:");
    }

    @Test
    void theSameFormSentAgainAfterGoingBackShowsTheSameRedemptionAndCreditsOnce() {
        IssuedCard card = TestCards.active("US", 40);
        long before = balance();
        HtmlPage form = browser.open("/redeem");

        HtmlPage first = Browser.submitRedeemForm(form, card.code().formatted());
        HtmlPage again = Browser.submitRedeemForm(form, null);

        assertThat(first.getUrl().getPath()).startsWith("/redeem/confirmation/");
        assertThat(again.getUrl()).isEqualTo(first.getUrl());
        assertThat(again.asNormalizedText()).contains("$40.00 added to your balance");
        Account account = TestCards.account(shopper);
        assertThat(account.balanceMinor).isEqualTo(before + 4000).isEqualTo(TestCards.ledgerSum(account.id));
    }

    @Test
    void theSameFormUsedAgainForAnotherCardRedeemsThatCardToo() {
        IssuedCard first = TestCards.active("US", 40);
        IssuedCard second = TestCards.active("US", 25);
        HtmlPage form = browser.open("/redeem");

        HtmlPage firstConfirmation = Browser.submitRedeemForm(form, first.code().formatted());
        HtmlPage secondConfirmation = Browser.submitRedeemForm(form, second.code().formatted());

        assertThat(secondConfirmation.getUrl().getPath()).startsWith("/redeem/confirmation/")
                .isNotEqualTo(firstConfirmation.getUrl().getPath());
        assertThat(secondConfirmation.asNormalizedText()).contains("$25.00 added to your balance")
                .contains("$65.00");
        assertThat(TestCards.reload(second).status).isEqualTo(CardStatus.REDEEMED);
        Account account = TestCards.account(shopper);
        assertThat(account.balanceMinor).isEqualTo(6500).isEqualTo(TestCards.ledgerSum(account.id));
    }

    @Test
    void cardRedeemedByAnotherAccountSaysWhatToDo() {
        IssuedCard card = TestCards.active("US", 40);
        TestShopper other = Shoppers.customer("US");
        try (Browser otherBrowser = Browser.open()) {
            otherBrowser.signIn(other);
            otherBrowser.redeem(card.code().formatted());
        }
        long before = balance();

        HtmlPage page = browser.redeem(card.code().formatted());

        assertRefused(page, "This card was redeemed to another account", "/help/already-redeemed");
        assertThat(balance()).isEqualTo(before);
    }

    @Test
    void cardNotActivatedSaysToCheckTheReceipt() {
        IssuedCard card = TestCards.notActivated("US", 75);

        assertRefused(browser.redeem(card.code().formatted()), "This card hasn't been activated yet",
                "/help/card-not-activated");
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ISSUED);
    }

    @Test
    void cardReportedLostIsOnHold() {
        IssuedCard card = TestCards.activeThen("US", 40, blocked -> blocked.block(java.time.Instant.now()));

        assertRefused(browser.redeem(card.code().formatted()), "This card is on hold", "/help/lost-or-stolen-card");
    }

    @Test
    void cancelledCardSaysSo() {
        IssuedCard card = TestCards.activeThen("US", 40, cancelled -> cancelled.cancel(java.time.Instant.now()));

        assertRefused(browser.redeem(card.code().formatted()), "This card has been cancelled",
                "/help/lost-or-stolen-card");
    }

    @Test
    void cardOfAnotherRegionNamesBothRegions() {
        IssuedCard card = TestCards.active("GB", 50);

        HtmlPage page = browser.redeem(card.code().formatted());

        assertRefused(page, "This card is for another region", "/help/region-restrictions");
        assertThat(page.asNormalizedText()).contains("gift card for the United Kingdom")
                .contains("Your account is in the United States");
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void expiredCardSaysUntilWhenItWasGood() {
        IssuedCard card = TestCards.expired("US", 60);

        HtmlPage page = browser.redeem(card.code().formatted());

        assertRefused(page, "This card has expired", "/help/card-expired");
        assertThat(page.asNormalizedText()).contains("It could be redeemed until");
    }

    @Test
    void anotherShoppersConfirmationPageDoesNotExistForYou() {
        IssuedCard card = TestCards.active("US", 25);
        String confirmation = browser.redeem(card.code().formatted()).getUrl().getPath();
        try (Browser other = Browser.open()) {
            other.signIn(Shoppers.customer("US"));

            HtmlPage page = other.open(confirmation);

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(page.asNormalizedText()).doesNotContain(card.code().lastFour());
        }
    }

    private void assertRefused(HtmlPage page, String title, String helpPath) {
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(page.getUrl().getPath()).isEqualTo("/redeem");
        HtmlPage html = page;
        assertThat(html.getElementById("problem-title").getTextContent()).isEqualTo(title);
        HtmlAnchor help = html.getFirstByXPath("//div[@id='problem']//a");
        assertThat(help.getHrefAttribute()).isEqualTo(helpPath);
        assertThat(html.getElementById("claimCode").getAttribute("aria-invalid")).isEqualTo("true");
    }

    private long balance() {
        return TestCards.account(shopper).balanceMinor;
    }

    private static String money(long cents) {
        return "$" + String.format(Locale.US, "%,.2f", java.math.BigDecimal.valueOf(cents, 2));
    }

    /** Types a code the way people do: lower case, spaces for dashes, O for 0, I for 1, S for 5, B for 8. */
    static String sloppy(String code) {
        return code.replace('-', ' ').replace('0', 'O').replace('1', 'I').replace('5', 'S').replace('8', 'B')
                .toLowerCase(Locale.ROOT);
    }
}
