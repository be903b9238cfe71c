package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.ledger.Ledger;
import org.giftportal.stack.Ports;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks delivered to a real HTTP receiver started by the test: signed as the Standard Webhooks specification says,
 * retried until the receiver takes them (the same webhook-id each time), kept while the receiver is down and sent in
 * order once it is up, and signed with both secrets while a rotation overlaps.
 */
@QuarkusTest
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender sender;

    @Inject
    Ledger ledger;

    @Inject
    org.giftportal.ledger.Holds holds;

    @Inject
    org.giftportal.card.CardDesk desk;

    @Inject
    org.giftportal.ledger.AccountFreezes freezes;

    @Inject
    TestClock clock;

    @AfterEach
    void nobodyListensAfterThisTest() throws Exception {
        Receiver.nobodyListensAnyMore();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameSignedEventThreeTimesAndTakesTheThird() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 503)) {
            Webhooks.Created endpoint = endpoint(receiver.url(), EventType.BALANCE_CREDITED);
            Account account = TestAccounts.create("US", "USD");
            credit(account, 1_250);

            sender.deliverDue();
            clock.advance(Duration.ofSeconds(31));
            sender.deliverDue();
            clock.advance(Duration.ofSeconds(61));
            sender.deliverDue();

            assertThat(receiver.received).hasSize(3);
            String id = receiver.received.get(0).header("webhook-id");
            assertThat(id).startsWith("msg_");
            for (Receiver.Received request : receiver.received) {
                assertThat(request.header("webhook-id")).isEqualTo(id);
                assertThat(request.header("webhook-signature")).isEqualTo(Signature.sign(endpoint.secret(), id,
                        Long.parseLong(request.header("webhook-timestamp")), request.body()));
                assertThat(request.body()).isEqualTo(receiver.received.get(0).body());
            }
            JsonNode event = JSON.readTree(receiver.received.get(0).body());
            assertThat(event.path("id").asText()).isEqualTo(id);
            assertThat(event.path("type").asText()).isEqualTo("balance.credited");
            assertThat(event.path("data").path("customer").asText()).isEqualTo(account.subject);
            assertThat(event.path("data").path("reason").asText()).isEqualTo("adjustment");
            assertThat(event.path("data").path("amount").path("minorUnits").asLong()).isEqualTo(1_250);
            assertThat(event.path("data").path("amount").path("currency").asText()).isEqualTo("USD");
            assertThat(receiver.received.get(0).body()).doesNotContain(account.email);
            assertThat(Database.text("SELECT GROUP_CONCAT(CONCAT_WS(' ', status, attempts, last_status_code,"
                    + " last_error)) FROM webhook_delivery WHERE endpoint_id = ?", endpoint.endpoint().id))
                    .isEqualTo("SENT 3 204");
        }
    }

    @Test
    void eventsWaitWhileTheReceiverIsDownAndArriveInOrderOnceItIsUp() throws Exception {
        int port = Ports.freeLoopbackPort();
        Webhooks.Created endpoint = endpoint("http://127.0.0.1:" + port + "/hooks", EventType.BALANCE_CREDITED,
                EventType.BALANCE_DEBITED);
        Account account = TestAccounts.create("US", "USD");
        credit(account, 3_000);
        QuarkusTransaction.requiringNew().run(() -> ledger.recordPurchase(account.id, 1_000, "order-" + UUID.randomUUID()));

        sender.deliverDue();
        assertThat(Database.text("SELECT GROUP_CONCAT(attempts ORDER BY id) FROM webhook_delivery WHERE endpoint_id = ?",
                endpoint.endpoint().id)).as("the first failed; the second, about the same account, waits behind it")
                .isEqualTo("1,0");

        try (Receiver receiver = Receiver.on(port)) {
            clock.advance(Duration.ofSeconds(31));
            sender.deliverDue();

            assertThat(receiver.received).extracting(request -> JSON.readTree(request.body()).path("type").asText())
                    .containsExactly("balance.credited", "balance.debited");
        }
        assertThat(Database.text("SELECT GROUP_CONCAT(status ORDER BY id) FROM webhook_delivery WHERE endpoint_id = ?",
                endpoint.endpoint().id)).isEqualTo("SENT,SENT");
    }

    @Test
    void whileARotationOverlapsBothSecretsSignSoTheReceiverCanSwitch() throws Exception {
        try (Receiver receiver = Receiver.answering()) {
            Webhooks.Created endpoint = endpoint(receiver.url(), EventType.BALANCE_CREDITED);
            String rotated = webhooks.rotate(admin(), endpoint.endpoint().id, "The receiver's team asked for one.");
            credit(TestAccounts.create("US", "USD"), 500);

            sender.deliverDue();

            Receiver.Received request = receiver.received.get(0);
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            String id = request.header("webhook-id");
            assertThat(request.header("webhook-signature").split(" ")).containsExactly(
                    Signature.sign(rotated, id, timestamp, request.body()),
                    Signature.sign(endpoint.secret(), id, timestamp, request.body()));
        }
        assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE target_type = 'WEBHOOK'"
                + " AND target_label LIKE 'http://127.0.0.1:%'")).contains("webhook.create", "webhook.rotate");
    }

    @Test
    void aStoresHoldsAreToldAsTheyArePlacedTakenAndGivenBackInOrder() throws Exception {
        try (Receiver receiver = Receiver.answering()) {
            endpoint(receiver.url(), EventType.HOLD_PLACED, EventType.HOLD_CAPTURED, EventType.HOLD_VOIDED);
            Account account = TestAccounts.create("US", "USD");
            credit(account, 5_000);
            long first = place(account, 2_000);
            QuarkusTransaction.requiringNew().run(() -> holds.capture(first, java.util.Optional.of(1_500L), null));
            long second = place(account, 1_000);
            QuarkusTransaction.requiringNew().run(() -> holds.voidHold(second));

            sender.deliverDue();

            assertThat(receiver.received).extracting(request -> {
                JsonNode event = JSON.readTree(request.body());
                return event.path("type").asText() + " " + event.path("data").path("holdId").asLong() + " "
                        + event.path("data").path("amount").path("minorUnits").asLong();
            }).containsExactly("hold.placed " + first + " 2000", "hold.captured " + first + " 1500",
                    "hold.placed " + second + " 1000", "hold.voided " + second + " 1000");
        }
    }

    @Test
    void aCardsLifeIsToldInOrderWithItsMaskedNumberNeverItsCode() throws Exception {
        try (Receiver receiver = Receiver.answering()) {
            endpoint(receiver.url(), EventType.CARD_ACTIVATED, EventType.CARD_BLOCKED, EventType.CARD_UNBLOCKED,
                    EventType.CARD_CANCELLED);
            org.giftportal.card.IssuedCard card = org.giftportal.testsupport.TestCards.active("US", 45);
            Actor staff = admin();
            for (org.giftportal.card.CardDesk.Action action : List.of(org.giftportal.card.CardDesk.Action.BLOCK,
                    org.giftportal.card.CardDesk.Action.UNBLOCK, org.giftportal.card.CardDesk.Action.CANCEL)) {
                desk.act(staff, action, card.card().id, org.giftportal.testsupport.TestCards.reload(card).version(),
                        "Webhook test");
            }

            sender.deliverDue();

            String number = card.card().cardNumber;
            assertThat(receiver.received).extracting(request -> JSON.readTree(request.body()).path("type").asText())
                    .containsExactly("card.activated", "card.blocked", "card.unblocked", "card.cancelled");
            JsonNode data = JSON.readTree(receiver.received.get(0).body()).path("data");
            assertThat(data.path("card").path("maskedNumber").asText())
                    .isEqualTo("•••• " + number.substring(number.length() - 4));
            assertThat(data.path("value").path("minorUnits").asLong()).isEqualTo(4_500);
            assertThat(receiver.received).allSatisfy(request -> assertThat(request.body())
                    .doesNotContain(card.code().formatted()).doesNotContain(number));
        }
    }

    @Test
    void anAccountFrozenForACaseAndLetGoIsTold() throws Exception {
        try (Receiver receiver = Receiver.answering()) {
            endpoint(receiver.url(), EventType.ACCOUNT_FROZEN, EventType.ACCOUNT_UNFROZEN);
            Account account = TestAccounts.create("US", "USD");
            assertThat(freezes.freeze(admin(), account.id, "GC-FROZEN1", "Card taken by phone scam")).isEmpty();
            assertThat(freezes.unfreezeEmpty(admin(), account.id, "Nothing to take back")).isEmpty();

            sender.deliverDue();

            assertThat(receiver.received).extracting(request -> {
                JsonNode event = JSON.readTree(request.body());
                return event.path("type").asText() + " " + event.path("data").path("customer").asText();
            }).containsExactly("account.frozen " + account.subject, "account.unfrozen " + account.subject);
        }
    }

    private long place(Account account, long minor) {
        return QuarkusTransaction.requiringNew().call(() -> ((org.giftportal.ledger.Ruling.Done<
                org.giftportal.ledger.Holds.Placed>) holds.place("store-checkout", new org.giftportal.ledger.Holds
                .HoldRequest(account.subject, "USD", "order-" + UUID.randomUUID(), minor, null), region -> Set.of()))
                .value().hold().id);
    }

    private Webhooks.Created endpoint(String url, EventType... types) {
        return webhooks.create(admin(), new Webhooks.NewEndpoint("store-checkout", url, Set.of(types),
                "integrations@example.com", false), refused -> {
            throw new AssertionError(refused);
        }).orElseThrow();
    }

    private void credit(Account account, long minor) {
        QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, minor, "Goodwill", "GC-HOOK"));
    }

    private static Actor admin() {
        return new Actor("hooks-" + UUID.randomUUID(), "Hook Admin", null);
    }
}
