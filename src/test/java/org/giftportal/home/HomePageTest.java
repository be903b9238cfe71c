package org.giftportal.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The signed-in home says what the balance is and what last changed it, in words, not codes. */
@QuarkusTest
class HomePageTest {

    @Test
    void theHomePageShowsTheBalanceAndItsLastChange() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            HtmlPage empty = browser.signIn(shopper);
            assertThat(empty.asNormalizedText()).contains("Your balance").contains("$0.00")
                    .contains("Nothing yet: redeem a gift card")
                    .contains("Your account shops in the United States, and its balance is in US Dollar")
                    .doesNotContain("shops in US;");

            browser.redeem(TestCards.active("US", 25).code().formatted());
            HtmlPage home = browser.open("/");

            assertThat(home.asNormalizedText()).contains("$25.00").contains("Last change: Gift card redeemed, +$25.00");
            HtmlPage history = browser.open("/balance");
            assertThat((Object) history.querySelector("nav.pager")).as("no pager around a single page").isNull();
        }
    }

    @Test
    void theCodeExamplesUseOnlyCharactersACodeCanHave() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("GB"));
            String hint = browser.open("/redeem").getElementById("claimCode-hint").asNormalizedText();
            String example = hint.replaceAll(".*like ([A-Z0-9-]+).*", "$1").replace("-", "");
            assertThat(example).hasSize(15).doesNotContainAnyWhitespaces().matches("[0-9ACDEFGHJKMNPQRTUVWXYZ]+");
        }
    }
}
