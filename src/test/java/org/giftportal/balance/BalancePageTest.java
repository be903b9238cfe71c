package org.giftportal.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTableRow;
import org.junit.jupiter.api.Test;

/** The balance page: balance and totals, the history in pages, filters, and who may see what. */
@QuarkusTest
class BalancePageTest {

    @Inject
    Ledger ledger;

    @Inject
    TestClock clock;


    @Test
    void shopperWithNothingYetSeesAFriendlyWayToRedeem() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = browser.open("/balance");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.asNormalizedText()).contains("$0.00").contains("Nothing here yet");
            assertThat(page.<HtmlAnchor>getFirstByXPath("//section[contains(@class,'empty-state')]//a")
                    .getHrefAttribute()).isEqualTo("/redeem");
        }
    }

    @Test
    void balanceTotalsAndHistoryAddUpNewestFirst() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            IssuedCard card = TestCards.active("US", 100);
            browser.redeem(card.code().formatted());
            long id = TestCards.account(shopper).id;
            ledger.recordPurchase(id, 3_499, "W-1001");
            ledger.recordRefund(id, 1_000, "W-1001");
            ledger.recordAdjustment(id, 250, "goodwill credit", null);

            HtmlPage page = browser.open("/balance");

            String text = page.asNormalizedText().replaceAll("\\s+", " ");
            assertThat(text).contains("$77.51").contains("Redeemed in total $100.00").contains("Spent in total $24.99");
            List<String> rows = historyRows(page);
            assertThat(rows).hasSize(4);
            assertThat(rows.get(0)).contains("Adjustment by customer support: goodwill credit").contains("+$2.50")
                    .endsWith("$77.51");
            assertThat(rows.get(1)).contains("Refund").contains("Order W-1001").contains("+$10.00");
            assertThat(rows.get(2)).contains("Purchase").contains("−$34.99").endsWith("$65.01");
            assertThat(rows.get(3)).contains("Gift card redeemed").contains("••••-••••••-•" + card.code().lastFour())
                    .contains("+$100.00");
            assertThat(page.asXml()).doesNotContain(card.code().formatted());
            Account account = TestCards.account(shopper);
            assertThat(account.balanceMinor).isEqualTo(7_751).isEqualTo(TestCards.ledgerSum(account.id));
        }
    }

    @Test
    void amountsAreFormattedForTheShoppersRegion() {
        TestShopper indian = Shoppers.customer("IN");
        try (Browser browser = Browser.open()) {
            browser.signIn(indian);
            browser.redeem(TestCards.active("IN", 10_000).code().formatted());
            ledger.recordAdjustment(TestCards.account(indian).id, 9_000_000, "festival bonus", null);

            String text = browser.open("/balance").asNormalizedText();

            assertThat(text).contains("₹1,00,000.00").contains("+₹90,000.00").contains("₹10,000.00");
        }
    }

    @Test
    void pagesOfTwentyStayPutWhileNewEntriesArrive() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            long id = TestCards.account(shopper).id;
            for (int i = 1; i <= 45; i++) {
                ledger.recordAdjustment(id, 100, "entry " + i, null);
            }

            HtmlPage first = browser.open("/balance");
            assertThat(historyRows(first)).hasSize(20);
            assertThat(historyRows(first).get(0)).contains("entry 45");
            assertThat(historyRows(first).get(19)).contains("entry 26");
            assertThat(link(first, "Newer activity")).isNull();

            HtmlPage second = browser.open(link(first, "Older activity"));
            for (int i = 46; i <= 50; i++) {
                ledger.recordAdjustment(id, 100, "entry " + i, null);
            }
            assertThat(historyRows(second).get(0)).contains("entry 25");
            HtmlPage third = browser.open(link(second, "Older activity"));
            assertThat(historyRows(third)).hasSize(5);
            assertThat(historyRows(third).get(4)).contains("entry 1 +$1.00").endsWith("$1.00");
            assertThat(link(third, "Older activity")).isNull();

            HtmlPage backToSecond = browser.open(link(third, "Newer activity"));
            assertThat(historyRows(backToSecond)).isEqualTo(historyRows(second));
            HtmlPage backToFirst = browser.open(link(backToSecond, "Newer activity"));
            assertThat(historyRows(backToFirst)).isEqualTo(historyRows(first));
            assertThat(historyRows(browser.open(link(backToFirst, "Newer activity")))).hasSize(5)
                    .first().asString().contains("entry 50");
        }
    }

    @Test
    void filtersByTypeAndByDatesInclusive() {
        TestShopper shopper = Shoppers.customer("GB");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            long id = TestCards.account(shopper).id;
            clock.advance(Duration.ofDays(-10));
            ledger.recordAdjustment(id, 5_000, "opening", null);
            clock.advance(Duration.ofDays(2));
            ledger.recordPurchase(id, 1_000, "EARLY");
            clock.advance(Duration.ofDays(3));
            ledger.recordPurchase(id, 1_000, "MIDDLE");
            clock.reset();
            ledger.recordPurchase(id, 1_000, "TODAY");
            String middleDay = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).minusDays(5).toString();

            HtmlPage purchases = browser.open("/balance?type=PURCHASE");
            assertThat(historyRows(purchases)).hasSize(3).allMatch(row -> row.contains("Purchase"));

            HtmlPage oneDay = browser.open("/balance?type=PURCHASE&from=" + middleDay + "&to=" + middleDay);
            assertThat(historyRows(oneDay)).hasSize(1).first().asString().contains("MIDDLE");
            assertThat(oneDay.asNormalizedText()).contains("Clear");

            HtmlPage bad = browser.open("/balance?from=25/11/2026");
            assertThat(bad.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(bad.asNormalizedText()).contains("The 'from' date isn't a date");
            HtmlPage backwards = browser.open("/balance?from=2026-11-20&to=2026-11-01");
            assertThat(backwards.asNormalizedText()).contains("The 'from' date is after the 'to' date")
                    .contains("Below is all your activity, unfiltered");
            assertThat(backwards.getElementById("from").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(backwards.getElementById("to").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(backwards.getElementById("to").getAttribute("aria-describedby")).contains("problem");
            assertThat(bad.getElementById("from").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(bad.getElementById("to").hasAttribute("aria-invalid")).as("only the bad field").isFalse();
            assertThat(oneDay.asNormalizedText()).as("the date picker shows its own format").doesNotContain(
                    "year-month-day");
            HtmlPage unknownType = browser.open("/balance?type=CASHBACK");
            assertThat(unknownType.getWebResponse().getStatusCode()).isEqualTo(400);
            HtmlPage farFuture = browser.open("/balance?to=%2B999999999-12-31");
            assertThat(farFuture.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(farFuture.asNormalizedText()).contains("The 'to' date isn't a date between 2000 and 2100");
            HtmlPage mangledLink = browser.open("/balance?before=999999999999999999.1");
            assertThat(mangledLink.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(mangledLink.asNormalizedText()).contains("That page link doesn't work any more");
            HtmlPage mangledFilteredLink = browser.open("/balance?type=PURCHASE&before=999999999999999999.1");
            assertThat(mangledFilteredLink.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(mangledFilteredLink.asNormalizedText()).contains("That page link doesn't work any more");
            assertThat(historyRows(mangledFilteredLink)).as("the filter still applies")
                    .hasSize(3).allMatch(row -> row.contains("Purchase"));
            HtmlPage badFilter = browser.open("/balance?type=CASHBACK");
            assertThat(historyRows(badFilter)).as("all activity under the message").hasSize(4);
            assertThat(badFilter.getAnchorByText("Download history (CSV)").getHrefAttribute())
                    .isEqualTo("/balance/history.csv");
        }
    }

    @Test
    void csvDownloadHasAHeaderPlainDecimalsIsoDatesAndKeepsTheFilter() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            IssuedCard card = TestCards.active("US", 50);
            browser.redeem(card.code().formatted());
            long id = TestCards.account(shopper).id;
            ledger.recordPurchase(id, 1_250, "W-2002");
            ledger.recordAdjustment(id, -100, "=HYPERLINK(\"x\"), please", null);

            String all = download(browser, "/balance/history.csv");
            String purchases = download(browser, "/balance/history.csv?type=PURCHASE");

            List<String> lines = all.lines().toList();
            assertThat(lines.get(0)).isEqualTo("date,local_time,time_zone,type,description,card_last4,reference,"
                    + "amount,balance_after,currency");
            assertThat(lines).hasSize(4);
            assertThat(lines.get(1)).as("UTC and New York time, whole seconds").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:"
                    + "\\d\\d:\\d\\dZ,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,America/New_York,ADJUSTMENT,.*")
                    .contains("\"Adjustment by customer support: =HYPERLINK(\"\"x\"\"), please\"")
                    .endsWith(",-1.00,36.50,USD");
            assertThat(lines.get(2)).contains(",PURCHASE,Purchase,,W-2002,-12.50,37.50,USD");
            assertThat(lines.get(3)).contains(",REDEMPTION,Gift card redeemed," + card.code().lastFour() + ",,50.00,50.00,USD")
                    .doesNotContain(card.code().formatted());
            assertThat(purchases.lines().toList()).hasSize(2);
        }
    }

    @Test
    void aShopperSeesOnlyTheirOwnBalanceHistoryAndExport() throws Exception {
        TestShopper alice = Shoppers.customer("US");
        TestShopper bob = Shoppers.customer("US");
        try (Browser aliceBrowser = Browser.open(); Browser bobBrowser = Browser.open()) {
            aliceBrowser.signIn(alice);
            bobBrowser.signIn(bob);
            ledger.recordAdjustment(TestCards.account(alice).id, 4_242, "alice only", null);
            ledger.recordAdjustment(TestCards.account(bob).id, 1_111, "bob only", null);

            HtmlPage alicePage = aliceBrowser.open("/balance");
            HtmlPage bobPage = bobBrowser.open("/balance");
            String bobCsv = download(bobBrowser, "/balance/history.csv");

            assertThat(alicePage.asNormalizedText()).contains("$42.42").contains("alice only").doesNotContain("bob only");
            assertThat(bobPage.asNormalizedText()).contains("$11.11").contains("bob only").doesNotContain("alice only")
                    .doesNotContain("$42.42");
            assertThat(bobCsv).contains("bob only").doesNotContain("alice only");
        }
    }

    static String download(Browser browser, String path) throws Exception {
        org.htmlunit.Page page = browser.client().getPage(new java.net.URL(browser.open("/balance").getUrl(), path));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentType()).isEqualTo("text/csv");
        assertThat(page.getWebResponse().getResponseHeaderValue("Content-Disposition")).startsWith("attachment;")
                .as("a filtered download says so in its name").contains(path.contains("?") ? "-filtered.csv" : "-")
                .matches(path.contains("?") ? ".*" : ".*history-\\d{4}-\\d\\d-\\d\\d\\.csv.*");
        return page.getWebResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> historyRows(HtmlPage page) {
        List<String> rows = new ArrayList<>();
        for (DomNode node : page.querySelectorAll("table.history tbody tr")) {
            rows.add(((HtmlTableRow) node).asNormalizedText().replaceAll("\\s+", " ").strip());
        }
        return rows;
    }

    private static String link(HtmlPage page, String text) {
        return page.getAnchors().stream().filter(anchor -> anchor.asNormalizedText().contains(text))
                .map(HtmlAnchor::getHrefAttribute).findFirst().orElse(null);
    }
}
