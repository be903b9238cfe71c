package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.gift.StoreGiftOrders;
import org.giftportal.ledger.Ledger;
import org.giftportal.stack.Ports;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the retailer's systems may count on beyond one delivery: each account's events in order under load while the
 * receiver fails at random, shoppers' addresses only where an endpoint is allowed them, an endpoint that keeps failing
 * paused and its contact told, events nobody took dropped and counted, finished ones forgotten, and e-gift orders
 * told as they are issued and cancelled.
 */
@QuarkusTest
class WebhookPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookHistory history;

    @Inject
    Ledger ledger;

    @Inject
    StoreGiftOrders gifts;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestClock clock;

    @AfterEach
    void nobodyListensAfterThisTest() throws Exception {
        Receiver.nobodyListensAnyMore();
    }

    @Test
    void eachAccountsEventsArriveInOrderUnderLoadWhileTheReceiverFailsAtRandom() throws Exception {
        int accounts = 12;
        int creditsEach = 8;
        try (Receiver receiver = Receiver.failingAtRandom(0.3)) {
            endpoint(receiver.url(), false, EventType.BALANCE_CREDITED);
            List<Account> shoppers = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                shoppers.add(TestAccounts.create("US", "USD"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                // Credits race each other (several at once for one account) while two senders deliver.
                List<Future<?>> work = new ArrayList<>();
                for (int round = 0; round < creditsEach; round++) {
                    for (Account shopper : shoppers) {
                        work.add(pool.submit(() -> credit(shopper, 100)));
                    }
                }
                List<Future<Integer>> senders = List.of(pool.submit(() -> sendWhileBusy(work)),
                        pool.submit(() -> sendWhileBusy(work)));
                for (Future<?> done : work) {
                    done.get();
                }
                for (Future<Integer> done : senders) {
                    done.get();
                }
                for (int round = 0; round < 40 && pending(receiver) > 0; round++) {
                    clock.advance(Duration.ofHours(1)); // past any retry's pause
                    Future<Integer> one = pool.submit(sender::deliverDue);
                    Future<Integer> other = pool.submit(sender::deliverDue);
                    one.get();
                    other.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(pending(receiver)).isZero();
            assertThat(receiver.received).as("some were refused and sent again")
                    .anySatisfy(request -> assertThat(request.answered()).isEqualTo(500));
            Map<String, List<Long>> taken = new HashMap<>();
            Map<String, Long> takenUpTo = new HashMap<>();
            for (Receiver.Received request : receiver.received) {
                JsonNode data = JSON.readTree(request.body()).path("data");
                String customer = data.path("customer").asText();
                long balance = data.path("balanceAfter").path("minorUnits").asLong();
                long before = takenUpTo.getOrDefault(customer, 0L);
                assertThat(balance).as("nothing of %s's goes before its earlier event was taken", customer)
                        .isBetween(before, before + 100);
                if (request.answered() == 204) {
                    taken.computeIfAbsent(customer, key -> new ArrayList<>()).add(balance);
                    takenUpTo.put(customer, balance);
                }
            }
            List<Long> inOrder = new ArrayList<>();
            for (long credit = 1; credit <= creditsEach; credit++) {
                inOrder.add(credit * 100);
            }
            assertThat(taken).hasSize(accounts);
            for (Account shopper : shoppers) {
                assertThat(taken.get(shopper.subject)).as("each of %s's events taken once, in order", shopper.subject)
                        .isEqualTo(inOrder);
            }
        }
    }

    /** Delivers until every credit is recorded, as an instance's job keeps doing while shoppers are busy. */
    private int sendWhileBusy(List<Future<?>> work) {
        int sent = 0;
        while (work.stream().anyMatch(future -> !future.isDone())) {
            sent += sender.deliverDue();
        }
        return sent;
    }

    private static long pending(Receiver receiver) throws Exception {
        return Database.number("SELECT COUNT(*) FROM webhook_delivery d JOIN webhook_endpoint e ON e.id ="
                + " d.endpoint_id WHERE e.url = ? AND d.status = 'PENDING'", receiver.url());
    }

    @Test
    void aShoppersAddressGoesOnlyToAnEndpointAllowedIt() throws Exception {
        try (Receiver allowed = Receiver.answering(); Receiver other = Receiver.answering()) {
            endpoint(allowed.url(), true, EventType.BALANCE_CREDITED);
            Webhooks.Created later = endpoint(other.url(), false, EventType.BALANCE_CREDITED);
            Account account = TestAccounts.create("US", "USD");
            credit(account, 700);

            sender.deliverDue();

            JsonNode told = JSON.readTree(allowed.received.get(0).body()).path("data");
            assertThat(told.path("email").asText()).isEqualTo(account.email);
            assertThat(told.path("customer").asText()).isEqualTo(account.subject);
            assertThat(other.received).hasSize(1);
            assertThat(other.received.get(0).body()).doesNotContain(account.email).doesNotContain("\"email\"");
            assertThat(JSON.readTree(other.received.get(0).body()).path("id").asText())
                    .isEqualTo(JSON.readTree(allowed.received.get(0).body()).path("id").asText());

            assertThat(webhooks.changeSettings(admin(), later.endpoint().id, "not an address", true, "Contract signed"))
                    .contains("Give an email address to tell if the endpoint keeps failing, like"
                            + " integrations@example.com.");
            assertThat(webhooks.changeSettings(admin(), later.endpoint().id, "crm@example.com", true,
                    "Contract signed")).isEmpty();
            credit(account, 50);
            sender.deliverDue();
            assertThat(JSON.readTree(other.received.get(1).body()).path("data").path("email").asText())
                    .isEqualTo(account.email);
            assertThat(Database.text("SELECT CONCAT(before_state, ' -> ', after_state) FROM audit_log WHERE action ="
                    + " 'webhook.settings' AND target_id = ?", later.endpoint().id))
                    .contains("contact integrations@example.com -> ").endsWith("with email addresses, contact"
                            + " crm@example.com");
        }
    }

    @Test
    void anEndpointFailingForTwoDaysIsPausedKeepsItsEventsAndItsContactIsTold() throws Exception {
        String url = "http://127.0.0.1:" + Ports.freeLoopbackPort() + "/hooks"; // nobody listens there
        String contact = "integrations-" + UUID.randomUUID() + "@example.com";
        Webhooks.Created endpoint = webhooks.create(admin(), new Webhooks.NewEndpoint("store-checkout", url,
                Set.of(EventType.BALANCE_CREDITED), contact, false), problem -> {
                    throw new AssertionError(problem);
                }).orElseThrow();
        credit(TestAccounts.create("US", "USD"), 900);

        sender.deliverDue();
        clock.advance(Duration.ofDays(1));
        sender.deliverDue();
        assertThat(state(endpoint)).as("a day of failing is not yet enough").isEqualTo("ENABLED");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        sender.deliverDue();

        assertThat(state(endpoint)).isEqualTo("PAUSED");
        assertThat(Database.text("SELECT paused_reason FROM webhook_endpoint WHERE id = ?", endpoint.endpoint().id))
                .startsWith("Paused by the portal: every delivery has failed since");
        assertThat(Database.text("SELECT CONCAT(status, ' ', attempts) FROM webhook_delivery WHERE endpoint_id = ?",
                endpoint.endpoint().id)).isEqualTo("PENDING 3");
        Mail told = Mailbox.awaitFirst(mailbox, contact);
        assertThat(told.getSubject()).contains("webhook endpoint " + endpoint.endpoint().id + " paused");
        assertThat(told.getText()).contains(url).contains("Events waiting for it: 1")
                .contains("/backoffice/webhooks/" + endpoint.endpoint().id);
    }

    @Test
    void eventsNobodyTookAreDroppedAfterTheRetentionCountedAndFinishedOnesLaterForgotten() throws Exception {
        try (Receiver receiver = Receiver.answering()) {
            Webhooks.Created endpoint = endpoint(receiver.url(), false, EventType.BALANCE_CREDITED);
            webhooks.pause(admin(), endpoint.endpoint().id, "The receiver is moving house");
            credit(TestAccounts.create("US", "USD"), 300);
            String event = Database.text("SELECT e.public_id FROM webhook_event e JOIN webhook_delivery d"
                    + " ON d.event_id = e.id WHERE d.endpoint_id = ?", endpoint.endpoint().id);

            clock.advance(Duration.ofDays(13));
            sender.deliverDue();
            assertThat(delivery(endpoint)).isEqualTo("PENDING 0");
            clock.advance(Duration.ofDays(2));
            sender.deliverDue();

            assertThat(receiver.received).isEmpty();
            assertThat(delivery(endpoint)).isEqualTo("DROPPED 1");
            clock.advance(Duration.ofDays(31));
            while (history.forget(500) > 0) {
                // forget every finished event past the history, batch by batch
            }
            assertThat(Database.number("SELECT COUNT(*) FROM webhook_event WHERE public_id = ?", event)).isZero();
            assertThat(Database.number("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?",
                    endpoint.endpoint().id)).isZero();
            assertThat(Database.number("SELECT dropped_count FROM webhook_endpoint WHERE id = ?",
                    endpoint.endpoint().id)).as("the count outlives the rows").isOne();
        }
    }

    /** Its delivery's status, and the endpoint's count of dropped deliveries. */
    private static String delivery(Webhooks.Created endpoint) throws Exception {
        return Database.text("SELECT CONCAT(d.status, ' ', e.dropped_count) FROM webhook_delivery d"
                + " JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE e.id = ?", endpoint.endpoint().id);
    }

    @Test
    void anEGiftOrderIsToldWhenItsCardsAreIssuedItsEmailSentAndTheStoreCancelsIt() throws Exception {
        String reference = "W-" + UUID.randomUUID().toString().substring(0, 8);
        String now = "now-" + UUID.randomUUID() + "@example.com";
        String later = "later-" + UUID.randomUUID() + "@example.com";
        String tomorrow = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("America/New_York")).plusDays(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        try (Receiver receiver = Receiver.answering()) {
            endpoint(receiver.url(), false, EventType.EGIFT_ORDER_ISSUED, EventType.EGIFT_ORDER_CANCELLED,
                    EventType.GIFT_EMAIL_SENT);
            long order = QuarkusTransaction.requiringNew().call(() -> gifts.place("store-checkout",
                    new StoreGiftOrders.Order(reference, "US", "USD", "America/New_York", null, List.of(
                            new StoreGiftOrders.GiftLine("Rosa Diaz", now, 5_000L, "Enjoy!", "Sam", null, "birthday"),
                            new StoreGiftOrders.GiftLine("Rosa Diaz", later, 2_500L, "Enjoy!", "Sam", tomorrow,
                                    "birthday"))))).order().orElseThrow().id;
            Await.until("the gift email sent", Duration.ofSeconds(20), () -> Database.number("SELECT COUNT(*)"
                    + " FROM mail_outbox WHERE kind = 'GIFT' AND to_email = ? AND status = 'SENT'", now) == 1);
            QuarkusTransaction.requiringNew().run(() -> assertThat(gifts.cancel("store-checkout", order).refusal())
                    .isEmpty());

            sender.deliverDue();

            assertThat(receiver.received).extracting(request -> JSON.readTree(request.body()).path("type").asText())
                    .containsExactly("egift_order.issued", "gift_email.sent", "egift_order.cancelled");
            JsonNode issued = JSON.readTree(receiver.received.get(0).body()).path("data");
            assertThat(issued.path("order").path("storeOrderReference").asText()).isEqualTo(reference);
            assertThat(issued.path("order").path("client").asText()).isEqualTo("store-checkout");
            assertThat(issued.path("gifts").asInt()).isEqualTo(2);
            assertThat(issued.path("total").path("minorUnits").asLong()).isEqualTo(7_500);
            JsonNode sent = JSON.readTree(receiver.received.get(1).body()).path("data");
            assertThat(sent.path("gift").path("order").path("id").asLong()).isEqualTo(order);
            assertThat(sent.path("card").path("maskedNumber").asText()).startsWith("•••• ");
            assertThat(receiver.received).allSatisfy(request -> assertThat(request.body()).doesNotContain(now)
                    .doesNotContain(later).doesNotContain("\"email\""));
        }
    }

    private Webhooks.Created endpoint(String url, boolean allowEmail, EventType... types) {
        return webhooks.create(admin(), new Webhooks.NewEndpoint("store-checkout", url, Set.of(types),
                "integrations@example.com", allowEmail), problem -> {
                    throw new AssertionError(problem);
                }).orElseThrow();
    }

    private static String state(Webhooks.Created endpoint) throws Exception {
        return Database.text("SELECT status FROM webhook_endpoint WHERE id = ?", endpoint.endpoint().id);
    }

    private void credit(Account account, long minor) {
        QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, minor, "Goodwill",
                "GC-HOOK"));
    }

    private static Actor admin() {
        return new Actor("hooks-" + UUID.randomUUID(), "Hook Admin", null);
    }
}
