package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.ledger.Ledger;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's receiver page: an endpoint pointed at it shows each event that arrives, with its signature header. */
@QuarkusTest
class DevReceiverTest {
    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender sender;

    @Inject
    Ledger ledger;

    @AfterEach
    void nobodyListensAfterThisTest() throws Exception {
        Receiver.nobodyListensAnyMore();
    }

    @Test
    void anEndpointPointedAtTheDemoReceiverShowsItsEventsThere() throws Exception {
        String receiver = "http://127.0.0.1:" + System.getProperty("quarkus.http.test-port") + "/api/dev/webhook-receiver";
        webhooks.create(new Actor("demo-" + UUID.randomUUID(), "Demo Admin", null), new Webhooks.NewEndpoint(
                "store-checkout", receiver, Set.of(EventType.BALANCE_CREDITED), "demo@example.com", false), refused -> {
                    throw new AssertionError(refused);
                }).orElseThrow();
        Account account = TestAccounts.create("US", "USD");
        QuarkusTransaction.requiringNew().run(() -> ledger.recordAdjustment(account.id, 4_321, "Goodwill", "GC-DEMO"));

        assertThat(sender.deliverDue()).isGreaterThanOrEqualTo(1);

        try (Browser browser = Browser.open()) {
            String page = browser.open("/dev/webhook-receiver").asNormalizedText();
            assertThat(page).contains("balance.credited").contains(account.subject).contains("4321")
                    .contains("webhook-signature: v1,");
        }
    }
}
