package org.giftportal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who sends a code mail: a row claimed by an instance that died is sent once its claim runs out, and two senders
 * running at once (as two instances' jobs do) send every mail once.
 */
@QuarkusTest
class CodeMailClaimsTest {

    @Inject
    CodeMailOutbox outbox;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aMailClaimedByAnInstanceThatDiedIsSentOnceTheClaimRunsOut() throws Exception {
        Queued mail = queueClaimedByADeadInstance();
        assertThat(mailbox.getMailsSentTo(mail.to())).isNullOrEmpty();

        clock.advance(Duration.ofMinutes(2)); // due, but its claim has not run out
        outbox.sendDue();
        assertThat(mailbox.getMailsSentTo(mail.to())).isNullOrEmpty();
        clock.advance(CodeMailOutbox.CLAIM);
        outbox.sendDue();

        assertThat(mailbox.getMailsSentTo(mail.to())).hasSize(1).first().satisfies(sent ->
                assertThat(sent.getText()).contains(mail.card().code().formatted()));
        assertThat(row(mail)).isEqualTo("SENT erased");
    }

    @Test
    void twoSendersAtOnceSendEveryMailOnce() throws Exception {
        List<Queued> mails = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // more than one batch of claims
            mails.add(queueClaimedByADeadInstance());
        }
        clock.advance(CodeMailOutbox.CLAIM.plusMinutes(1));
        Callable<Integer> send = outbox::sendDue;

        Race.atOnce(List.of(send, send));

        for (Queued mail : mails) {
            assertThat(mailbox.getMailsSentTo(mail.to())).as(mail.to()).hasSize(1);
            assertThat(row(mail)).isEqualTo("SENT erased");
        }
    }

    /**
     * A mail for a new shopper's new card, claimed in the transaction that queues it by an instance that then died:
     * the send right after the commit finds it claimed and leaves it.
     */
    private Queued queueClaimedByADeadInstance() {
        Account account = TestAccounts.create("US", "USD");
        IssuedCard card = TestCards.active("US", 40);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Account.update("emailVerified = true where id = ?1", account.id);
            CodeMail mail = outbox.queue(CodeMail.Kind.REPLACEMENT, GiftCard.findById(card.card().id), card.code(),
                    Account.findById(account.id), null);
            CodeMail.update("claimedBy = ?1, claimedUntil = ?2 where id = ?3", "an instance that died",
                    clock.instant().plus(CodeMailOutbox.CLAIM), mail.id);
            return mail.id;
        });
        return new Queued(id, account.email, card);
    }

    private record Queued(long id, String to, IssuedCard card) {
    }

    private static String row(Queued mail) throws Exception {
        return Database.text("SELECT CONCAT(status, ' ', IF(code_cipher IS NULL, 'erased', 'kept'))"
                + " FROM code_mail WHERE id = ?", mail.id());
    }
}
