package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The gift page in a real browser, as a recipient opens it from their phone's mail app: themed in the configured
 * colour through the stylesheet (the Content-Security-Policy forbids inline styles), no sideways scrolling from a
 * small phone to a desktop, in portrait and landscape, and a button big enough to tap.
 */
@QuarkusTest
class GiftPageLayoutTest {
    private static final Pattern LINK = Pattern.compile("/gift/([A-Za-z0-9_-]{43})");

    @Inject
    MockMailbox mailbox;

    @Test
    void theGiftPageIsThemedAndFitsAPhoneInBothOrientationsAndADesktop() throws Exception {
        String recipient = "layout-" + UUID.randomUUID() + "@example.com";
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            String reference = org.giftportal.testsupport.GiftForms.order(admin, recipient, "50", "",
                    "A long message without spaces to check wrapping: " + "Congratulations!".repeat(12));
            Await.until("issued", Duration.ofSeconds(20), () -> "ISSUED".equals(Database.text(
                    "SELECT status FROM gift_order WHERE reference = ?", reference)));
        }
        Matcher link = LINK.matcher(Mailbox.awaitFirst(mailbox, recipient).getHtml());
        assertThat(link.find()).isTrue();

        try (Chromium chromium = Chromium.start(360, 740)) {
            for (int[] size : new int[][] {{360, 740}, {740, 360}, {1440, 900}}) {
                chromium.resize(size[0], size[1]);
                chromium.open(link.group());
                chromium.screenshot("gift-" + size[0] + "x" + size[1]);
                assertThat(chromium.scrollsSideways()).as("sideways scrolling at " + size[0] + "x" + size[1])
                        .isFalse();
                WebElement banner = chromium.driver().findElement(By.cssSelector(".gift-banner"));
                assertThat(banner.getCssValue("background-color")).as("the birthday colour from configuration")
                        .isIn("rgba(163, 36, 94, 1)", "rgb(163, 36, 94)");
                WebElement apply = chromium.driver().findElement(By.cssSelector("a.gift-apply"));
                assertThat(apply.isDisplayed()).isTrue();
                assertThat(apply.getSize().getHeight()).as("touch target").isGreaterThanOrEqualTo(44);
                assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Happy birthday!");
            }
        }
    }
}
