package org.giftportal.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.TestShopper;
import org.giftportal.ops.Housekeeping;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.LogCapture;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store API against the running portal, with tokens from the real Keycloak: who may call it, holds (by amount and
 * by line items, partial when the balance is short), capture, void, refunds, lapsed holds, idempotency keys, and the
 * races a busy checkout brings. Every answer an error is problem+json with its stable type.
 */
@QuarkusTest
class StoreApiTest {
    @Inject
    Ledger ledger;

    @Inject
    TestClock clock;

    @Inject
    Housekeeping housekeeping;

    @Inject
    MoneyChecks moneyChecks;

    @AfterEach
    void forgetTheApiBudgets() throws Exception {
        // A request budget spent a week ahead (a lapsed-hold test moves the clock) would refuse the next tests.
        Database.update("DELETE FROM rate_limit WHERE bucket LIKE 'api:%'");
    }

    @Test
    void onlyTheStoresCheckoutClientMayCallAndItReadsABalance() throws Exception {
        Account account = funded("US", "USD", 5_000);
        String path = "/api/v1/accounts/" + account.subject + "/balance";

        given().get(path).then().statusCode(401);
        given().auth().oauth2("not-a-token").get(path).then().statusCode(401);
        given().auth().oauth2(StoreClients.shopperToken(Shoppers.customer("US"))).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(StoreClients.token(StoreClients.TILL)).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        StoreClients.checkout().get("/api/v1/accounts/nobody-" + UUID.randomUUID() + "/balance").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/api/problems/account-not-found")).body("status", equalTo(404));

        StoreClients.checkout().get(path).then().statusCode(200).contentType("application/json")
                .body("account", equalTo(account.subject)).body("currency", equalTo("USD"))
                .body("balance", equalTo(5000)).body("held", equalTo(0)).body("available", equalTo(5000));
    }

    @Test
    void aShoppersSignedInSessionNeverReachesTheApiAndNoLogLineHoldsAToken() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open(); LogCapture logs = LogCapture.start()) {
            browser.signIn(shopper);
            browser.open("/balance");
            Account account = QuarkusTransaction.requiringNew().call(() -> Account.findBySubject(shopper.keycloakId())
                    .orElseThrow());
            io.restassured.specification.RequestSpecification withSession = given();
            for (org.htmlunit.http.Cookie cookie : browser.portalCookieJar()) {
                withSession = withSession.cookie(cookie.getName(), cookie.getValue());
            }

            withSession.get("/api/v1/accounts/" + account.subject + "/balance").then().statusCode(401);

            String token = StoreClients.token(StoreClients.CHECKOUT);
            StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then().statusCode(200);
            org.giftportal.testsupport.Await.until("the access log", Duration.ofSeconds(5), () -> String.join("\n",
                    logs.lines()).contains("/api/v1/accounts/" + account.subject + "/balance\" 200"));
            assertThat(String.join("\n", logs.lines())).doesNotContain(token).doesNotContain(token.substring(0, 40));
        }
    }

    @Test
    void aHoldTakesWhatTheBalanceCanPayAndSaysWhatIsLeftForAnotherPaymentMethod() throws Exception {
        Account account = funded("US", "USD", 3_000);

        ExtractableResponse<Response> hold = placeHold(account, Map.of("amount", 5_000), 201);

        assertThat(hold.<Integer>path("amount")).isEqualTo(3000);
        assertThat(hold.<Boolean>path("partial")).isTrue();
        assertThat(hold.<Integer>path("remainingToPay")).isEqualTo(2000);
        assertThat(hold.<String>path("status")).isEqualTo("active");
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("balance", equalTo(3000)).body("held", equalTo(3000)).body("available", equalTo(0));
        placeHoldRaw(account, Map.of("amount", 100)).then().statusCode(422)
                .body("type", equalTo("/api/problems/insufficient-balance"));
        placeHoldRaw(account, Map.of("amount", 100, "currency", "GBP")).then().statusCode(422)
                .body("type", equalTo("/api/problems/currency-mismatch"));
        placeHoldRaw(account, Map.of("amount", -5)).then().statusCode(422)
                .body("type", equalTo("/api/problems/invalid-request"));
        StoreClients.checkout().body("{\"account\":\"" + account.subject + "\",\"currency\":\"USD\","
                + "\"orderReference\":\"W-9\",\"lineItems\":[null]}").post("/api/v1/holds").then().statusCode(422)
                .body("type", equalTo("/api/problems/invalid-request"));
        StoreClients.checkout().body("{\"account\":\"" + account.subject + "\",\"currency\":\"USD\","
                + "\"orderReference\":\"W-9\",\"amount\":\"lots\"}").post("/api/v1/holds").then().statusCode(422)
                .body("type", equalTo("/api/problems/invalid-request")).body("detail", containsString("\"amount\""));
        StoreClients.checkout().body(holdBody(account, Map.of("amout", 100))).post("/api/v1/holds").then()
                .statusCode(422).body("type", equalTo("/api/problems/invalid-request"))
                .body("detail", containsString("\"amout\" isn't a field"));
        StoreClients.checkout().get("/api/v1/holds/not-a-number").then().statusCode(404)
                .contentType("application/problem+json");
        StoreClients.checkout().body("{\"account\": ").post("/api/v1/holds").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/api/problems/malformed-json"));
    }

    @Test
    void moneyIsReadAsItWasMeantOrRefusedNeverRoundedConvertedOrPickedFromTwo() throws Exception {
        Account account = funded("US", "USD", 3_000);
        String start = "{\"account\":\"" + account.subject + "\",\"currency\":\"USD\",\"orderReference\":\"W-1\",";

        StoreClients.checkout().body(start + "\"amount\":10.5}").post("/api/v1/holds").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("/api/problems/invalid-request"))
                .body("detail", containsString("\"amount\" is a whole number of minor units"));
        StoreClients.checkout().body(start + "\"amount\":\"100\"}").post("/api/v1/holds").then().statusCode(422)
                .body("type", equalTo("/api/problems/invalid-request")).body("detail", containsString("\"amount\""));
        StoreClients.checkout().body(start + "\"lineItems\":[{\"sku\":\"A\",\"category\":\"grocery\","
                + "\"amount\":1.25}]}").post("/api/v1/holds").then().statusCode(422)
                .body("detail", containsString("\"lineItems[0].amount\""));
        StoreClients.checkout().body(start + "\"amount\":100,\"amount\":2500}").post("/api/v1/holds").then()
                .statusCode(400).body("type", equalTo("/api/problems/malformed-json"))
                .body("detail", containsString("more than once"));
        given().auth().oauth2(StoreClients.token(StoreClients.CHECKOUT)).contentType("application/json")
                .header("Idempotency-Key", "k".repeat(256)).body(start + "\"amount\":100}").post("/api/v1/holds")
                .then().statusCode(400).body("type", equalTo("/api/problems/idempotency-key-invalid"))
                .body("detail", containsString("at most 255"));

        assertThat(Database.number("SELECT COUNT(*) FROM store_hold WHERE account_id = ?", account.id)).isZero();
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("balance", equalTo(3000)).body("held", equalTo(0));
    }

    @Test
    void lineItemsInARestrictedCategoryAreNeverPaidFromTheBalance() throws Exception {
        Account account = funded("US", "USD", 10_000);

        ExtractableResponse<Response> hold = placeHold(account, Map.of("lineItems", List.of(
                Map.of("sku", "TEA-1", "category", "grocery", "amount", 1_200),
                Map.of("sku", "GC-50", "category", "Gift-Cards", "amount", 5_000))), 201);

        assertThat(hold.<Integer>path("amount")).isEqualTo(1200);
        assertThat(hold.<Integer>path("orderTotal")).isEqualTo(6200);
        assertThat(hold.<Integer>path("remainingToPay")).isEqualTo(5000);
        assertThat(hold.<List<String>>path("excludedItems.sku")).containsExactly("GC-50");
        placeHoldRaw(account, Map.of("lineItems", List.of(Map.of("sku", "GC-25", "category", "gift-cards",
                "amount", 2_500)))).then().statusCode(422).body("type", equalTo("/api/problems/nothing-eligible"))
                .body("excludedItems.sku", hasItem("GC-25"));
    }

    @Test
    void aCaptureIsAPurchaseOnceTheRestIsReleasedAndItsRefundsNeverExceedIt() throws Exception {
        Account account = funded("US", "USD", 10_000);
        long holdId = placeHold(account, Map.of("amount", 4_000), 201).<Integer>path("id");

        StoreClients.checkout().body(Map.of("amount", 4_001)).post("/api/v1/holds/" + holdId + "/capture").then()
                .statusCode(422).body("type", equalTo("/api/problems/amount-exceeds-hold"));
        ExtractableResponse<Response> capture = StoreClients.checkout().body(Map.of("amount", 3_000))
                .post("/api/v1/holds/" + holdId + "/capture").then().statusCode(201).extract();

        assertThat(capture.<Integer>path("amount")).isEqualTo(3000);
        assertThat(capture.<Integer>path("released")).isEqualTo(1000);
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("balance", equalTo(7000)).body("held", equalTo(0)).body("available", equalTo(7000));
        assertThat(Database.text("SELECT CONCAT(entry_type, ' ', amount_minor, ' ', reference) FROM ledger_entry"
                + " WHERE account_id = ? ORDER BY id DESC LIMIT 1", account.id)).startsWith("PURCHASE -3000 ORDER-");
        StoreClients.checkout().post("/api/v1/holds/" + holdId + "/capture").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/api/problems/hold-captured"));
        StoreClients.checkout().post("/api/v1/holds/" + holdId + "/void").then().statusCode(409)
                .body("type", equalTo("/api/problems/hold-captured"));
        StoreClients.checkout().get("/api/v1/holds/" + holdId).then().statusCode(200)
                .body("status", equalTo("captured")).body("captureId", equalTo(capture.<Integer>path("id")));

        long captureId = capture.<Integer>path("id");
        String refunds = "/api/v1/captures/" + captureId + "/refunds";
        StoreClients.checkout().body(Map.of("amount", 500)).post(refunds).then().statusCode(201)
                .body("amount", equalTo(500));
        StoreClients.checkout().body(Map.of("amount", 2_501)).post(refunds).then().statusCode(422)
                .body("type", equalTo("/api/problems/refund-exceeds-capture")).body("refundable", equalTo(2500));
        // Sixteen refunds of 250 at once against the 2,500 left: ten go through, never more.
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(() -> StoreClients.checkout().body(Map.of("amount", 250)).post(refunds).statusCode());
        }
        List<Integer> statuses = Race.atOnce(racers);

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 422).hasSize(6);
        StoreClients.checkout().get("/api/v1/captures/" + captureId).then().statusCode(200)
                .body("refunded", equalTo(3000)).body("refundable", equalTo(0)).body("refunds.size()", equalTo(11));
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("balance", equalTo(10_000));
    }

    @Test
    void aVoidGivesTheHeldAmountBackAndAVoidedHoldCantBeCaptured() throws Exception {
        Account account = funded("GB", "GBP", 2_000);
        long holdId = placeHold(account, Map.of("amount", 1_500, "currency", "GBP"), 201).<Integer>path("id");

        StoreClients.checkout().post("/api/v1/holds/" + holdId + "/void").then().statusCode(200)
                .body("status", equalTo("voided"));

        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("held", equalTo(0)).body("available", equalTo(2000));
        StoreClients.checkout().post("/api/v1/holds/" + holdId + "/capture").then().statusCode(409)
                .body("type", equalTo("/api/problems/hold-voided"));
        StoreClients.checkout().get("/api/v1/holds/999999999").then().statusCode(404)
                .body("type", equalTo("/api/problems/hold-not-found"));
    }

    @Test
    void aLapsedHoldCantBeCapturedEvenBeforeTheJobReleasesIt() throws Exception {
        Account account = funded("US", "USD", 2_000);
        long holdId = placeHold(account, Map.of("amount", 2_000), 201).<Integer>path("id");
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        StoreClients.checkout().post("/api/v1/holds/" + holdId + "/capture").then().statusCode(409)
                .body("type", equalTo("/api/problems/hold-expired"));
        assertThat(Database.text("SELECT status FROM store_hold WHERE id = ?", holdId)).isEqualTo("ACTIVE");

        housekeeping.sweep();

        StoreClients.checkout().get("/api/v1/holds/" + holdId).then().body("status", equalTo("expired"));
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("held", equalTo(0)).body("available", equalTo(2000));
    }

    @Test
    void aKeyRunsItsRequestOnceEvenFromSixteenThreadsAndRefusesAnotherBody() throws Exception {
        Account account = funded("US", "USD", 10_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = holdBody(account, Map.of("amount", 1_000));
        List<Callable<Response>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(() -> given().auth().oauth2(StoreClients.token(StoreClients.CHECKOUT))
                    .contentType("application/json").header("Idempotency-Key", key).body(body)
                    .post("/api/v1/holds"));
        }

        List<Response> answers = Race.atOnce(racers);

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.<Integer>path("id")).containsOnly(answers.get(0)
                .<Integer>path("id"));
        assertThat(answers).filteredOn(answer -> "true".equals(answer.header("Idempotent-Replayed"))).hasSize(15);
        assertThat(Database.number("SELECT COUNT(*) FROM store_hold WHERE account_id = ?", account.id)).isEqualTo(1);
        StoreClients.checkout().get("/api/v1/accounts/" + account.subject + "/balance").then()
                .body("held", equalTo(1000));

        given().auth().oauth2(StoreClients.token(StoreClients.CHECKOUT)).contentType("application/json")
                .header("Idempotency-Key", key).body(holdBody(account, Map.of("amount", 2_000))).post("/api/v1/holds")
                .then().statusCode(422).body("type", equalTo("/api/problems/idempotency-key-reused"));
        given().auth().oauth2(StoreClients.token(StoreClients.CHECKOUT)).contentType("application/json")
                .body(body).post("/api/v1/holds").then().statusCode(400)
                .body("type", equalTo("/api/problems/idempotency-key-required"));
    }

    @Test
    void thirtyTwoHoldsAtOnceNeverHoldMoreThanTheBalance() throws Exception {
        Account account = funded("US", "USD", 10_000);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            racers.add(() -> placeHoldRaw(account, Map.of("amount", 1_000)).statusCode());
        }

        List<Integer> statuses = Race.atOnce(racers);

        assertThat(statuses).as(statuses.toString()).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 422).hasSize(22);
        assertThat(Database.number("SELECT held_minor FROM account WHERE id = ?", account.id)).isEqualTo(10_000);
        assertThat(Database.number("SELECT SUM(amount_minor) FROM store_hold WHERE account_id = ? AND status ="
                + " 'ACTIVE'", account.id)).isEqualTo(10_000);
    }

    @Test
    void theShopperSeesWhatIsSetAsideAndTheirPurchaseAndRefundWithTheOrderReference() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            browser.open("/balance");
            Account account = QuarkusTransaction.requiringNew().call(() -> Account.findBySubject(shopper.keycloakId())
                    .orElseThrow());
            ledger.recordAdjustment(account.id, 5_000, "Opening balance", "TEST");
            long holdId = placeHold(account, Map.of("amount", 2_000, "orderReference", "W-777"), 201)
                    .<Integer>path("id");

            assertThat(browser.open("/balance").asNormalizedText()).contains("$20.00 of it is set aside")
                    .contains("$30.00 is available to spend");
            try (Browser support = Browser.open()) {
                support.signIn(Shoppers.support());
                assertThat(support.open("/backoffice/accounts/" + account.id).asNormalizedText())
                        .contains("Held for store orders\t$20.00 ($30.00 available)");
            }

            long captureId = StoreClients.checkout().post("/api/v1/holds/" + holdId + "/capture").then()
                    .statusCode(201).extract().<Integer>path("id");
            StoreClients.checkout().body(Map.of("amount", 500)).post("/api/v1/captures/" + captureId + "/refunds")
                    .then().statusCode(201);
            String page = browser.open("/balance").asNormalizedText();

            assertThat(page).doesNotContain("set aside").contains("$35.00").contains("Purchase")
                    .contains("Refund").contains("Order W-777");
        }
        assertThat(moneyChecks.run()).allMatch(MoneyChecks.CheckResult::holds);
    }

    @Test
    void theOpenApiDocumentDescribesEveryCallAndNoPage() throws Exception {
        Response document = given().accept("application/json").get("/q/openapi");

        document.then().statusCode(200).body("paths", hasKey("/api/v1/holds"))
                .body("paths", hasKey("/api/v1/holds/{id}/capture")).body("paths", hasKey("/api/v1/holds/{id}/void"))
                .body("paths", hasKey("/api/v1/captures/{id}/refunds")).body("paths", hasKey("/api/v1/captures/{id}"))
                .body("paths", hasKey("/api/v1/holds/{id}"))
                .body("paths", hasKey("/api/v1/accounts/{subject}/balance"))
                .body("paths", hasKey("/api/v1/cards/activations"))
                .body("paths", hasKey("/api/v1/cards/activations/{id}/void"))
                .body("paths", hasKey("/api/v1/egift-orders")).body("paths", hasKey("/api/v1/egift-orders/{id}"))
                .body("paths", hasKey("/api/v1/egift-orders/{id}/cancel"))
                .body("paths.'/api/v1/holds'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("info.title", startsWith("Gift Card Portal"))
                .body("webhooks", hasKey("card.redeemed")).body("webhooks", hasKey("balance.debited"))
                .body("webhooks", hasKey("hold.captured"))
                .body("webhooks.'balance.debited'.post.requestBody.content.'application/json'.schema.required",
                        hasItem("occurredAt"));
        assertThat(document.<Map<String, Object>>path("webhooks").keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(org.giftportal.webhook.EventType.values())
                        .map(org.giftportal.webhook.EventType::key).toList());
        assertThat(document.<String>path("openapi")).startsWith("3.1");
        assertThat(document.<Map<String, Object>>path("paths").keySet()).allMatch(path -> path.startsWith("/api/v1/"));
    }

    private Account funded(String region, String currency, long amountMinor) {
        Account account = TestAccounts.create(region, currency);
        ledger.recordAdjustment(account.id, amountMinor, "Opening balance", "TEST");
        return account;
    }

    private static Map<String, Object> holdBody(Account account, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("account", account.subject, "currency",
                account.currency, "orderReference", "ORDER-" + UUID.randomUUID().toString().substring(0, 8)));
        body.putAll(fields);
        return body;
    }

    private static Response placeHoldRaw(Account account, Map<String, Object> fields) {
        return StoreClients.checkout().body(holdBody(account, fields)).post("/api/v1/holds");
    }

    private static ExtractableResponse<Response> placeHold(Account account, Map<String, Object> fields, int status) {
        return placeHoldRaw(account, fields).then().statusCode(status).contentType("application/json").extract();
    }
}
