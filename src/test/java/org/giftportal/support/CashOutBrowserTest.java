package org.giftportal.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.giftportal.account.Account;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A shopper's rights and a small balance paid in cash, end to end at phone size: in the tests the US region follows
 * California's law (a balance under 10 dollars is paid in cash on request). The shopper reads their rights on the
 * balance and card check pages, asks for their 7.50 in cash; an admin pays it by bank transfer on the case; the
 * shopper's history shows the pay-out and the balance is empty; the ledger entry says how it was paid.
 */
@QuarkusTest
class CashOutBrowserTest {

    @Inject
    Ledger ledger;

    @Inject
    MoneyChecks moneyChecks;

    @Test
    void aShopperAsksForASmallBalanceInCashAndStaffPayItOut() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Chromium phone = Chromium.start(360, 780); Chromium staff = Chromium.start(390, 844)) {
            phone.signIn(shopper);
            Account account = TestCards.account(shopper);
            QuarkusTransaction.requiringNew().run(() -> {
                ledger.recordAdjustment(account.id, 2_500, "Welcome credit", "GC-TESTCASE");
                ledger.recordPurchase(account.id, 1_750, "order-cash-" + account.id);
            });

            phone.open("/cards/check");
            assertThat(main(phone)).contains("Your rights").contains("Gift cards for the United States never expire")
                    .contains("We never take fees")
                    .contains("Under California law, once a card is in your balance, you can ask for the"
                            + " balance in cash while it is under $10.00.");

            phone.open("/balance");
            assertThat(main(phone)).contains("Your balance itself doesn't expire")
                    .contains("you can ask for your balance in cash while it is under $10.00");
            assertThat(Axe.violations(phone.driver())).as("axe-core on the balance page with its rights").isEmpty();
            phone.driver().findElement(By.linkText("Ask for this balance in cash")).click();
            waitFor(phone, "h1", "Ask for your balance in cash");
            assertThat(main(phone)).contains("Your balance is $7.50");
            phone.driver().findElement(By.cssSelector("form[action='/support/cash'] button")).click();
            waitFor(phone, "#problem", "Choose how you'd like us to pay you");
            phone.driver().findElement(By.cssSelector("input[name='paidBy'][value='BANK_TRANSFER']")).click();
            assertThat(Axe.violations(phone.driver())).as("axe-core on the cash request").isEmpty();
            phone.screenshot("cash-request-360x780");
            phone.driver().findElement(By.cssSelector("form[action='/support/cash'] button")).click();
            new WebDriverWait(phone.driver(), Duration.ofSeconds(10)).ignoring(
                    org.openqa.selenium.WebDriverException.class).until(ExpectedConditions.urlMatches(
                    "/support/cases/GC-"));
            String reference = phone.driver().getCurrentUrl().replaceAll(".*/support/cases/([A-Z0-9-]+).*", "$1");
            assertThat(main(phone)).contains("Please pay my balance of $7.50 in cash, by bank transfer.");

            staff.signIn(Shoppers.admin());
            staff.open("/backoffice/cases/" + reference);
            staff.driver().findElement(By.linkText("Pay the balance out in cash")).click();
            waitFor(staff, "h1", "Pay the balance out in cash");
            assertThat(staff.driver().findElement(By.id("amount")).getAttribute("value")).isEqualTo("7.50");
            new Select(staff.driver().findElement(By.id("paidBy"))).selectByValue("BANK_TRANSFER");
            staff.driver().findElement(By.id("payoutReference")).sendKeys("TRF-2026-0042");
            staff.driver().findElement(By.id("reason")).sendKeys("Shopper asked for a balance under 10 dollars.");
            assertThat(Axe.violations(staff.driver())).as("axe-core on the pay-out form").isEmpty();
            staff.driver().findElement(By.cssSelector("form[action$='/cash-out'] button")).click();
            new WebDriverWait(staff.driver(), Duration.ofSeconds(15)).ignoring(
                    org.openqa.selenium.WebDriverException.class).until(ExpectedConditions.urlContains("done=1"));
            assertThat(main(staff)).contains("the pay-out is in the shopper's history");

            phone.open("/balance");
            assertThat(main(phone)).contains("Paid out in cash: Bank transfer").contains("Case " + reference)
                    .contains("$0.00").doesNotContain("Ask for this balance in cash");
        }
        assertThat(Database.text("SELECT CONCAT(entry_type, ' ', amount_minor, ' ', paid_by, ' ', payout_reference)"
                + " FROM ledger_entry WHERE account_id = (SELECT id FROM account WHERE subject = ?) AND entry_type ="
                + " 'CASH_OUT'", shopper.keycloakId())).isEqualTo("CASH_OUT -750 BANK_TRANSFER TRF-2026-0042");
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }

    private static void waitFor(Chromium browser, String selector, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
    }

    private static String main(Chromium browser) {
        return browser.driver().findElement(By.tagName("main")).getText();
    }
}
