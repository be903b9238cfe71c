package org.giftportal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.gift.StoreGiftOrders;
import org.giftportal.testsupport.RefusingSmtp;
import org.giftportal.webhook.EventType;
import org.giftportal.webhook.Receiver;
import org.giftportal.webhook.WebhookSender;
import org.giftportal.webhook.Webhooks;
import org.giftportal.card.IssuedCard;
import org.giftportal.stack.Ports;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emails that carry a claim code, against a real SMTP server (GreenMail) that the test switches off: a code that
 * can't be sent is kept encrypted, tried again, given up to staff and sent again by them once the server is back.
 * (Claims and concurrent senders are tested with the mock mailbox in {@link MailOutboxClaimsTest}: GreenMail now and
 * then leaves a connection waiting for its 30-second socket timeout, which would make those tests flaky.)
 */
@QuarkusTest
@TestProfile(MailOutboxSmtpTest.RealSmtp.class)
class MailOutboxSmtpTest {

    /** The portal's mailer pointed at an SMTP port the test opens and closes; two attempts before giving up. */
    public static class RealSmtp implements QuarkusTestProfile {
        static final int PORT = Ports.freeLoopbackPort();

        @Override
        public Map<String, String> getConfigOverrides() {
            // No pooled connections: the test stops the server, and a connection kept from before would be stale.
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(PORT), "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.username", "", "quarkus.mailer.password", "", "quarkus.mailer.keep-alive", "false",
                    "portal.mail-outbox.max-attempts", "3");
        }
    }

    @Inject
    MailOutbox outbox;

    @Inject
    TestClock clock;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender webhookSender;

    @Inject
    StoreGiftOrders gifts;

    private GreenMail smtp;

    @AfterEach
    void stopServer() {
        stopSmtp();
    }

    @Test
    void aCodeThatCannotBeSentIsKeptEncryptedTriedAgainAndSentByStaffOnceTheServerIsBack() throws Exception {
        Queued mail = queueForANewShopper(); // the server is down: the attempt right after the commit fails
        awaitAttempt(mail.id());

        assertThat(row(mail)).isEqualTo("PENDING 1 kept");
        String cipher = Database.text("SELECT HEX(code_cipher) FROM mail_outbox WHERE id = ?", mail.id());
        assertThat(cipher).doesNotContain(HexFormat.of().withUpperCase().formatHex(
                mail.card().code().canonical().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        for (int attempt = 2; attempt <= 3; attempt++) {
            clock.advance(Duration.ofMinutes(10));
            outbox.sendDue();
        }
        assertThat(row(mail)).isEqualTo("FAILED 3 kept");

        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            HtmlPage home = staff.open("/backoffice");
            assertThat(home.asNormalizedText()).contains("Emails that could not be sent");
            assertThat(home.getAnchorByHref("/backoffice/mails")).isNotNull();
            HtmlPage failed = staff.open("/backoffice/mails");
            String number = mail.card().card().cardNumber;
            assertThat(failed.getAnchorByHref("/backoffice/cards/" + number)).isNotNull();
            assertThat(staff.open("/backoffice/cards/" + number).asNormalizedText())
                    .contains("failed after 3 attempts").contains("Send the email again");

            startSmtp();
            HtmlPage again = staff.postForm("/backoffice/cards/" + number + "/send-code-again", Map.of());
            assertThat(again.asNormalizedText()).doesNotContain("Send the email again");
            awaitAttempt(mail.id());
            sendUntilSent(mail.id());

            assertThat(staff.open("/backoffice/cards/" + number).asNormalizedText())
                    .contains("Email with its code\tsent").doesNotContain(mail.card().code().formatted());
        }
        assertThat(messagesTo(mail.to())).hasSize(1).first().satisfies(message ->
                assertThat(GreenMailUtil.getBody(message)).contains(mail.card().code().formatted()));
        assertThat(status(mail.id())).isEqualTo("SENT erased");
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'card.send-code-again'"
                + " AND target_id = ?", mail.card().card().id)).isOne();
    }

    @Test
    void aConfirmationWrittenWhileTheServerIsDownIsSentOnceWhenItIsBack() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        IssuedCard card = TestCards.active("US", 35);
        try (Browser browser = Browser.open(); Browser staff = Browser.open()) {
            browser.signIn(shopper);
            assertThat(browser.redeem(card.code().formatted()).asNormalizedText())
                    .contains("$35.00 added to your balance"); // the redemption doesn't wait for the mail
            long id = Database.number("SELECT id FROM mail_outbox WHERE kind = 'REDEMPTION' AND gift_card_id = ?",
                    card.card().id);
            awaitAttempt(id);
            assertThat(Database.text("SELECT CONCAT(status, ' ', attempts) FROM mail_outbox WHERE id = ?", id))
                    .isEqualTo("PENDING 1");
            staff.signIn(Shoppers.support());
            assertThat(staff.open("/backoffice/mails?status=RETRYING").asNormalizedText()).contains("redemption")
                    .contains(shopper.displayName());
        }
        startSmtp();
        long id = Database.number("SELECT id FROM mail_outbox WHERE kind = 'REDEMPTION' AND gift_card_id = ?",
                card.card().id);

        sendUntilSent(id);
        outbox.sendDue(); // nothing more: it was sent once

        assertThat(messagesTo(shopper.email())).hasSize(1).first().satisfies(message ->
                assertThat(message.getSubject()).isEqualTo("You added $35.00 to your Brightleaf Market balance"));
        assertThat(status(id)).isEqualTo("SENT erased");
    }

    @Test
    void anAddressRefusedForGoodIsGivenUpAtOnceABusyOneAfterItsAttemptsAndTheRetailerHearsOfBoth() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String refused = "nobody-" + tag + "@example.com";
        String busy = "busy-" + tag + "@example.com";
        String taken = "taken-" + tag + "@example.com";
        try (RefusingSmtp server = new RefusingSmtp(RealSmtp.PORT); Receiver receiver = Receiver.answering()) {
            webhooks.create(new Actor("hooks-" + tag, "Hook Admin", null), new Webhooks.NewEndpoint("store-checkout",
                    receiver.url(), Set.of(EventType.EGIFT_ORDER_ISSUED, EventType.GIFT_EMAIL_SENT,
                            EventType.GIFT_EMAIL_REFUSED, EventType.GIFT_EMAIL_GIVEN_UP), "hooks@example.com", true),
                    problem -> {
                        throw new AssertionError(problem);
                    });
            long order = QuarkusTransaction.requiringNew().call(() -> gifts.place("store-checkout",
                    new StoreGiftOrders.Order("W-" + tag, "US", "USD", "America/New_York", null, List.of(
                            gift(refused), gift(busy), gift(taken))))).order().orElseThrow().id;
            Await.until("the order's cards issued", Duration.ofSeconds(20), () -> Database.number("SELECT COUNT(*)"
                    + " FROM mail_outbox m JOIN gift g ON g.id = m.gift_id WHERE g.order_id = ?", order) == 3);
            for (String address : List.of(refused, busy, taken)) {
                awaitAttempt(mailTo(address));
            }

            assertThat(mailRow(refused)).startsWith("FAILED 1 Refused by the mail server:").contains("550");
            assertThat(mailRow(busy)).startsWith("PENDING 1 ");
            assertThat(mailRow(taken)).isEqualTo("SENT 0 -");
            for (int attempt = 2; attempt <= 3; attempt++) {
                clock.advance(Duration.ofMinutes(10));
                outbox.sendDue();
            }
            assertThat(mailRow(busy)).startsWith("FAILED 3 ");
            assertThat(server.accepted).containsExactly("<" + taken + ">");

            webhookSender.deliverDue();
            List<String> told = receiver.received.stream().map(request -> {
                JsonNode data = readJson(request.body()).path("data");
                return readJson(request.body()).path("type").asText() + " " + data.path("email").asText("-");
            }).toList();
            assertThat(told).first().isEqualTo("egift_order.issued -");
            assertThat(told).last().isEqualTo("gift_email.given_up " + busy);
            assertThat(told).hasSize(4).contains("gift_email.refused " + refused, "gift_email.sent " + taken);
        } finally {
            Receiver.nobodyListensAnyMore();
        }
    }

    private static StoreGiftOrders.GiftLine gift(String to) {
        return new StoreGiftOrders.GiftLine("Rosa Diaz", to, 2_500L, "Enjoy!", "Sam", null, "birthday");
    }

    private static long mailTo(String address) throws Exception {
        return Database.number("SELECT id FROM mail_outbox WHERE kind = 'GIFT' AND to_email = ?", address);
    }

    /** Status, failed attempts and the last error of the gift mail to that address. */
    private static String mailRow(String address) throws Exception {
        return Database.text("SELECT CONCAT_WS(' ', status, attempts, COALESCE(last_error, '-')) FROM mail_outbox"
                + " WHERE kind = 'GIFT' AND to_email = ?", address);
    }

    private static JsonNode readJson(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A mail queued for a new shopper's new card, as a replacement queues it; the server is down at that moment. */
    private Queued queueForANewShopper() {
        Account account = TestAccounts.create("US", "USD");
        IssuedCard card = TestCards.active("US", 40);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Account.update("emailVerified = true where id = ?1", account.id);
            return outbox.queueWithCode(OutboxMail.to(account.id, OutboxMail.Kind.REPLACEMENT)
                    .aboutCard(card.card().id), card.code().canonical()).id;
        });
        return new Queued(id, account.email, card);
    }

    private record Queued(long id, String to, IssuedCard card) {
    }

    /**
     * Runs the job until the mail is sent, as production's job does. GreenMail now and then leaves a connection
     * waiting (seen only after it was restarted on the same port): that attempt fails at its read timeout, and the
     * next one goes through.
     */
    private void sendUntilSent(long id) throws Exception {
        for (int round = 0; round < 3 && !status(id).startsWith("SENT"); round++) {
            clock.advance(Duration.ofMinutes(10));
            outbox.sendDue();
        }
    }

    /** Waits for the attempt made right after a commit (or a "send again"), which runs on the outbox's threads. */
    private static void awaitAttempt(long id) throws Exception {
        Await.until("an attempt to send mail " + id, Duration.ofSeconds(15), () -> Database.number("SELECT COUNT(*)"
                + " FROM mail_outbox WHERE id = ? AND claimed_by IS NULL AND (status <> 'PENDING' OR attempts > 0)",
                id) > 0);
    }

    private static String status(long id) throws Exception {
        return Database.text("SELECT CONCAT(status, ' ', IF(code_cipher IS NULL, 'erased', 'kept')) FROM mail_outbox"
                + " WHERE id = ?", id);
    }

    /** Status, failed attempts, and whether the encrypted code is still kept. */
    private static String row(Queued mail) throws Exception {
        return Database.text("SELECT CONCAT(status, ' ', attempts, ' ', IF(code_cipher IS NULL, 'erased', 'kept'))"
                + " FROM mail_outbox WHERE id = ?", mail.id());
    }

    private List<MimeMessage> messagesTo(String address) {
        if (smtp == null) {
            return List.of();
        }
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private void startSmtp() {
        ServerSetup setup = new ServerSetup(RealSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setReadTimeout(3_000); // a stalled connection fails in seconds, not half a minute
        smtp = new GreenMail(setup);
        smtp.start();
    }

    private void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }
}
