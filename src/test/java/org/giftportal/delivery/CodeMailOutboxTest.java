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
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.stack.Ports;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emails that carry a claim code, against a real SMTP server (GreenMail) that the test switches off: a code that
 * can't be sent is kept encrypted, tried again, given up to staff and sent again by them once the server is back.
 * (Claims and concurrent senders are tested with the mock mailbox in {@link CodeMailClaimsTest}: GreenMail now and
 * then leaves a connection waiting for its 30-second socket timeout, which would make those tests flaky.)
 */
@QuarkusTest
@TestProfile(CodeMailOutboxTest.RealSmtp.class)
class CodeMailOutboxTest {

    /** The portal's mailer pointed at an SMTP port the test opens and closes; two attempts before giving up. */
    public static class RealSmtp implements QuarkusTestProfile {
        static final int PORT = Ports.freeLoopbackPort();

        @Override
        public Map<String, String> getConfigOverrides() {
            // No pooled connections: the test stops the server, and a connection kept from before would be stale.
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(PORT), "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.username", "", "quarkus.mailer.password", "", "quarkus.mailer.keep-alive", "false",
                    "portal.code-mail.max-attempts", "2");
        }
    }

    @Inject
    CodeMailOutbox outbox;

    @Inject
    TestClock clock;

    private GreenMail smtp;

    @AfterEach
    void stopServerAndClock() {
        stopSmtp();
        clock.reset();
    }

    @Test
    void aCodeThatCannotBeSentIsKeptEncryptedTriedAgainAndSentByStaffOnceTheServerIsBack() throws Exception {
        Queued mail = queueForANewShopper(); // the server is down: the attempt right after the commit fails

        assertThat(row(mail)).isEqualTo("PENDING 1 kept");
        String cipher = Database.text("SELECT HEX(code_cipher) FROM code_mail WHERE id = ?", mail.id());
        assertThat(cipher).doesNotContain(HexFormat.of().withUpperCase().formatHex(
                mail.card().code().canonical().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        clock.advance(Duration.ofMinutes(2));
        outbox.sendDue();
        assertThat(row(mail)).isEqualTo("FAILED 2 kept");

        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            HtmlPage home = staff.open("/backoffice");
            assertThat(home.asNormalizedText()).contains("Emails with a card's code that could not be sent");
            HtmlPage failed = staff.open("/backoffice/cards?status=CODE_MAIL_FAILED");
            String number = mail.card().card().cardNumber;
            assertThat(failed.getAnchorByHref("/backoffice/cards/" + number)).isNotNull();
            assertThat(staff.open("/backoffice/cards/" + number).asNormalizedText())
                    .contains("failed after 2 attempts").contains("Send the email again");

            startSmtp();
            HtmlPage sent = staff.postForm("/backoffice/cards/" + number + "/send-code-again", Map.of());

            assertThat(sent.asNormalizedText()).contains("Email with its code\tsent")
                    .doesNotContain("Send the email again").doesNotContain(mail.card().code().formatted());
        }
        assertThat(messagesTo(mail.to())).hasSize(1).first().satisfies(message ->
                assertThat(GreenMailUtil.getBody(message)).contains(mail.card().code().formatted()));
        assertThat(row(mail)).isEqualTo("SENT 0 erased");
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'card.send-code-again'"
                + " AND target_id = ?", mail.card().card().id)).isOne();
    }

    /** A mail queued for a new shopper's new card, as a replacement queues it; the server is down at that moment. */
    private Queued queueForANewShopper() {
        Account account = TestAccounts.create("US", "USD");
        IssuedCard card = TestCards.active("US", 40);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Account.update("emailVerified = true where id = ?1", account.id);
            return outbox.queue(CodeMail.Kind.REPLACEMENT, GiftCard.findById(card.card().id), card.code(),
                    Account.findById(account.id), null).id;
        });
        return new Queued(id, account.email, card);
    }

    private record Queued(long id, String to, IssuedCard card) {
    }

    /** Status, failed attempts, and whether the encrypted code is still kept. */
    private static String row(Queued mail) throws Exception {
        return Database.text("SELECT CONCAT(status, ' ', attempts, ' ', IF(code_cipher IS NULL, 'erased', 'kept'))"
                + " FROM code_mail WHERE id = ?", mail.id());
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
        smtp = new GreenMail(new ServerSetup(RealSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }
}
