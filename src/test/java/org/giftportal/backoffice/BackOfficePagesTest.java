package org.giftportal.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.CaseForms;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Counter;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.GiftForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff pages in a real Chromium on a phone (360), a tablet (820) and a desktop (1280): none scrolls sideways,
 * axe-core finds nothing, the page's own content is the first thing "Skip to main content" reaches (the back office's
 * navigation is outside it), and each is in target/screenshots.
 */
@QuarkusTest
class BackOfficePagesTest {
    private static final int[][] SIZES = {{360, 800}, {820, 1180}, {1280, 800}};
    /** "Within a few Tab presses": after the skip link, the page's first form (or, with none, its first link). */
    private static final int MOST_TABS = 4;
    private static final String MAIN_ACTION = "main form :is(input:not([type=hidden]), select, textarea, button)";
    /** The back office's home is a list of the work waiting: its first link is the page's main action. */
    private static final String WORK_LIST = "main .work-waiting a";

    @Inject
    org.giftportal.webhook.Webhooks webhooks;

    @Inject
    Ledger ledger;

    @Inject
    org.giftportal.redeem.RedemptionService redemptions;

    @Test
    void everyStaffPageFitsAPhoneATabletAndADesktopAndPassesAxe() throws Exception {
        IssuedCard card = TestCards.active("US", 75);
        TestShopper customer = Shoppers.customer("US");
        TestShopper admin = Shoppers.admin();
        String reference;
        String giftOrder;
        try (Browser shopper = Browser.open(); Browser office = Browser.open()) {
            shopper.signIn(customer);
            shopper.redeem(card.code().formatted());
            reference = CaseForms.reference(CaseForms.submit(shopper.open("/support/cases/new"), "OTHER", "", "",
                    "The card I redeemed shows a lower value than printed on it."));
            office.signIn(admin);
            giftOrder = GiftForms.reference(GiftForms.checked(office, "pages-" + System.nanoTime()
                    + "@example.com", "30", "", "Happy birthday!"));
        }
        assertThat(Database.number("SELECT COUNT(*) FROM support_case WHERE reference = ?", reference)).isOne();
        String investigated = investigation(customer);
        heldForReview();
        long account = TestCards.account(customer).id;
        long endpoint = webhookEndpoint();
        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.start(1280, 800)) {
            chromium.signIn(admin);
            check(chromium, problems, new String[][] {{"/backoffice", "backoffice-home"},
                    {"/backoffice/cases", "backoffice-queue"}, {"/backoffice/cases/" + reference, "backoffice-case"},
                    {"/backoffice/cards", "backoffice-cards"},
                    {"/backoffice/cards/" + card.card().cardNumber, "backoffice-card"},
                    {"/backoffice/accounts/" + account, "backoffice-account"},
                    {"/backoffice/mails", "backoffice-mails"}, {"/backoffice/gifts", "backoffice-gifts"},
                    {"/backoffice/gifts/new", "backoffice-gift-new"},
                    {"/backoffice/gifts/orders/" + giftOrder, "backoffice-gift-order"},
                    {"/backoffice/batches", "backoffice-batches"}, {"/backoffice/batches/new", "backoffice-batch-new"},
                    {"/backoffice/approvals", "backoffice-approvals"}, {"/backoffice/audit", "backoffice-audit"},
                    {"/backoffice/reconciliation", "backoffice-money-checks"},
                    {"/backoffice/reviews", "backoffice-reviews"},
                    {"/backoffice/accounts/" + account + "/cases/new", "backoffice-case-for-shopper"},
                    {"/backoffice/cases/" + investigated + "/investigation", "backoffice-investigation"},
                    {"/backoffice/finance", "backoffice-finance"},
                    {"/backoffice/webhooks", "backoffice-webhooks"},
                    {"/backoffice/webhooks/" + endpoint, "backoffice-webhook"},
                    {"/backoffice/finance/US/" + java.time.YearMonth.now(java.time.ZoneId.of("America/New_York")),
                            "backoffice-statement"}});
        }
        TestShopper cashier = Shoppers.cashier("US-NYC-01");
        String payment;
        try (Browser phone = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(customer);
            ledger.recordAdjustment(account, 10_000, "pages test", null);
            till.signIn(cashier);
            payment = Counter.paid(till, phone, "12").getUrl().getPath();
        }
        try (Chromium chromium = Chromium.start(1280, 800)) {
            chromium.signIn(cashier);
            check(chromium, problems, new String[][] {{"/till", "till"}, {payment, "till-payment"}});
        }
        assertThat(problems).isEmpty();
    }

    /** A webhook endpoint to show, which hears nothing (so other tests' statements stay their own). */
    private long webhookEndpoint() throws Exception {
        long id = webhooks.create(new org.giftportal.audit.Actor("pages-" + System.nanoTime(), "Page Admin", null),
                new org.giftportal.webhook.Webhooks.NewEndpoint("store-checkout", "https://hooks.example.com/gift-cards",
                        java.util.Set.of(org.giftportal.webhook.EventType.CARD_EXPIRED), "hooks@example.com", false),
                problem -> {
                    throw new AssertionError(problem);
                }).orElseThrow().endpoint().id;
        Database.update("UPDATE webhook_endpoint SET event_types = 'none' WHERE id = ?", id);
        return id;
    }

    /** A case of the shopper's about a card another account redeemed: one with an investigation. */
    private String investigation(TestShopper victim) throws Exception {
        IssuedCard taken = TestCards.active("US", 60);
        org.giftportal.account.Account taker = org.giftportal.testsupport.TestAccounts.create("US", "USD");
        redemptions.redeem(taker.id, taken.code().formatted(), new org.giftportal.redeem.RedemptionService.Visit(
                "10.28.0.1", "Safari on iOS"), java.util.UUID.randomUUID().toString());
        try (Browser shopper = Browser.open()) {
            shopper.signIn(victim);
            return CaseForms.reference(CaseForms.submit(shopper.open("/support/cases/new"), "ALREADY_REDEEMED",
                    taken.code().formatted(), "", "Someone else redeemed my card."));
        }
    }

    /** A redemption waiting in the review queue: a new account's large card, in the tests' reviewing region. */
    private void heldForReview() {
        org.giftportal.account.Account young = org.giftportal.testsupport.TestAccounts.create("AU", "AUD");
        assertThat(redemptions.redeem(young.id, TestCards.active("AU", 900).code().formatted(),
                new org.giftportal.redeem.RedemptionService.Visit("10.28.0.2", "Chrome on Android"),
                java.util.UUID.randomUUID().toString())).isInstanceOf(
                        org.giftportal.redeem.RedemptionOutcome.HeldForReview.class);
    }

    /** Follow the skip link, then Tab until the page's main action: its work list's first link, or its first form. */
    private static int tabsToMainAction(Chromium chromium) {
        org.openqa.selenium.JavascriptExecutor page = chromium.driver();
        String target = Boolean.TRUE.equals(page.executeScript("return !!document.querySelector(arguments[0]);",
                WORK_LIST)) ? WORK_LIST : MAIN_ACTION;
        if (!Boolean.TRUE.equals(page.executeScript("return !!document.querySelector(arguments[0]);", target))) {
            return 0;
        }
        // From the skip link, the first stop of a keyboard user (a page's autofocus may have moved on already).
        page.executeScript("document.querySelector('.skip-link').focus();");
        new org.openqa.selenium.interactions.Actions(chromium.driver()).sendKeys(org.openqa.selenium.Keys.ENTER)
                .perform();
        for (int presses = 1; presses <= 20; presses++) {
            new org.openqa.selenium.interactions.Actions(chromium.driver()).sendKeys(org.openqa.selenium.Keys.TAB)
                    .perform();
            if (Boolean.TRUE.equals(page.executeScript("return document.activeElement.matches(arguments[0]);",
                    target))) {
                return presses;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static void check(Chromium chromium, List<String> problems, String[][] pages) throws Exception {
        for (int[] size : SIZES) {
            chromium.resize(size[0], size[1]);
            for (String[] page : pages) {
                chromium.open(page[0]);
                String where = page[0] + " at " + size[0] + " px";
                Path shot = chromium.screenshot(page[1] + "-" + size[0] + "x" + size[1]);
                assertThat(Files.size(shot)).isPositive();
                if (chromium.scrollsSideways()) {
                    problems.add("sideways scrolling on " + where + ", widest: " + chromium.driver().executeScript(
                            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                            + ".right > document.documentElement.clientWidth + 1).filter(e => ![...e.children].some(c => c.getBoundingClientRect()"
                            + ".right > document.documentElement.clientWidth + 1)).concat([...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1"
                            + " && getComputedStyle(e).overflowX === 'visible')).slice(0, 3).map(e => e.tagName + '.'"
                            + " + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"));
                }
                Axe.violations(chromium.driver()).forEach(violation -> problems.add(where + ": " + violation));
                List<WebElement> inStaffNav = chromium.driver().findElements(By.cssSelector("main .staff-nav"));
                if (!inStaffNav.isEmpty()) {
                    problems.add(where + ": the back office's navigation is inside the page's main content");
                }
                if (size[0] == 1280) {
                    int presses = tabsToMainAction(chromium);
                    if (presses > MOST_TABS) {
                        problems.add(where + ": the page's main action takes " + presses + " Tab presses after"
                                + " \"Skip to main content\"");
                    }
                }
            }
        }
    }
}
