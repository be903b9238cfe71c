package org.giftportal.pay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Counter;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The till at the counter, through its pages: a cashier of a store scans a shopper's pay code, takes what the
 * balance can pay (at most the shopper's maximum and the available balance), prints a receipt, refunds, activates a
 * card sold; wrong codes lock the till; a code pays once; a double tap charges once; another store sees nothing.
 */
@QuarkusTest
class TillTest {
    private static final String STORE = "US-NYC-01";

    @Inject
    Ledger ledger;

    @Inject
    TestClock clock;

    @Inject
    MockMailbox mailbox;


    @Test
    void aCashierTakesPartOfTheBalanceThenTheShopperHasAReceiptByEmailAndInTheirHistory() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier(STORE);
        try (Browser phone = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 5_000);
            String code = Counter.payCode(phone, "40");
            till.signIn(cashier);

            HtmlPage held = Counter.charge(till, code, "60");

            assertThat(held.getUrl().getPath()).startsWith("/till/payments/");
            assertThat(held.asNormalizedText()).contains("Take $40.00 from the balance?")
                    .contains("$20.00 is left to pay another way").doesNotContain(shopper.email())
                    .doesNotContain(shopper.firstName());
            assertThat(available(account)).as("held, not taken yet").isEqualTo(1_000);
            assertThat(balance(account)).isEqualTo(5_000);

            HtmlPage paid = Forms.send(held, "/take", Map.of());

            assertThat(paid.asNormalizedText()).contains("Paid: $40.00").contains("Brightleaf Market, Fifth Avenue")
                    .contains("Balance left").contains("$10.00").contains("Receipt")
                    .contains("Take the other $20.00 another way").doesNotContain(code);
            // A receipt in the shopper's words: no account or ledger numbers.
            assertThat(paid.asNormalizedText()).doesNotContain("Ledger").doesNotContain("Balance •••• ")
                    .doesNotContain("Account");
            assertThat(balance(account)).isEqualTo(1_000);
            assertThat(available(account)).isEqualTo(1_000);
            HtmlPage printable = till.open(paid.getUrl().getPath() + "/receipt");
            assertThat(printable.asNormalizedText()).contains("$40.00").contains("Brightleaf Market, Fifth Avenue")
                    .doesNotContain("Ledger");

            HtmlPage history = phone.open("/balance");
            assertThat(history.asNormalizedText()).contains("Purchase at Brightleaf Market, Fifth Avenue");
            Mail receipt = Mailbox.awaitFirst(mailbox, shopper.email(),
                    "Your receipt: $40.00 paid at Brightleaf Market, Fifth Avenue");
            assertThat(receipt.getText()).contains("$10.00").contains("Paid another way:   $20.00")
                    .doesNotContain("Ledger");
            assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE actor_subject = ?",
                    cashier.keycloakId())).isEqualTo("till-hold,till-payment");

            HtmlPage again = Counter.charge(till, code, "5");
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(again.asNormalizedText()).contains("This pay code has been used");
            assertThat(balance(account)).as("a code pays once").isEqualTo(1_000);
        }
    }

    @Test
    void theWholeBalanceIsCappedByWhatIsAvailableAndADoubleTapChargesOnce() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier(STORE);
        try (Browser phone = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 2_500);
            String code = Counter.payCode(phone, "");
            till.signIn(cashier);
            String cookies = RawForms.cookieHeader(till);
            Map<String, String> form = Map.of("csrf-token", till.csrfToken(), "attempt", UUID.randomUUID().toString(),
                    "amount", "", "whole", "yes", "code", code);

            List<HttpResponse<Void>> holds = Race.twice(() -> RawForms.answer(cookies, "/till/payments", form));

            assertThat(holds).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(303));
            String payment = holds.get(0).headers().firstValue("Location").orElseThrow();
            assertThat(holds.get(1).headers().firstValue("Location")).contains(payment);
            String path = java.net.URI.create(payment).getPath();
            assertThat(till.open(path).asNormalizedText()).contains("Take $25.00")
                    .contains("The balance covers the whole amount");

            // The token read once, before the race: a browser (HtmlUnit) is not for two threads at once.
            String token = till.csrfToken();
            List<Integer> takes = Race.twice(() -> RawForms.post(cookies, path + "/take", Map.of("csrf-token",
                    token)));

            assertThat(takes).containsOnly(303);
            assertThat(balance(account)).as("taken once").isZero();
            assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE account_id = ? AND entry_type ="
                    + " 'PURCHASE'", account)).isEqualTo(1);
        }
    }

    @Test
    void wrongCodesLockTheTillAndExpiredOrForeignCodesTakeNothing() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper british = Shoppers.customer("GB");
        TestShopper cashier = Shoppers.cashier(STORE);
        try (Browser phone = Browser.open(); Browser abroad = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(shopper);
            abroad.signIn(british);
            long account = fund(shopper, 3_000);
            fund(british, 3_000);
            till.signIn(cashier);

            String stale = Counter.payCode(phone, "");
            clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            assertThat(Counter.charge(till, stale, "10").asNormalizedText()).contains("This pay code has run out");
            clock.reset();
            assertThat(Counter.charge(till, Counter.payCode(abroad, ""), "10").asNormalizedText())
                    .contains("This balance is in GBP and this store takes USD");
            assertThat(Counter.charge(till, "", "10").asNormalizedText()).contains("Scan the shopper's pay code");
            assertThat(Counter.charge(till, Counter.payCode(phone, ""), "ten").asNormalizedText())
                    .contains("Type the amount the balance should pay");

            assertThat(Counter.charge(till, TestCards.active("US", 25).card().cardNumber, "10").asNormalizedText())
                    .contains("That is a gift card's number");
            assertThat(Counter.charge(till, "ABCD-EFGHJK-LMNP", "10").asNormalizedText()).contains("A pay code is 12 digits");
            for (int miss = 1; miss < 5; miss++) {
                assertThat(Counter.charge(till, "1234 5678 9012", "10").asNormalizedText()).contains("That isn't a pay code");
            }
            HtmlPage locked = Counter.charge(till, "1234 5678 9013", "10");
            assertThat(locked.asNormalizedText()).contains("Too many wrong pay codes");
            HtmlPage evenARealCode = Counter.charge(till, Counter.payCode(phone, ""), "10");
            assertThat(evenARealCode.asNormalizedText()).contains("Too many wrong pay codes");
            assertThat(till.open("/till").asNormalizedText()).contains("this till takes no pay codes until");
            assertThat(balance(account)).isEqualTo(3_000);
            assertThat(available(account)).as("nothing held").isEqualTo(3_000);

            clock.advance(Duration.ofMinutes(16));
            assertThat(Counter.charge(till, Counter.payCode(phone, ""), "10").getUrl().getPath()).as("open again")
                    .startsWith("/till/payments/");
        }
    }

    @Test
    void aCancelledPaymentGivesTheHoldBackAndCanNoLongerBeTaken() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier(STORE);
        try (Browser phone = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 3_000);
            till.signIn(cashier);
            HtmlPage held = Counter.charge(till, Counter.payCode(phone, ""), "12.50");
            assertThat(available(account)).isEqualTo(1_750);
            long hold = Database.number("SELECT hold_id FROM till_payment WHERE account_id = ?", account);
            // The store's checkout (another client of the store API) can neither see nor touch the till's hold.
            org.giftportal.testsupport.StoreClients.checkout().get("/api/v1/holds/" + hold).then().statusCode(404);
            org.giftportal.testsupport.StoreClients.checkout().post("/api/v1/holds/" + hold + "/capture").then()
                    .statusCode(404).contentType("application/problem+json");
            org.giftportal.testsupport.StoreClients.checkout().post("/api/v1/holds/" + hold + "/void").then()
                    .statusCode(404);
            assertThat(available(account)).isEqualTo(1_750);
            assertThat(balance(account)).isEqualTo(3_000);

            HtmlPage cancelled = Forms.send(held, "/cancel", Map.of());
            HtmlPage takeAfterwards = till.postForm(held.getUrl().getPath() + "/take", Map.of());

            assertThat(cancelled.asNormalizedText()).contains("Cancelled: nothing was taken");
            assertThat(takeAfterwards.getWebResponse().getStatusCode()).isEqualTo(409);
            assertThat(takeAfterwards.asNormalizedText()).contains("This payment was cancelled");
            assertThat(available(account)).isEqualTo(3_000);
            assertThat(balance(account)).isEqualTo(3_000);
        }
    }

    @Test
    void refundsNeverExceedThePaymentAndAboveTheLimitASecondCashierApproves() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier(STORE);
        TestShopper colleague = Shoppers.cashier(STORE);
        TestShopper elsewhere = Shoppers.cashier("GB-LON-01");
        try (Browser phone = Browser.open(); Browser till = Browser.open(); Browser second = Browser.open();
                Browser london = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 20_000);
            till.signIn(cashier);
            HtmlPage paid = Forms.send(Counter.charge(till, Counter.payCode(phone, ""), "150"), "/take", Map.of());
            String path = paid.getUrl().getPath();
            assertThat(balance(account)).isEqualTo(5_000);

            HtmlPage small = Forms.send(paid, "/refunds", Map.of("amount", "20", "reason", "Returned a scarf"));
            assertThat(small.asNormalizedText()).contains("Refunded").contains("Returned a scarf")
                    .contains("Up to $130.00 can still be refunded");
            assertThat(balance(account)).isEqualTo(7_000);
            Map<String, String> sentTwice = Map.of("csrf-token", till.csrfToken(), "key", UUID.randomUUID().toString(),
                    "amount", "5", "reason", "Returned socks");
            String cookies = RawForms.cookieHeader(till);
            assertThat(Race.twice(() -> RawForms.post(cookies, path + "/refunds", sentTwice))).containsOnly(303);
            assertThat(balance(account)).as("a form sent twice refunds once").isEqualTo(7_500);
            HtmlPage tooMuch = Forms.send(till.open(path), "/refunds", Map.of("amount", "126", "reason", "Everything"));
            assertThat(tooMuch.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(tooMuch.asNormalizedText()).contains("At most $125.00 of this payment can still be refunded");

            HtmlPage asked = Forms.send(small, "/refunds", Map.of("amount", "120", "reason", "Returned a coat"));
            assertThat(asked.asNormalizedText()).contains("Waiting for a second person");
            assertThat(balance(account)).as("not before approval").isEqualTo(7_500);
            long refund = Database.number("SELECT id FROM value_request WHERE reason = 'Returned a coat' AND"
                    + " requested_by_subject = ?", cashier.keycloakId());
            HtmlPage self = till.postForm("/till/requests/" + refund + "/approve", Map.of("version", "0"));
            assertThat(self.asNormalizedText()).contains("You asked for this yourself: another person of the store"
                    + " must decide it");
            assertThat(Forms.form(till.open("/till"), "/till/requests/" + refund + "/withdraw")).as("the asker may"
                    + " withdraw it").isNotNull();
            assertThat(balance(account)).isEqualTo(7_500);

            london.signIn(elsewhere);
            assertThat(london.postForm("/till/requests/" + refund + "/approve", Map.of("version", "0"))
                    .asNormalizedText()).contains("There is no such request waiting at this store");
            assertThat(london.client().getPage(url(path)).getWebResponse().getStatusCode())
                    .as("another store's payment").isEqualTo(404);

            second.signIn(colleague);
            HtmlPage waiting = second.open("/till");
            assertThat(waiting.asNormalizedText()).contains("Waiting for a second person")
                    .contains("Returned a coat").contains("$120.00");
            HtmlPage approved = Forms.send(waiting, "/till/requests/" + refund + "/approve", Map.of());

            assertThat(approved.asNormalizedText()).contains("Up to $5.00 can still be refunded");
            assertThat(balance(account)).isEqualTo(19_500);
            assertThat(Database.text("SELECT CONCAT(status, ' ', decided_by_subject) FROM value_request WHERE id = ?",
                    refund)).isEqualTo("DONE " + colleague.keycloakId());
            assertThat(phone.open("/balance").asNormalizedText()).contains("Refund at Brightleaf Market, Fifth Avenue");
        }
    }

    @Test
    void aCardSoldAtTheCounterIsActivatedOnceForItsValue() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 50);
        IssuedCard british = TestCards.notActivated("GB", 50);
        TestShopper cashier = Shoppers.cashier(STORE);
        try (Browser till = Browser.open()) {
            till.signIn(cashier);

            HtmlPage wrongAmount = Forms.send(till.open("/till"), "/till/activations", Map.of("card-number",
                    card.card().cardNumber, "card-amount", "25"));
            HtmlPage foreign = Forms.send(till.open("/till"), "/till/activations", Map.of("card-number",
                    british.card().cardNumber, "card-amount", "50"));
            assertThat(wrongAmount.asNormalizedText()).contains("Check the amount the customer paid");
            assertThat(foreign.asNormalizedText()).contains("This card is for another region");
            assertThat(TestCards.reload(card).status.name()).isEqualTo("ISSUED");

            HtmlPage form = till.open("/till");
            HtmlPage done = Forms.send(form, "/till/activations", Map.of("card-number", card.card().cardNumber,
                    "card-amount", "50"));
            HtmlPage twice = Forms.send(form, "/till/activations", Map.of("card-number", card.card().cardNumber,
                    "card-amount", "50"));

            assertThat(done.asNormalizedText()).contains("is active: $50.00, ready to redeem");
            assertThat(twice.asNormalizedText()).as("the same form again").contains("is active");
            assertThat(TestCards.reload(card).status.name()).isEqualTo("ACTIVE");
            assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'till_activation.done' AND"
                    + " actor_subject = ?", cashier.keycloakId())).isEqualTo(1);
        }
    }

    @Test
    void aCashiersSalesAndRefundsAloneStopAtTheDailyLimitThenTheSaleWaitsForAColleagueOrIsWithdrawn()
            throws Exception {
        IssuedCard first = TestCards.notActivated("US", 500);
        IssuedCard second = TestCards.notActivated("US", 450);
        IssuedCard over = TestCards.notActivated("US", 100);
        TestShopper shopper = Shoppers.customer("US");
        TestShopper cashier = Shoppers.cashier(STORE);
        TestShopper colleague = Shoppers.cashier(STORE);
        try (Browser phone = Browser.open(); Browser till = Browser.open(); Browser other = Browser.open()) {
            till.signIn(cashier);
            sell(till, first, "500");
            sell(till, second, "450");
            phone.signIn(shopper);
            long account = fund(shopper, 10_000);
            HtmlPage paid = Forms.send(Counter.charge(till, Counter.payCode(phone, ""), "60"), "/take", Map.of());
            HtmlPage refunded = Forms.send(paid, "/refunds", Map.of("amount", "40", "reason", "Returned a lamp"));
            assertThat(refunded.asNormalizedText()).as("990 of 1000 done alone").contains("Refunded");

            HtmlPage waits = sell(till, over, "100");

            assertThat(waits.asNormalizedText()).contains("is over your limit for today")
                    .contains("waits below until a colleague of the store approves it");
            assertThat(TestCards.reload(over).status.name()).as("not sold yet").isEqualTo("ISSUED");
            HtmlPage small = Forms.send(till.open(paid.getUrl().getPath()), "/refunds",
                    Map.of("amount", "11", "reason", "Returned a bulb"));
            assertThat(small.asNormalizedText()).as("refunds count against the same day")
                    .contains("Waiting for a second person");
            assertThat(balance(account)).isEqualTo(8_000);
            long sale = Database.number("SELECT id FROM value_request WHERE kind = 'TILL_ACTIVATION' AND card_id = ?",
                    over.card().id);

            HtmlPage withdrawn = Forms.send(till.open("/till"), "/till/requests/" + sale + "/withdraw", Map.of());
            assertThat(withdrawn.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(Database.text("SELECT status FROM value_request WHERE id = ?", sale)).isEqualTo("WITHDRAWN");
            assertThat(TestCards.reload(over).status.name()).as("a withdrawn sale leaves the card unsold")
                    .isEqualTo("ISSUED");

            sell(till, over, "100");
            long again = Database.number("SELECT id FROM value_request WHERE kind = 'TILL_ACTIVATION' AND card_id = ?"
                    + " AND status = 'PENDING'", over.card().id);
            other.signIn(colleague);
            HtmlPage approved = Forms.send(other.open("/till"), "/till/requests/" + again + "/approve", Map.of());
            assertThat(approved.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(TestCards.reload(over).status.name()).isEqualTo("ACTIVE");
            assertThat(Database.text("SELECT CONCAT(status, ' ', decided_by_subject) FROM value_request WHERE id = ?",
                    again)).isEqualTo("DONE " + colleague.keycloakId());
        }
    }

    @Test
    void aStoreWithAPointOfSaleSystemSellsNoCardWithoutItsReceiptNumberAndTheAuditShowsIt() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 50);
        TestShopper cashier = Shoppers.cashier("US-POS-01");
        try (Browser till = Browser.open()) {
            till.signIn(cashier);
            HtmlPage form = till.open("/till");
            assertThat(form.getElementById("sale-reference")).as("the form asks for it").isNotNull();

            HtmlPage without = Forms.send(form, "/till/activations", Map.of("card-number", card.card().cardNumber,
                    "card-amount", "50", "sale-reference", " "));
            assertThat(without.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(without.asNormalizedText()).contains("Type the receipt number of this sale");
            assertThat(TestCards.reload(card).status.name()).isEqualTo("ISSUED");

            HtmlPage sold = Forms.send(till.open("/till"), "/till/activations", Map.of("card-number",
                    card.card().cardNumber, "card-amount", "50", "sale-reference", "POS 4411/27"));
            assertThat(sold.asNormalizedText()).contains("is active: $50.00");
            assertThat(Database.text("SELECT sale_reference FROM value_request WHERE card_id = ?", card.card().id))
                    .isEqualTo("POS 4411/27");
            assertThat(Database.text("SELECT after_state FROM audit_log WHERE action = 'till_activation.done'"
                    + " AND actor_subject = ?", cashier.keycloakId())).contains("POS 4411/27");
        }
    }

    private static HtmlPage sell(Browser till, IssuedCard card, String amount) throws Exception {
        HtmlPage page = Forms.send(till.open("/till"), "/till/activations", Map.of("card-number",
                card.card().cardNumber, "card-amount", amount));
        assertThat(page.getWebResponse().getStatusCode()).as(page.asNormalizedText()).isEqualTo(200);
        return page;
    }

    @Test
    void onlyACashierOfAConfiguredStoreHasATill() throws Exception {
        try (Browser nowhere = Browser.open(); Browser customer = Browser.open()) {
            nowhere.signIn(Shoppers.cashier("MOON-BASE-1"));
            org.htmlunit.Page page = nowhere.client().getPage(url("/till"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(((HtmlPage) page).asNormalizedText()).contains("\"MOON-BASE-1\", which isn't one of ours");

            customer.signIn(Shoppers.customer("US"));
            assertThat(customer.client().getPage(url("/till")).getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    private static java.net.URL url(String path) throws Exception {
        return new java.net.URL("http://localhost:" + System.getProperty("quarkus.http.test-port") + path);
    }

    private long fund(TestShopper shopper, long amountMinor) throws Exception {
        long accountId = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
        ledger.recordAdjustment(accountId, amountMinor, "Opening balance", "TEST");
        return accountId;
    }

    private static long balance(long account) throws Exception {
        return Database.number("SELECT balance_minor FROM account WHERE id = ?", account);
    }

    private static long available(long account) throws Exception {
        return Database.number("SELECT balance_minor - held_minor FROM account WHERE id = ?", account);
    }
}
