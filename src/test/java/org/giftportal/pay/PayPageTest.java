package org.giftportal.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Pay in store" on the shopper's phone: the code's QR and Code 128 barcodes, read back from a real browser's pixels
 * by a real barcode reader, are its twelve digits; the code is kept only as a hash, lives two minutes, and a new code
 * ends the one before.
 */
@QuarkusTest
class PayPageTest {
    @Inject
    Ledger ledger;

    @Inject
    PayCodes codes;

    @Inject
    TestClock clock;


    @Test
    void theBarcodesOnThePhoneReadBackAsTheCodeAndTheCodeIsKeptOnlyAsAHash() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Chromium chromium = Chromium.start(390, 844)) {
            chromium.signIn(shopper);
            long accountId = fund(shopper, 5_000);
            chromium.open("/pay");
            assertThat(chromium.driver().findElement(By.tagName("main")).getText()).contains("$50.00");
            chromium.driver().findElement(By.id("maximum")).sendKeys("40");
            chromium.driver().findElement(By.cssSelector(".pay-form button")).click();
            WebElement shown = new WebDriverWait(chromium.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pay-digits")));
            String digits = shown.getText().replace(" ", "");
            chromium.screenshot("pay-390x844");

            assertThat(digits).matches("\\d{12}");
            assertThat(read(chromium.driver().findElement(By.cssSelector(".pay-qr svg")), BarcodeFormat.QR_CODE))
                    .isEqualTo(digits);
            assertThat(read(chromium.driver().findElement(By.cssSelector(".pay-code128 svg")),
                    BarcodeFormat.CODE_128)).isEqualTo(digits);
            assertThat(chromium.driver().findElement(By.tagName("main")).getText()).contains("up to $40.00")
                    .contains("2 minutes");
            assertThat(chromium.scrollsSideways()).isFalse();
            chromium.resize(360, 800);
            Number lines = (Number) chromium.driver().executeScript("const digits = arguments[0];"
                    + " const style = getComputedStyle(digits);"
                    + " return Math.round((digits.getBoundingClientRect().height - parseFloat(style.paddingTop)"
                    + " - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight === 'normal'"
                    + " ? parseFloat(style.fontSize) * 1.2 : style.lineHeight));", shown);
            assertThat(lines.intValue()).as("the 12 digits on one line at 360 px").isEqualTo(1);
            chromium.resize(844, 390);
            chromium.screenshot("pay-844x390");
            assertThat(chromium.scrollsSideways()).as("landscape").isFalse();
            assertThat(read(chromium.driver().findElement(By.cssSelector(".pay-qr svg")), BarcodeFormat.QR_CODE))
                    .as("still readable in landscape").isEqualTo(digits);
            chromium.resize(1280, 800);
            chromium.screenshot("pay-1280x800");
            assertThat(chromium.scrollsSideways()).as("desktop").isFalse();
            assertThat(read(chromium.driver().findElement(By.cssSelector(".pay-code128 svg")),
                    BarcodeFormat.CODE_128)).as("still readable on a desktop").isEqualTo(digits);

            assertThat(Database.text("SELECT CONCAT(max_minor, ' ', TIMESTAMPDIFF(SECOND, created_at, expires_at))"
                    + " FROM pay_code WHERE account_id = ?", accountId)).isEqualTo("4000 120");
            assertThat(Database.number("SELECT COUNT(*) FROM pay_code WHERE account_id = ? AND (HEX(code_hash)"
                    + " LIKE ? OR code_hash = ?)", accountId, "%" + digits + "%", digits)).isZero();
            assertThat(codes.find(digits)).get().matches(code -> code.accountId == accountId);
        }
    }

    @Test
    void aNewCodeEndsTheOneBeforeACodeLivesTwoMinutesAndABadMaximumIsExplained() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            browser.open("/pay");
            long accountId = fund(shopper, 2_000);
            HtmlPage form = browser.open("/pay");

            HtmlPage bad = Forms.send(form, "/pay", Map.of("maximum", "forty"));

            assertThat(bad.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(bad.asNormalizedText()).contains("Type the most this payment may take");
            assertThat(Database.number("SELECT COUNT(*) FROM pay_code WHERE account_id = ?", accountId)).isZero();

            HtmlPage first = Forms.send(browser.open("/pay"), "/pay", Map.of("maximum", ""));
            String firstCode = first.querySelector(".pay-digits").asNormalizedText().replace(" ", "");
            assertThat(first.getWebResponse().getResponseHeaderValue("Cache-Control")).isEqualTo("no-store");
            HtmlPage second = Forms.submit(Forms.form(first, "/pay"));
            String secondCode = second.querySelector(".pay-digits").asNormalizedText().replace(" ", "");

            assertThat(secondCode).isNotEqualTo(firstCode);
            assertThat(codes.find(firstCode)).get().matches(code -> !code.isUsable(clock.instant()),
                    "ended by the new code");
            assertThat(codes.find(secondCode)).get().matches(code -> code.isUsable(clock.instant()));
            clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            assertThat(codes.find(secondCode)).get().matches(code -> !code.isUsable(clock.instant()),
                    "expired after two minutes");
            assertThat(codes.find("0000 0000 0000")).isEmpty();
            assertThat(codes.find("12345")).isEmpty();
        }
    }

    @Test
    void withNothingToSpendThePageOffersToRedeemACardInstead() throws Exception {
        TestShopper shopper = Shoppers.customer("GB");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);

            HtmlPage page = browser.open("/pay");
            HtmlPage pressedAnyway = browser.postForm("/pay", Map.of("maximum", ""));

            assertThat(page.asNormalizedText()).contains("£0.00").contains("There is nothing to spend yet");
            assertThat(page.getAnchorByText("Redeem a gift card").getHrefAttribute()).isEqualTo("/redeem");
            assertThat(pressedAnyway.asNormalizedText()).doesNotContain("Show this to the cashier");
        }
        assertThat(Database.number("SELECT COUNT(*) FROM pay_code c JOIN account a ON a.id = c.account_id"
                + " WHERE a.subject = ?", shopper.keycloakId())).isZero();
    }

    private long fund(TestShopper shopper, long amountMinor) throws Exception {
        long accountId = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
        ledger.recordAdjustment(accountId, amountMinor, "Opening balance", "TEST");
        return accountId;
    }

    /** Reads a barcode from the browser's own pixels of the element. */
    private static String read(WebElement barcode, BarcodeFormat format) throws Exception {
        ((org.openqa.selenium.JavascriptExecutor) ((org.openqa.selenium.WrapsDriver) barcode).getWrappedDriver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", barcode);
        byte[] png = barcode.getScreenshotAs(OutputType.BYTES);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "pay-" + format + ".png"), png);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(
                new ByteArrayInputStream(png)))));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS,
                List.of(format), DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return result.getText();
    }
}
