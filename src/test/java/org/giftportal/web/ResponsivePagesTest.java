package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The main pages in a real Chromium, at two phone sizes and a desktop's, signed in. Screenshots in target/. */
@QuarkusTest
class ResponsivePagesTest {
    private static final int[][] SIZES = {{360, 740}, {390, 844}, {1440, 900}};

    @Inject
    Ledger ledger;

    @Test
    void signedInPagesFitAPhoneAndADesktopScreen() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Chromium chromium = Chromium.start(390, 844)) {
            chromium.signIn(shopper);
            assertThat(chromium.driver().findElement(By.tagName("h1")).getText())
                    .isEqualTo("Hello, " + shopper.displayName());
            long accountId = TestCards.account(shopper).id;
            ledger.recordAdjustment(accountId, 12_345, "welcome credit", null);
            ledger.recordPurchase(accountId, 2_000, "W-77");

            for (int[] size : SIZES) {
                chromium.resize(size[0], size[1]);
                String suffix = (size[0] < 768 ? "phone-" : "desktop-") + size[0] + "x" + size[1];
                for (String page : new String[] {"/", "/redeem", "/balance", "/cards/check", "/restrictions",
                        "/help", "/help/invalid-code", "/support/cases/new"}) {
                    chromium.open(page);
                    Path shot = chromium.screenshot(page.equals("/") ? "home-" + suffix
                            : page.substring(1).replace('/', '-') + "-" + suffix);
                    assertThat(Files.size(shot)).isPositive();
                    assertThat(chromium.scrollsSideways()).as("sideways scrolling on " + page + " at " + suffix)
                            .isFalse();
                }
                chromium.open("/");
                assertActionsAreVisibleAndTappable(chromium);
                if (size[0] < 768) {
                    assertThat(chromium.driver().findElement(By.cssSelector(".site-header")).getSize().getHeight())
                            .as("the signed-in header on a phone: the brand and one row of links").isLessThanOrEqualTo(110);
                }
            }
        }
    }

    @Test
    void historyIsATableOnADesktopAndALabelledListOnAPhone() {
        TestShopper shopper = Shoppers.customer("US");
        try (Chromium chromium = Chromium.start(1440, 900)) {
            chromium.signIn(shopper);
            ledger.recordAdjustment(TestCards.account(shopper).id, 500, "for the layout", null);

            chromium.open("/balance");
            assertThat(cssOf(chromium, "table.history tbody tr", "display")).isEqualTo("table-row");
            assertThat(chromium.driver().findElement(By.cssSelector("table.history thead")).isDisplayed()).isTrue();

            chromium.resize(390, 844);
            chromium.open("/balance");
            assertThat(cssOf(chromium, "table.history tbody tr", "display")).isEqualTo("block");
            assertThat(chromium.driver().executeScript("return getComputedStyle(document.querySelector("
                    + "'table.history td'), '::before').content")).isEqualTo("\"Date\"");
            assertThat(chromium.scrollsSideways()).isFalse();
        }
    }

    private static String cssOf(Chromium chromium, String selector, String property) {
        return chromium.driver().findElement(By.cssSelector(selector)).getCssValue(property);
    }

    private static void assertActionsAreVisibleAndTappable(Chromium chromium) {
        for (WebElement action : chromium.driver().findElements(By.cssSelector("a.action"))) {
            assertThat(action.isDisplayed()).isTrue();
            assertThat(action.getSize().getHeight()).as("touch target height").isGreaterThanOrEqualTo(44);
        }
        assertThat(chromium.driver().findElements(By.cssSelector("a.action"))).hasSize(4);
        assertThat(chromium.driver().findElement(By.cssSelector("form[action='/signout'] button")).isDisplayed()).isTrue();
    }
}
