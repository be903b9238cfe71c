package org.giftportal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Counter;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.GiftForms;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.giftportal.testsupport.ValueRequests;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Every path that moves value, raced: the same or conflicting requests sent at the same instant, as two browsers,
 * two tills, two admins or two store systems would, and then the money checks. Whoever wins, money is never made or
 * lost: a code credits once, a hold is taken or given back once, refunds never exceed what was paid, a request is
 * carried out once, a card is sold once and only its seller can undo the sale.
 */
@QuarkusTest
class ValuePathRacesTest {
    private static final String STORE = "US-NYC-01";

    @Inject
    Ledger ledger;

    @Inject
    MoneyChecks moneyChecks;

    @Inject
    Approvals approvals;

    @Inject
    Holds holds;

    @Inject
    MailOutbox outbox;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestClock clock;


    @Test
    void oneCodeRedeemedFromManyBrowsersAtOnceCreditsOneBalanceOnce() throws Exception {
        IssuedCard card = TestCards.active("US", 40);
        List<Browser> browsers = new ArrayList<>();
        List<Callable<Integer>> redemptions = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Browser browser = Browser.open();
                browsers.add(browser);
                browser.signIn(Shoppers.customer("US"));
                String cookies = RawForms.cookieHeader(browser);
                Map<String, String> form = Map.of("csrf-token", browser.csrfToken(), "claimCode",
                        card.code().formatted(), "requestId", UUID.randomUUID().toString());
                redemptions.add(() -> RawForms.post(cookies, "/redeem", form));
            }

            List<Integer> answers = Race.atOnce(redemptions);

            assertThat(answers).as("one confirmation, the others told on the page").containsOnly(303, 422)
                    .filteredOn(status -> status == 303).hasSize(1);
        } finally {
            browsers.forEach(Browser::close);
        }
        assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE gift_card_id = ?", card.card().id))
                .isEqualTo(1);
        assertMoneyChecksHold();
    }

    @Test
    void holdsCapturesVoidsAndRefundsThroughTheApiRacedOnOneBalance() throws Exception {
        Account account = funded(10_000);
        List<Callable<Response>> placing = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String reference = "RACE-" + i;
            placing.add(() -> StoreClients.checkout().body(Map.of("account", account.subject, "currency", "USD",
                    "orderReference", reference, "amount", 1_000)).post("/api/v1/holds"));
        }

        List<Response> placed = Race.atOnce(placing);

        assertThat(placed).extracting(Response::statusCode).filteredOn(status -> status == 201).hasSize(10);
        assertThat(placed).extracting(Response::statusCode).filteredOn(status -> status == 422).hasSize(2);
        assertThat(available(account.id)).as("never more held than the balance").isZero();
        List<Integer> holdIds = placed.stream().filter(answer -> answer.statusCode() == 201)
                .map(answer -> answer.jsonPath().getInt("id")).toList();

        // Each of four holds captured and voided at the same instant: one of the two, never both.
        for (int hold : holdIds.subList(0, 4)) {
            List<Integer> ends = Race.atOnce(List.of(
                    () -> StoreClients.checkout().post("/api/v1/holds/" + hold + "/capture").statusCode(),
                    () -> StoreClients.checkout().post("/api/v1/holds/" + hold + "/void").statusCode()));
            assertThat(ends).as("hold " + hold).filteredOn(status -> status == 409).hasSize(1);
            assertThat(ends).as("hold " + hold).filteredOn(status -> status == 200 || status == 201).hasSize(1);
        }
        // Which of the two wins each race is chance (all four may be voids): the refunds race a capture made here.
        int captured = holdIds.get(4);
        assertThat(StoreClients.checkout().post("/api/v1/holds/" + captured + "/capture").statusCode()).isEqualTo(201);
        long captureId = Database.number("SELECT id FROM store_capture WHERE hold_id = ?", captured);
        // Six refunds of 4.00 at once against a 10.00 capture: two go through.
        List<Callable<Integer>> refunds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refunds.add(() -> StoreClients.checkout().body(Map.of("amount", 400))
                    .post("/api/v1/captures/" + captureId + "/refunds").statusCode());
        }

        assertThat(Race.atOnce(refunds)).filteredOn(status -> status == 201).hasSize(2);
        assertThat(Database.number("SELECT refunded_minor FROM store_capture WHERE id = ?", captureId))
                .isEqualTo(800);
        assertMoneyChecksHold();
    }

    @Test
    void approvalsOfRefundsAtTheSameInstantNeverPayOutMoreThanWasPaid() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser phone = Browser.open(); Browser till = Browser.open(); Browser colleague = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 20_000);
            till.signIn(Shoppers.cashier(STORE));
            HtmlPage paid = Counter.paid(till, phone, "150");
            long payment = idIn(paid);
            for (int i = 1; i <= 4; i++) {
                HtmlPage asked = Forms.send(till.open(paid.getUrl().getPath()), "/refunds", Map.of("amount", "120",
                        "reason", "Returned item " + i));
                assertThat(asked.asNormalizedText()).contains("Waiting for a second person");
            }
            List<long[]> waiting = ValueRequests.waitingOnPayment(payment);
            assertThat(waiting).as("each above the store's limit").hasSize(4);
            colleague.signIn(Shoppers.cashier(STORE));
            String cookies = RawForms.cookieHeader(colleague);
            String token = colleague.csrfToken();

            List<Integer> answers = Race.atOnce(waiting.stream().<Callable<Integer>>map(request -> () ->
                    RawForms.post(cookies, "/till/requests/" + request[0] + "/approve", Map.of("csrf-token", token,
                            "version", String.valueOf(request[1])))).toList());

            assertThat(answers).as("refused on the till page, never an error").containsOnly(303, 409);
            assertThat(Database.text("SELECT GROUP_CONCAT(status ORDER BY status) FROM value_request"
                    + " WHERE till_payment_id = ?", payment)).isEqualTo("DONE,FAILED,FAILED,FAILED");
            assertThat(Database.number("SELECT refunded_minor FROM store_capture c JOIN till_payment p"
                    + " ON p.hold_id = c.hold_id WHERE p.id = ?", payment)).isEqualTo(12_000);
            assertThat(balance(account)).as("paid 150, refunded 120 once").isEqualTo(20_000 - 15_000 + 12_000);
            assertThat(colleague.open("/till").asNormalizedText()).doesNotContain("Returned item");
            assertThat(till.open(paid.getUrl().getPath()).asNormalizedText()).contains("Could not be done: At most"
                    + " $30.00 of this payment can still be refunded ($120.00 of $150.00 is refunded already)")
                    .doesNotContain("12000");
        }
        assertMoneyChecksHold();
    }

    @Test
    void refundsOfOnePaymentCountTogetherSoSplittingThemNeverAvoidsASecondPerson() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser phone = Browser.open(); Browser till = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 60_000);
            till.signIn(Shoppers.cashier(STORE));
            HtmlPage paid = Counter.paid(till, phone, "500");
            long payment = idIn(paid);
            String cookies = RawForms.cookieHeader(till);
            String token = till.csrfToken();
            List<Callable<Integer>> splits = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Map<String, String> form = Map.of("csrf-token", token, "key", UUID.randomUUID().toString(),
                        "amount", "100", "reason", "Returned part " + i);
                splits.add(() -> RawForms.post(cookies, paid.getUrl().getPath() + "/refunds", form));
            }

            assertThat(Race.atOnce(splits)).containsOnly(303);

            assertThat(Database.text("SELECT GROUP_CONCAT(CONCAT(status, ' ', needs_approval) ORDER BY status)"
                    + " FROM value_request WHERE till_payment_id = ?", payment))
                    .as("the first 100 alone; the rest would take the payment's refunds over the limit")
                    .isEqualTo("DONE 0,PENDING 1,PENDING 1,PENDING 1,PENDING 1");
            assertThat(balance(account)).isEqualTo(60_000 - 50_000 + 10_000);
        }
        assertMoneyChecksHold();
    }

    @Test
    void aPayCodeScannedAtTwoTillsAtOncePaysOnceAndTakingRacingCancellingEndsItOnce() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser phone = Browser.open(); Browser first = Browser.open(); Browser second = Browser.open()) {
            phone.signIn(shopper);
            long account = fund(shopper, 5_000);
            first.signIn(Shoppers.cashier(STORE));
            second.signIn(Shoppers.cashier(STORE));
            String code = Counter.payCode(phone, "");
            List<String> cookies = List.of(RawForms.cookieHeader(first), RawForms.cookieHeader(second));
            List<String> tokens = List.of(first.csrfToken(), second.csrfToken());

            List<HttpResponse<Void>> scans = Race.atOnce(List.of(0, 1).stream().<Callable<HttpResponse<Void>>>map(
                    till -> () -> RawForms.answer(cookies.get(till), "/till/payments", Map.of("csrf-token",
                            tokens.get(till), "attempt", UUID.randomUUID().toString(), "amount", "20", "whole", "",
                            "code", code))).toList());

            assertThat(scans).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(303, 422);
            String payment = scans.stream().filter(answer -> answer.statusCode() == 303).findFirst().orElseThrow()
                    .headers().firstValue("Location").map(location -> java.net.URI.create(location).getPath())
                    .orElseThrow();
            assertThat(available(account)).as("held once").isEqualTo(3_000);

            List<Integer> ends = Race.atOnce(List.of(
                    () -> RawForms.post(cookies.get(0), payment + "/take", Map.of("csrf-token", tokens.get(0))),
                    () -> RawForms.post(cookies.get(1), payment + "/cancel", Map.of("csrf-token", tokens.get(1)))));

            assertThat(ends).containsOnly(303, 409);
            String ended = Database.text("SELECT h.status FROM store_hold h JOIN till_payment p ON p.hold_id = h.id"
                    + " WHERE p.account_id = ?", account);
            assertThat(ended).isIn("CAPTURED", "VOIDED");
            assertThat(balance(account)).isEqualTo(ended.equals("CAPTURED") ? 3_000 : 5_000);
            assertThat(available(account)).isEqualTo(balance(account));
        }
        assertMoneyChecksHold();
    }

    @Test
    void aCardSoldAtTwoTillsAndThroughTheApiAtOnceIsSoldOnceAndOnlyItsSellerUndoesTheSale() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 50);
        IssuedCard soldAtTill = TestCards.notActivated("US", 25);
        IssuedCard soldByApi = TestCards.notActivated("US", 25);
        try (Browser first = Browser.open(); Browser second = Browser.open()) {
            first.signIn(Shoppers.cashier(STORE));
            second.signIn(Shoppers.cashier(STORE));
            List<String> cookies = List.of(RawForms.cookieHeader(first), RawForms.cookieHeader(second));
            List<String> tokens = List.of(first.csrfToken(), second.csrfToken());
            List<Callable<Integer>> sellers = new ArrayList<>();
            for (int till = 0; till < 2; till++) {
                Map<String, String> form = Map.of("csrf-token", tokens.get(till), "attempt",
                        UUID.randomUUID().toString(), "card-number", card.card().cardNumber, "card-amount", "50");
                String cookie = cookies.get(till);
                sellers.add(() -> RawForms.post(cookie, "/till/activations", form));
            }
            sellers.add(() -> StoreClients.till().body(sale(card, 5_000)).post("/api/v1/cards/activations")
                    .statusCode());

            List<Integer> answers = Race.atOnce(sellers);

            assertThat(answers).as(answers.toString()).doesNotContain(500);
            assertThat(Database.number("SELECT COUNT(*) FROM card_activation WHERE gift_card_id = ? AND status ="
                    + " 'ACTIVE'", card.card().id)).as("sold once").isEqualTo(1);
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);

            HtmlPage sold = Forms.send(first.open("/till"), "/till/activations", Map.of("card-number",
                    soldAtTill.card().cardNumber, "card-amount", "25"));
            assertThat(sold.asNormalizedText()).contains("is active: $25.00");
        }
        long tillSale = Database.number("SELECT id FROM card_activation WHERE gift_card_id = ?",
                soldAtTill.card().id);
        StoreClients.till().post("/api/v1/cards/activations/" + tillSale + "/void").then().statusCode(404);
        assertThat(TestCards.reload(soldAtTill).status).as("a till's sale, not the API client's").isEqualTo(
                CardStatus.ACTIVE);

        long apiSale = StoreClients.till().body(sale(soldByApi, 2_500)).post("/api/v1/cards/activations").then()
                .statusCode(201).extract().<Integer>path("id");
        List<Integer> voids = Race.twice(() -> StoreClients.till().post("/api/v1/cards/activations/" + apiSale
                + "/void").statusCode());
        assertThat(voids).containsExactlyInAnyOrder(200, 409);
        assertThat(TestCards.reload(soldByApi).status).isEqualTo(CardStatus.ISSUED);
        assertMoneyChecksHold();
    }

    @Test
    void twoAdminsApprovingTheSameRequestsAtOnceCarryEachOutOnce() throws Exception {
        Actor asker = admin("Asker");
        Actor second = admin("Second");
        Actor third = admin("Third");
        Account account = funded(100_000);
        String caseReference = ValueRequests.caseOf(account.id);

        // A credit above the per-action limit, approved by two admins at once.
        ValueRequest credit = waiting(asker, ValueRequests.adjust(account.id, 60_000, caseReference));
        assertThat(approveAtOnce(credit, second, third)).as("one carries it out, the other sees it decided")
                .containsExactlyInAnyOrder("Done", "ChangedMeanwhile");
        assertThat(balance(account.id)).isEqualTo(160_000);

        // Three debits of 600 against 1,600, each approved by both at once: two fit, the balance never goes below 0.
        List<ValueRequest> debits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            debits.add(waiting(asker, ValueRequests.adjust(account.id, -60_000, caseReference)));
        }
        List<Callable<String>> deciding = new ArrayList<>();
        for (ValueRequest debit : debits) {
            for (Actor approver : List.of(second, third)) {
                deciding.add(() -> approvals.approve(approver, Desk.BACK_OFFICE, debit.id, debit.version())
                        .getClass().getSimpleName());
            }
        }
        assertThat(Race.atOnce(deciding)).filteredOn("Done"::equals).hasSize(2);
        assertThat(balance(account.id)).isEqualTo(40_000);

        // A batch of physical cards issued, then activated, each approved by both at once: once each.
        ValueRequest issue = waiting(asker, ValueRequests.issue(2, 30_000, true));
        assertThat(approveAtOnce(issue, second, third)).containsExactlyInAnyOrder("Done", "ChangedMeanwhile");
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", issue.batchReference))
                .isEqualTo(2);
        ValueRequest activate = waiting(asker, ValueRequests.activate(issue.batchReference, 60_000));
        assertThat(approveAtOnce(activate, second, third)).containsExactlyInAnyOrder("Done", "ChangedMeanwhile");
        assertThat(Database.text("SELECT GROUP_CONCAT(status) FROM gift_card WHERE batch_reference = ?",
                issue.batchReference)).isEqualTo("ACTIVE,ACTIVE");

        // A lost card replaced for a shopper whose case names no card: always a second admin, and only once.
        IssuedCard lost = TestCards.active("US", 25);
        Database.update("UPDATE account SET email_verified = TRUE WHERE id = ?", account.id);
        ValueRequest replace = waiting(asker, ValueRequests.replace(lost.card().id, 2_500, caseReference));
        assertThat(replace.needsApproval).as("within the limits, yet the case doesn't name the card").isTrue();
        assertThat(approveAtOnce(replace, second, third)).containsExactlyInAnyOrder("Done", "ChangedMeanwhile");
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE replaces_card_id = ?", lost.card().id))
                .isEqualTo(1);
        assertMoneyChecksHold();
    }

    @Test
    void aSmallBalancePaidInCashByTwoAdminsWhileTheShopperSpendsItIsPaidOnceAndNeverBeyondTheBalance()
            throws Exception {
        Account account = funded(750);
        String caseReference = ValueRequests.caseOf(account.id);
        List<Callable<String>> racing = new ArrayList<>();
        for (String name : List.of("First", "Second")) {
            racing.add(() -> approvals.request(admin(name), cashOut(account.id, 750, caseReference)).getClass()
                    .getSimpleName());
        }
        racing.add(() -> {
            try {
                ledger.recordPurchase(account.id, 500, "race-" + UUID.randomUUID());
                return "Purchased";
            } catch (RuntimeException refused) {
                return "PurchaseRefused";
            }
        });

        List<String> outcomes = Race.atOnce(racing);

        long paidOut = -Database.number("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entry WHERE account_id = ?"
                + " AND entry_type = 'CASH_OUT'", account.id);
        assertThat(outcomes.subList(0, 2)).as(outcomes.toString()).filteredOn("Done"::equals).hasSizeLessThanOrEqualTo(1);
        assertThat(paidOut).isIn(0L, 750L);
        assertThat(paidOut == 750).as("paid out, or spent: never both").isNotEqualTo(outcomes.get(2).equals("Purchased"));
        assertThat(balance(account.id)).isEqualTo(750 - paidOut - (outcomes.get(2).equals("Purchased") ? 500 : 0));
        assertMoneyChecksHold();
    }

    private static ValueRequest cashOut(long accountId, long minor, String caseReference) {
        ValueRequest request = ValueRequests.of(ValueRequest.Kind.CASH_OUT, "Pay out for the race");
        request.currency = "USD";
        request.accountId = accountId;
        request.amountMinor = minor;
        request.caseReference = caseReference;
        request.paidBy = "CHEQUE";
        request.payoutReference = "CHQ-" + UUID.randomUUID().toString().substring(0, 8);
        return request;
    }

    @Test
    void aGiftOrderApprovedByTwoAdminsAtOnceIsIssuedOnce() throws Exception {
        String recipient = "race-" + UUID.randomUUID() + "@example.com";
        String reference;
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            HtmlPage checked = GiftForms.checked(admin, recipient, "600", "", "Congratulations!");
            reference = GiftForms.reference(checked);
            HtmlPage asked = Forms.send(checked, "/confirm", Map.of("reason", "Long service award."));
            assertThat(asked.asNormalizedText()).contains("waits for another admin");
        }
        ValueRequest order = QuarkusTransaction.requiringNew().call(() -> ValueRequest.<ValueRequest>find(
                "kind = ?1 and batchReference = ?2", ValueRequest.Kind.GIFTS, reference).singleResult());

        assertThat(approveAtOnce(order, admin("Second"), admin("Third")))
                .containsExactlyInAnyOrder("Done", "ChangedMeanwhile");

        GiftForms.awaitIssued(reference);
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference))
                .isEqualTo(1);
        assertMoneyChecksHold();
    }

    @Test
    void aGiftAddressCorrectionRacingTheGiftsSendingLeavesItsCodeInOneMailboxOnly() throws Exception {
        String typo = "race-typo-" + UUID.randomUUID() + "@example.com";
        String right = "race-right-" + UUID.randomUUID() + "@example.com";
        LocalDateTime tomorrow = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("America/New_York")).plusDays(1)
                .withSecond(0).withNano(0);
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            GiftForms.awaitIssued(GiftForms.order(admin, typo, "30", tomorrow.format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm")), "For tomorrow."));
        }
        long giftId = Database.number("SELECT id FROM gift WHERE recipient_email = ?", typo);
        long cardId = Database.number("SELECT gift_card_id FROM gift WHERE id = ?", giftId);
        ValueRequest correction = ValueRequests.of(ValueRequest.Kind.GIFT_ADDRESS, "Correct the address");
        correction.giftId = giftId;
        correction.cardId = cardId;
        correction.newAddress = right;
        correction.currency = "USD";
        correction.amountMinor = 3_000;
        ValueRequest asked = waiting(admin("Asker"), correction);
        clock.advance(Duration.ofDays(1).plusMinutes(5));
        Actor approver = admin("Approver");

        List<Object> raced = Race.atOnce(List.of(
                () -> approvals.approve(approver, Desk.BACK_OFFICE, asked.id, asked.version()),
                () -> {
                    outbox.sendDue();
                    return "sent";
                }));
        outbox.sendDue();

        boolean corrected = raced.get(0) instanceof Approvals.Result.Done;
        long codeToTypo = sentWithTheCode(giftId, typo);
        long codeToRight = sentWithTheCode(giftId, right);
        assertThat(codeToTypo + codeToRight).as("the code reached one mailbox, once").isEqualTo(1);
        assertThat(codeToRight).as(corrected ? "corrected first" : "sent first").isEqualTo(corrected ? 1L : 0L);
        assertThat(mailbox.getMailsSentTo(typo)).as("the old address has the code or a notice, never both")
                .hasSize(1);
        assertMoneyChecksHold();
    }

    @Test
    void aLapsedHoldReleasedByTwoInstancesWhileTheStoreCapturesAndVoidsItComesBackOnce() throws Exception {
        Account account = funded(5_000);
        long hold = StoreClients.checkout().body(Map.of("account", account.subject, "currency", "USD",
                "orderReference", "LAPSE-1", "amount", 2_000)).post("/api/v1/holds").then().statusCode(201)
                .extract().<Integer>path("id");
        clock.advance(Duration.ofDays(8));

        List<Object> raced = Race.atOnce(List.of(
                () -> holds.releaseExpired(50),
                () -> holds.releaseExpired(50),
                () -> StoreClients.checkout().post("/api/v1/holds/" + hold + "/capture").statusCode(),
                () -> StoreClients.checkout().post("/api/v1/holds/" + hold + "/void").statusCode()));

        assertThat(raced.get(2)).as("a lapsed hold is never captured").isEqualTo(409);
        assertThat(Database.text("SELECT status FROM store_hold WHERE id = ?", hold)).isIn("EXPIRED", "VOIDED");
        assertThat(balance(account.id)).isEqualTo(5_000);
        assertThat(available(account.id)).as("given back once").isEqualTo(5_000);
        assertMoneyChecksHold();
    }

    @Test
    void aCopyReadBeforeAnotherTransactionsChangeCanNeitherBeLockedNorWrittenOver() throws Exception {
        Account account = funded(1_000);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Account.<Account>findById(account.id);
            QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, 500, "Meanwhile",
                    "TEST"));
            Account.lockById(account.id);
        })).as("locking a stale copy").satisfies(failure -> assertThat(org.giftportal.ops.Retries.classify(failure))
                .contains(org.giftportal.ops.Retries.Transient.CHANGED_MEANWHILE));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Account stale = Account.findById(account.id);
            QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, 500, "Meanwhile",
                    "TEST"));
            stale.hold(1_500);
        })).as("writing a stale copy");

        assertThat(balance(account.id)).isEqualTo(2_000);
        assertThat(available(account.id)).as("nothing held from the stale copy").isEqualTo(2_000);
        assertMoneyChecksHold();
    }

    private void assertMoneyChecksHold() {
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed")
                .isEmpty();
    }

    /** Asked by one admin, over the limits or of a kind that always needs two: waiting for a second. */
    private ValueRequest waiting(Actor asker, ValueRequest request) {
        Approvals.Result result = approvals.request(asker, request);
        assertThat(result).as(result.toString()).isInstanceOf(Approvals.Result.Waiting.class);
        return ((Approvals.Result.Waiting) result).request();
    }

    /** Two admins approve the same request, as they saw it, at the same instant; what each was told. */
    private List<String> approveAtOnce(ValueRequest request, Actor one, Actor other) throws Exception {
        return Race.atOnce(List.of(one, other).stream().<Callable<String>>map(approver -> () -> approvals.approve(
                approver, Desk.BACK_OFFICE, request.id, request.version()).getClass().getSimpleName()).toList());
    }

    private static Actor admin(String name) {
        return new Actor("race-" + UUID.randomUUID(), name + " Admin", null);
    }

    private Account funded(long minor) {
        Account account = TestAccounts.create("US", "USD");
        ledger.recordAdjustment(account.id, minor, "Opening balance", "TEST");
        return account;
    }

    private long fund(TestShopper shopper, long minor) throws Exception {
        long account = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
        ledger.recordAdjustment(account, minor, "Opening balance", "TEST");
        return account;
    }

    /** How many emails with the gift's code went out to this address. */
    private static long sentWithTheCode(long giftId, String address) throws Exception {
        return Database.number("SELECT COUNT(*) FROM mail_outbox WHERE gift_id = ? AND kind = 'GIFT'"
                + " AND status = 'SENT' AND to_email = ?", giftId, address);
    }

    private static Map<String, Object> sale(IssuedCard card, long amount) {
        return Map.of("cardNumber", card.card().formattedCardNumber(), "amount", amount, "currency", "USD",
                "storeReference", "RACE-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static long idIn(HtmlPage page) {
        String path = page.getUrl().getPath();
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    private static long balance(long account) throws Exception {
        return Database.number("SELECT balance_minor FROM account WHERE id = ?", account);
    }

    private static long available(long account) throws Exception {
        return Database.number("SELECT balance_minor - held_minor FROM account WHERE id = ?", account);
    }
}
