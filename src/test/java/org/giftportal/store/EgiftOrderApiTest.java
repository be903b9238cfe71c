package org.giftportal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout sells e-gift cards: the portal issues them and emails each recipient at its time, the buyer sees them
 * under "Gifts you sent", and no answer (sent or kept for replay) ever holds a claim code; a refunded order's
 * unredeemed cards are cancelled and its unsent emails never go.
 */
@QuarkusTest
class EgiftOrderApiTest {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{4}-[A-Z0-9]{6}-[A-Z0-9]{5}");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    MockMailbox mailbox;

    @Inject
    MailOutbox outbox;

    @Inject
    TestClock clock;

    @AfterEach
    void forgetTheApiBudgets() throws Exception {
        Database.update("DELETE FROM rate_limit WHERE bucket LIKE 'api:%'");
    }

    @Test
    void aSoldGiftIsIssuedAndEmailedTheBuyerSeesItAndACancelledOrderSendsNothingMore() throws Exception {
        TestShopper buyer = Shoppers.customer("US");
        String now = "now-" + UUID.randomUUID() + "@example.com";
        String later = "later-" + UUID.randomUUID() + "@example.com";
        String reference = "W-" + UUID.randomUUID().toString().substring(0, 8);
        String tomorrow = LocalDateTime.ofInstant(clock.instant(), NEW_YORK).plusDays(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        Map<String, Object> order = order(reference, buyer.keycloakId(), List.of(gift(now, 5_000, null),
                gift(later, 2_500, tomorrow)));

        long id = StoreClients.checkout().body(order).post("/api/v1/egift-orders").then().statusCode(201)
                .body("orderReference", equalTo(reference)).body("total", equalTo(7500))
                .body("gifts", hasSize(2)).extract().<Integer>path("id");

        Await.until("the order issued", Duration.ofSeconds(20), () -> "issued".equals(StoreClients.checkout()
                .get("/api/v1/egift-orders/" + id).path("status")));
        Mail mail = Mailbox.awaitFirst(mailbox, now);
        Matcher code = CODE.matcher(mail.getText());
        assertThat(code.find()).isTrue();
        String answer = StoreClients.checkout().get("/api/v1/egift-orders/" + id).asString();
        assertThat(answer).doesNotContain(code.group()).contains("\"delivery\":\"sent\"")
                .contains("\"delivery\":\"scheduled\"");
        assertThat(Database.text("SELECT GROUP_CONCAT(response_body) FROM api_idempotency WHERE request_line ="
                + " 'POST /api/v1/egift-orders' AND response_body LIKE ?", "%" + reference + "%"))
                .doesNotContainPattern(CODE.pattern());

        // The same order again (a retried checkout with a new key) is the same order; other gifts under its
        // reference are refused.
        StoreClients.checkout().body(order).post("/api/v1/egift-orders").then().statusCode(200)
                .body("id", equalTo((int) id));
        StoreClients.checkout().body(order(reference, null, List.of(gift(now, 1_000, null))))
                .post("/api/v1/egift-orders").then().statusCode(409)
                .body("type", equalTo("/api/problems/order-reference-used"));

        try (Browser browser = Browser.open()) {
            browser.signIn(buyer);
            assertThat(browser.open("/gifts/sent").asNormalizedText()).contains(now).contains(later)
                    .doesNotContain(code.group());
        }

        StoreClients.checkout().post("/api/v1/egift-orders/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("gifts.cardStatus", equalTo(List.of("cancelled",
                        "cancelled")));
        StoreClients.checkout().post("/api/v1/egift-orders/" + id + "/cancel").then().statusCode(409)
                .body("type", equalTo("/api/problems/egift-order-cancelled"));
        clock.advance(Duration.ofDays(2));
        outbox.sendDue();
        // The outbox takes the scheduled mail up now that it is due, and voids it: its card is cancelled.
        Await.until("the scheduled gift's mail voided", Duration.ofSeconds(10), () -> "VOID".equals(Database.text(
                "SELECT status FROM mail_outbox WHERE to_email = ?", later)));
        assertThat(mailbox.getMailsSentTo(later)).as("a cancelled order's scheduled gift never goes").isNullOrEmpty();
        assertThat(Database.number("SELECT COUNT(*) FROM gift g JOIN gift_order o ON o.id = g.order_id"
                + " WHERE o.id = ? AND g.secret_cipher IS NULL", id)).isEqualTo(2);
    }

    @Test
    void aGiftThatCantBeSentIsReportedByItsIndexAndNothingIsIssued() throws Exception {
        String reference = "W-" + UUID.randomUUID().toString().substring(0, 8);

        StoreClients.checkout().body(order(reference, null, List.of(gift("not-an-address", 5_000, null),
                gift("ok-" + UUID.randomUUID() + "@example.com", 2_550, null),
                gift("ok-" + UUID.randomUUID() + "@example.com", 2_500, null)))).post("/api/v1/egift-orders").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/api/problems/invalid-gifts")).body("errors.index", equalTo(List.of(0, 1)));

        assertThat(Database.number("SELECT COUNT(*) FROM gift_order WHERE store_order_reference = ?", reference))
                .isZero();
        StoreClients.checkout().body("{\"orderReference\":\"" + reference + "\",\"region\":\"US\",\"currency\":"
                + "\"USD\",\"gifts\":[null]}").post("/api/v1/egift-orders").then().statusCode(422)
                .body("type", equalTo("/api/problems/invalid-gifts"));
        StoreClients.checkout().body(Map.of("orderReference", reference, "region", "US", "currency", "GBP",
                "gifts", List.of(gift("x@example.com", 2_500, null)))).post("/api/v1/egift-orders").then()
                .statusCode(422).body("type", equalTo("/api/problems/currency-mismatch"));
    }

    @Test
    void twoRetriesOfOneOrderWithDifferentKeysAtTheSameInstantPlaceItOnce() throws Exception {
        String reference = "W-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> order = order(reference, null, List.of(gift("twice-" + UUID.randomUUID()
                + "@example.com", 2_500, null)));

        List<io.restassured.response.Response> answers = org.giftportal.testsupport.Race.twice(() ->
                StoreClients.checkout().body(order).post("/api/v1/egift-orders"));

        assertThat(answers).extracting(io.restassured.response.Response::statusCode).allMatch(status ->
                status == 200 || status == 201);
        assertThat(answers.get(0).<Integer>path("id")).isEqualTo(answers.get(1).<Integer>path("id"));
        assertThat(Database.number("SELECT COUNT(*) FROM gift_order WHERE store_order_reference = ?", reference))
                .isOne();
    }

    private static Map<String, Object> order(String reference, String buyer, List<Map<String, Object>> gifts) {
        Map<String, Object> order = new java.util.HashMap<>(Map.of("orderReference", reference, "region", "US",
                "currency", "USD", "senderZone", "America/New_York", "gifts", gifts));
        if (buyer != null) {
            order.put("buyer", buyer);
        }
        return order;
    }

    private static Map<String, Object> gift(String email, long amount, String deliverAt) {
        Map<String, Object> gift = new java.util.HashMap<>(Map.of("recipientName", "Rosa Diaz", "recipientEmail",
                email, "amount", amount, "message", "Enjoy!", "senderName", "Sam", "theme", "birthday"));
        if (deliverAt != null) {
            gift.put("deliverAt", deliverAt);
        }
        return gift;
    }
}
