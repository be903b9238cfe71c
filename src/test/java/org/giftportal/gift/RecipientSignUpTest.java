package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.stack.IdentityMail;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.IdentityMailbox;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The path of a gift's recipient who has no account, on a phone: the gift's link, the branded sign-in page, "Create an
 * account" (name, email, region), the email that confirms the address, a password chosen once it is confirmed, and
 * back on the gift's page to apply it with one press.
 */
@QuarkusTest
class RecipientSignUpTest {
    private static final Pattern GIFT_LINK = Pattern.compile("https?://[^\"\\s]+/gift/[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFY_LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\S+");

    @Inject
    MockMailbox mailbox;

    @Test
    void aRecipientWithoutAnAccountSignsUpConfirmsTheirEmailAndAppliesTheGift() throws Exception {
        String recipient = newRecipient();
        String gift = giftFor(recipient);

        try (Chromium phone = Chromium.start(390, 844)) {
            signInFromTheGift(phone, gift);
            String signIn = phone.driver().findElement(By.tagName("body")).getText();
            assertThat(signIn).contains("Brightleaf Market Gift Cards")
                    .contains("Sign in or create an account to add your gift card to your balance")
                    .contains("Forgot your password?").contains("Create an account");
            assertThat(phone.driver().findElement(By.cssSelector(".site-footer a")).getAttribute("href"))
                    .as("a way back to the portal").startsWith("http://localhost:"
                            + System.getProperty("quarkus.http.test-port"));
            assertThat(transferredBytes(phone)).as("the sign-in page, everything it loads, on a phone")
                    .isLessThan(100_000);
            assertThat(phone.scrollsSideways()).isFalse();
            assertThat(Axe.violations(phone.driver())).as("axe-core on the sign-in page").isEmpty();
            assertThat(phone.driver().findElements(By.cssSelector("[tabindex]")).stream()
                    .map(element -> Integer.parseInt(element.getAttribute("tabindex"))).filter(index -> index > 0))
                    .as("no positive tabindex: the page's order is its reading order").isEmpty();
            assertThat(phone.driver().findElement(By.linkText("Create an account")).getLocation().getY())
                    .as("the recipient's next step above the fields, where a phone's keyboard can't cover it")
                    .isLessThan(phone.driver().findElement(By.id("username")).getLocation().getY());
            phone.screenshot("signin-390x844");

            signUp(phone, recipient, true);
            assertThat(phone.driver().findElement(By.tagName("main")).getText()).contains(recipient);
            phone.screenshot("verify-email-390x844");
            assertThat(Axe.violations(phone.driver())).as("axe-core on the check-your-email page").isEmpty();

            confirmAndChooseAPassword(phone, recipient, true);
            assertThat(phone.driver().getCurrentUrl()).isEqualTo(gift);
            applyTheGift(phone);
            phone.screenshot("gift-applied-after-sign-up-390x844");
        }
        assertThat(Database.text("SELECT CONCAT(a.region, ' ', a.currency, ' ', a.balance_minor, ' ',"
                + " a.email_verified) FROM account a WHERE a.email = ?", recipient)).isEqualTo("US USD 3500 1");
    }

    /**
     * While the confirmation email is on its way, the recipient opens the portal and the gift's link again in another
     * tab: the sign-up under way survives both, and finishing it lands on the gift, one press from applied.
     */
    @Test
    void aSignUpSurvivesThePortalOpenedInAnotherTabMeanwhile() throws Exception {
        String recipient = newRecipient();
        String gift = giftFor(recipient);

        try (Chromium phone = Chromium.start(390, 844)) {
            signInFromTheGift(phone, gift);
            signUp(phone, recipient, false);
            String signUpTab = phone.driver().getWindowHandle();

            phone.driver().switchTo().newWindow(WindowType.TAB);
            phone.open("/");
            assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isNotBlank();
            phone.driver().get(gift);
            assertThat(phone.driver().findElements(By.linkText("Sign in to apply it to your balance"))).hasSize(1);
            phone.driver().close();
            phone.driver().switchTo().window(signUpTab);

            confirmAndChooseAPassword(phone, recipient, false);
            assertThat(phone.driver().getCurrentUrl()).isEqualTo(gift);
            applyTheGift(phone);
        }
        assertThat(Database.text("SELECT a.balance_minor FROM account a WHERE a.email = ?", recipient))
                .isEqualTo("3500");
    }

    private static String newRecipient() {
        return "newcomer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A $35 e-gift ordered by an admin for the recipient, and the link its email brings them. */
    private String giftFor(String recipient) throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            String reference = org.giftportal.testsupport.GiftForms.order(admin, recipient, "35", "", "Welcome!");
            Await.until("issued", Duration.ofSeconds(20), () -> "ISSUED".equals(Database.text(
                    "SELECT status FROM gift_order WHERE reference = ?", reference)));
        }
        Matcher gift = GIFT_LINK.matcher(Mailbox.awaitFirst(mailbox, recipient).getHtml());
        assertThat(gift.find()).isTrue();
        return gift.group();
    }

    /** The gift's link, and its "Sign in to apply" to the sign-in page. */
    private static void signInFromTheGift(Chromium phone, String gift) {
        phone.driver().get(gift);
        phone.driver().findElement(By.linkText("Sign in to apply it to your balance")).click();
        wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    }

    /** From the sign-in page: "Create an account", the form, and on to "Check your email". */
    private static void signUp(Chromium phone, String recipient, boolean checkPages) {
        phone.driver().findElement(By.linkText("Create an account")).click();
        wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("firstName")));
        assertThat(new Select(phone.driver().findElement(By.id("region"))).getOptions())
                .extracting(option -> option.getText().strip())
                .contains("United States", "United Kingdom", "India");
        phone.driver().findElement(By.id("username")).sendKeys(recipient.substring(0, recipient.indexOf('@')));
        phone.driver().findElement(By.id("email")).sendKeys(recipient);
        phone.driver().findElement(By.id("firstName")).sendKeys("Rosa");
        phone.driver().findElement(By.id("lastName")).sendKeys("Diaz");
        new Select(phone.driver().findElement(By.id("region"))).selectByValue("US");
        if (checkPages) {
            phone.screenshot("signup-390x844");
            assertThat(phone.scrollsSideways()).isFalse();
            assertThat(Axe.violations(phone.driver())).as("axe-core on the sign-up page").isEmpty();
        }
        phone.driver().findElement(By.cssSelector("#kc-register-form [type=submit]")).click();
        wait(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Check your email"));
    }

    /** The confirmation email's link, then a password chosen: Keycloak signs in and goes back to the gift. */
    private static void confirmAndChooseAPassword(Chromium phone, String recipient, boolean checkPages)
            throws InterruptedException {
        IdentityMail.Received verify = IdentityMailbox.awaitNewest(recipient, "Confirm your email address");
        Matcher link = VERIFY_LINK.matcher(verify.text());
        assertThat(link.find()).as(verify.text()).isTrue();
        assertThat(verify.subject()).isEqualTo("Confirm your email address to finish your gift card account");
        assertThat(verify.html()).as("branded like the portal's emails").contains("Brightleaf Market Gift Cards")
                .contains(org.giftportal.stack.PortalProperties.brandColour()).contains("Confirm my email address");
        phone.driver().get(link.group());
        // The address confirmed, the password is chosen (only now: nobody sets one for an address they don't own).
        wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
        assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Choose a password");
        assertThat(phone.driver().findElements(By.id("logout-sessions"))).as("a new account has no other devices")
                .isEmpty();
        assertThat(phone.driver().findElement(By.cssSelector("form [type=submit]")).getAttribute("value"))
                .isEqualTo("Save password and sign in");
        if (checkPages) {
            phone.screenshot("choose-password-390x844");
            assertThat(Axe.violations(phone.driver())).as("axe-core on the choose-a-password page").isEmpty();
        }
        phone.driver().findElement(By.id("password-new")).sendKeys("a-long-enough-passphrase");
        phone.driver().findElement(By.id("password-confirm")).sendKeys("a-long-enough-passphrase");
        phone.driver().findElement(By.cssSelector("form [type=submit]")).click();
        wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/apply']"
                + " button")));
    }

    /** The one press left on the gift's page. */
    private static void applyTheGift(Chromium phone) {
        phone.driver().findElement(By.cssSelector("form[action$='/apply'] button")).click();
        wait(phone).until(ExpectedConditions.urlContains("/redeem/confirmation/"));
        assertThat(phone.driver().findElement(By.tagName("main")).getText()).contains("$35.00");
    }

    @Test
    void theSignInAndSignUpPagesFitADesktopToo() {
        try (Chromium desktop = Chromium.start(1440, 900)) {
            desktop.open("/signin");
            wait(desktop).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
            assertThat(desktop.scrollsSideways()).isFalse();
            desktop.screenshot("signin-1440x900");
            desktop.driver().findElement(By.linkText("Create an account")).click();
            wait(desktop).until(ExpectedConditions.presenceOfElementLocated(By.id("region")));
            assertThat(desktop.scrollsSideways()).isFalse();
            assertThat(Axe.violations(desktop.driver())).isEmpty();
            desktop.screenshot("signup-1440x900");
        }
    }

    private static WebDriverWait wait(Chromium browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(15));
    }

    /** What the page and everything it loaded weighed on the wire. */
    private static long transferredBytes(Chromium browser) {
        Object total = ((JavascriptExecutor) browser.driver()).executeScript("return performance.getEntriesByType("
                + "'navigation').concat(performance.getEntriesByType('resource')).reduce((sum, entry) => sum"
                + " + (entry.transferSize || entry.encodedBodySize || 0), 0);");
        return ((Number) total).longValue();
    }
}
