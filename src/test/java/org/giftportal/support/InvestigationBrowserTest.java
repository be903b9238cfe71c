package org.giftportal.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The investigation end to end, in three real browsers: a scammer redeems a shopper's card; the shopper finds it
 * redeemed, asks the retailer to look into it from the outcome page, and opens a case; an admin investigates it,
 * freezes the scammer's account, takes back what is left, reissues the value as a new card and closes the case; the
 * shopper reads the outcome and redeems the new card. The money checks hold at the end.
 */
@QuarkusTest
class InvestigationBrowserTest {
    private static final Pattern CODE = Pattern.compile("Claim code: ([0-9A-Z-]{17})");

    @Inject
    MockMailbox mailbox;

    @Inject
    MoneyChecks moneyChecks;

    @Inject
    org.giftportal.redeem.RedemptionService redemptions;

    @Test
    void aCardRedeemedBySomeoneElseIsInvestigatedFrozenClawedBackAndReissued() throws Exception {
        TestShopper victim = Shoppers.customer("US");
        TestShopper scammer = Shoppers.customer("US");
        IssuedCard card = TestCards.active("US", 80);
        try (Chromium scam = Chromium.start(390, 844); Chromium own = Chromium.start(390, 844);
                Chromium staff = Chromium.start(1280, 900)) {
            scam.signIn(scammer);
            redeem(scam, card.code().formatted());
            waitFor(scam, "h1", "$80.00 added to your balance");

            own.signIn(victim);
            redeem(own, card.code().formatted());
            waitFor(own, "#problem-title", "This card was redeemed to another account");
            own.driver().findElement(By.linkText("Ask us to look into who redeemed it")).click();
            waitFor(own, "h1", "");
            own.driver().findElement(By.id("cardCode")).sendKeys(card.code().formatted());
            own.driver().findElement(By.id("description")).sendKeys("I bought this card for my nephew and someone"
                    + " on the phone asked me to read out the code.");
            own.driver().findElement(By.cssSelector("form[action='/support/cases'] button[type='submit']")).click();
            new WebDriverWait(own.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(
                    "/support/cases/GC-"));
            String reference = own.driver().getCurrentUrl().replaceAll(".*/support/cases/([A-Z0-9-]+).*", "$1");

            staff.signIn(Shoppers.admin());
            staff.open("/backoffice/cases/" + reference);
            staff.driver().findElement(By.linkText("Investigate: redeemed by another account")).click();
            waitFor(staff, "h1", "redeemed by someone else");
            String facts = main(staff);
            assertThat(facts).contains(scammer.email()).contains("$80.00").contains("Not frozen")
                    .contains("Redeemed from network");
            assertThat(facts).as("the victim's typed code is never shown").doesNotContain(card.code().formatted());
            assertThat(Axe.violations(staff.driver())).as("axe-core on the investigation").isEmpty();
            staff.screenshot("investigation-1280x900");

            act(staff, "freeze", "The card's buyer says a caller on the phone took the code.");
            waitFor(staff, ".alert", "Account frozen");
            act(staff, "clawback", "Unspent value of a card taken by a phone scam.");
            waitFor(staff, ".alert", "taken back");
            staff.driver().findElement(By.cssSelector("input[name='as'][value='CARD']")).click();
            act(staff, "reissue", "Receipt checked: the shopper bought the card.");
            waitFor(staff, ".alert", "reissued");
            assertThat(main(staff)).contains("Frozen for case " + reference);
            staff.driver().findElement(By.id("close-text")).sendKeys("We found that someone else redeemed your card."
                    + " We've taken its value back from their account and sent you a new card worth the same.");
            staff.driver().findElement(By.cssSelector("form[action$='/resolve'] button")).click();
            new WebDriverWait(staff.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains("done=resolve"));

            Mail mail = Mailbox.awaitFirst(mailbox, victim.email(), "Your replacement Brightleaf Market gift card");
            Matcher code = CODE.matcher(mail.getText());
            assertThat(code.find()).isTrue();
            assertThat(mail.getText()).contains("$80.00").contains(reference);

            own.open("/support/cases/" + reference);
            assertThat(main(own)).contains("sent you a new card worth the same")
                    .doesNotContain(scammer.email());
            redeem(own, code.group(1));
            waitFor(own, "h1", "$80.00 added to your balance");

            scam.open("/balance");
            assertThat(main(scam)).contains("can't be used to pay right now")
                    .contains("Gift card value returned to its owner").contains("$0.00");
            assertThat(Axe.violations(scam.driver())).as("axe-core on a frozen balance").isEmpty();
            scam.open("/pay");
            assertThat(main(scam)).contains("can't be used to pay right now");
            assertThat(scam.driver().findElements(By.cssSelector(".pay-form"))).as("no pay code offered").isEmpty();
        }
        long taker = Database.number("SELECT id FROM account WHERE subject = ?", scammer.keycloakId());
        assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE (target_type = 'ACCOUNT'"
                + " AND target_id = ?) OR (target_type = 'CARD' AND target_id = ?)", taker, card.card().id))
                .as("each step audited").isEqualTo("account.freeze,clawback.done,reissue.done");
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }

    @Test
    void supportOpensACaseForAShopperWhoCalledAndFreezesTheAccountThatTookTheirCard() throws Exception {
        TestShopper victim = Shoppers.customer("US");
        IssuedCard card = TestCards.active("US", 45);
        org.giftportal.account.Account taker = org.giftportal.testsupport.TestAccounts.create("US", "USD");
        redemptions.redeem(taker.id, card.code().formatted(), new org.giftportal.redeem.RedemptionService.Visit(
                "10.31.0.1", "Chrome on Windows"), java.util.UUID.randomUUID().toString());
        try (org.giftportal.testsupport.Browser own = org.giftportal.testsupport.Browser.open();
                org.giftportal.testsupport.Browser support = org.giftportal.testsupport.Browser.open()) {
            own.signIn(victim);
            long account = Database.number("SELECT id FROM account WHERE subject = ?", victim.keycloakId());
            support.signIn(Shoppers.support());
            org.htmlunit.html.HtmlPage form = support.open("/backoffice/accounts/" + account + "/cases/new");
            org.htmlunit.html.HtmlPage refused = org.giftportal.testsupport.Forms.send(form, "/cases/new",
                    java.util.Map.of("topic", "ALREADY_REDEEMED", "cardCode", card.code().formatted(), "description",
                    "Called us: someone redeemed the card her aunt gave her."));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("a claim code is the shopper's secret");

            org.htmlunit.html.HtmlPage opened = org.giftportal.testsupport.Forms.send(refused, "/cases/new",
                    java.util.Map.of("topic", "ALREADY_REDEEMED", "cardCode", card.card().formattedCardNumber(),
                            "description", "Called us: someone redeemed the card her aunt gave her."));
            assertThat(opened.asNormalizedText()).contains("Case opened for")
                    .contains("Investigate: redeemed by another account");
            String reference = opened.getUrl().getPath().replaceAll(".*/cases/", "");
            org.htmlunit.html.HtmlPage investigation = support.open("/backoffice/cases/" + reference
                    + "/investigation");
            assertThat(investigation.asNormalizedText()).contains("Not frozen").contains("need an admin")
                    .doesNotContain("Take the value back");
            org.htmlunit.html.HtmlPage frozen = org.giftportal.testsupport.Forms.send(investigation,
                    "/investigation/freeze", java.util.Map.of("reason", "The shopper called: her card was taken."));
            assertThat(frozen.asNormalizedText()).contains("Account frozen");
            assertThat(own.open("/support/cases/" + reference).asNormalizedText())
                    .contains("Called us: someone redeemed the card").doesNotContain(taker.email);
        }
        assertThat(org.giftportal.testsupport.TestAccounts.reload(taker).isFrozen()).isTrue();
        assertThat(Database.text("SELECT action FROM audit_log WHERE action = 'case.open-for-shopper' AND target_label"
                + " = (SELECT reference FROM support_case WHERE card_number = ?)", card.card().cardNumber))
                .isEqualTo("case.open-for-shopper");
    }

    private static void redeem(Chromium browser, String code) {
        browser.open("/redeem");
        WebElement field = browser.driver().findElement(By.id("claimCode"));
        field.clear();
        field.sendKeys(code);
        browser.driver().findElement(By.cssSelector(".redeem-form button")).click();
    }

    private static void act(Chromium staff, String action, String reason) {
        staff.driver().findElement(By.id(action + "-reason")).sendKeys(reason);
        staff.driver().findElement(By.cssSelector("form[action$='/investigation/" + action + "'] button")).click();
        new WebDriverWait(staff.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.urlContains("done=" + action));
    }

    /** Until the element shows the text; a page still loading (its old nodes going) is waited out too. */
    private static void waitFor(Chromium browser, String selector, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
    }

    private static String main(Chromium browser) {
        return browser.driver().findElement(By.tagName("main")).getText();
    }
}
