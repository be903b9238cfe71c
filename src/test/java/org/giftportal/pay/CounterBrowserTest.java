package org.giftportal.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
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
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The counter end to end in two real browsers: the shopper's phone shows a pay code, the cashier's till "scans" it
 * (the QR code read from the phone's pixels, typed into the focused field and sent with Enter, as a scanner does),
 * holds what the balance pays, takes it and prints the receipt; the shopper's history shows the purchase.
 */
@QuarkusTest
class CounterBrowserTest {
    @Inject
    Ledger ledger;

    @Test
    void aShopperPaysPartOfABillAtTheCounterFromTheirPhone() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier("US-NYC-01");
        try (Chromium phone = Chromium.start(390, 844); Chromium till = Chromium.start(1280, 800)) {
            phone.signIn(shopper);
            long account = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
            ledger.recordAdjustment(account, 8_000, "Opening balance", "TEST");
            phone.open("/pay");
            phone.driver().findElement(By.id("maximum")).sendKeys("30");
            phone.driver().findElement(By.cssSelector(".pay-form button")).click();
            WebElement qr = wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    ".pay-qr svg")));
            String scanned = read(qr);
            assertThat(Axe.violations(phone.driver())).as("axe-core on the pay code").isEmpty();

            till.signIn(cashier);
            till.open("/till");
            assertThat(till.driver().switchTo().activeElement().getAttribute("id")).as("the amount has the focus")
                    .isEqualTo("amount");
            assertThat(till.driver().findElement(By.tagName("main")).getText()).contains("Brightleaf Market, Fifth"
                    + " Avenue").contains("The balance can't pay for").contains("Other gift cards");
            till.screenshot("till-1280x800");
            assertThat(Axe.violations(till.driver())).as("axe-core on the till").isEmpty();
            assertThat(till.scrollsSideways()).isFalse();
            till.driver().findElement(By.id("amount")).sendKeys("45");
            WebElement code = till.driver().findElement(By.id("code"));
            code.click();
            code.sendKeys(scanned + Keys.ENTER);

            wait(till).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Take $30.00"));
            assertThat(till.driver().findElement(By.tagName("main")).getText())
                    .contains("$15.00 is left to pay another way");
            till.screenshot("till-hold-1280x800");
            assertThat(Axe.violations(till.driver())).as("axe-core on the hold").isEmpty();
            till.driver().findElement(By.cssSelector("form[action$='/take'] button")).click();
            wait(till).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Paid: $30.00"));
            assertThat(till.driver().findElement(By.tagName("main")).getText()).contains("$50.00")
                    .doesNotContain(shopper.email());
            till.screenshot("till-paid-1280x800");
            assertThat(Axe.violations(till.driver())).as("axe-core on the payment").isEmpty();
            till.driver().findElement(By.linkText("Print the receipt")).click();
            wait(till).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".receipt")));
            String receipt = till.driver().findElement(By.cssSelector(".receipt")).getText();
            assertThat(receipt).contains("Brightleaf Market, Fifth Avenue").contains("$30.00").contains("$50.00")
                    .contains("$15.00");
            assertThat(((Number) ((JavascriptExecutor) till.driver()).executeScript(
                    "return document.querySelector('.receipt').getBoundingClientRect().width;")).doubleValue())
                    .as("as wide as an 80 mm receipt roll, not the screen").isLessThan(320);
            till.screenshot("receipt-1280x800");
            assertThat(Axe.violations(till.driver())).as("axe-core on the receipt").isEmpty();

            phone.open("/balance");
            assertThat(phone.driver().findElement(By.tagName("main")).getText())
                    .contains("Purchase at Brightleaf Market, Fifth Avenue").contains("$50.00");
            phone.screenshot("history-after-counter-390x844");
        }
    }

    /**
     * Waits through a page being replaced: an element read while the next page arrives may belong to neither (Chrome's
     * "node does not belong to the document"), which is a moment to wait through, not a failure.
     */
    private static org.openqa.selenium.support.ui.Wait<org.openqa.selenium.WebDriver> wait(Chromium browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class);
    }

    /** What a scanner at the counter reads off the phone's screen. */
    private static String read(WebElement barcode) throws Exception {
        ((JavascriptExecutor) ((org.openqa.selenium.WrapsDriver) barcode).getWrappedDriver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", barcode);
        byte[] png = barcode.getScreenshotAs(OutputType.BYTES);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(
                new ByteArrayInputStream(png)))));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
