package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The signed-in home page in a real Chromium, at a phone's size and a desktop's. */
@QuarkusTest
class ResponsiveHomePageTest {

    @Test
    void signedInHomePageFitsAPhoneAndADesktopScreen() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Chromium chromium = Chromium.start(390, 844)) {
            chromium.signIn(shopper);
            assertThat(chromium.driver().findElement(By.tagName("h1")).getText())
                    .isEqualTo("Hello, " + shopper.displayName());

            assertThat(chromium.scrollsSideways()).as("sideways scrolling at 390 px").isFalse();
            assertActionsAreVisibleAndTappable(chromium);
            Path phone = chromium.screenshot("home-signed-in-phone-390x844");

            chromium.resize(1440, 900);
            chromium.open("/");
            assertThat(chromium.scrollsSideways()).as("sideways scrolling at 1440 px").isFalse();
            assertActionsAreVisibleAndTappable(chromium);
            Path desktop = chromium.screenshot("home-signed-in-desktop-1440x900");

            assertThat(Files.size(phone)).isPositive();
            assertThat(Files.size(desktop)).isPositive();
        }
    }

    private static void assertActionsAreVisibleAndTappable(Chromium chromium) {
        for (WebElement action : chromium.driver().findElements(By.cssSelector("a.action"))) {
            assertThat(action.isDisplayed()).isTrue();
            assertThat(action.getSize().getHeight()).as("touch target height").isGreaterThanOrEqualTo(44);
        }
        assertThat(chromium.driver().findElements(By.cssSelector("a.action"))).hasSize(3);
        assertThat(chromium.driver().findElement(By.linkText("Sign out")).isDisplayed()).isTrue();
    }
}
