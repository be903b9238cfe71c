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
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/**
 * Who sends a mail: a row claimed by an instance that died is sent once its claim runs out, and two senders running
 * at once (as two instances' jobs do) never claim the same row.
 */
@QuarkusTest
class MailOutboxClaimsTest {

    @Inject
    MailOutbox outbox;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestClock clock;


    @Test
    void aMailClaimedByAnInstanceThatDiedIsSentOnceTheClaimRunsOut() throws Exception {
        Queued mail = queueClaimedByADeadInstance();
        assertThat(mailbox.getMailsSentTo(mail.to())).isNullOrEmpty();

        clock.advance(Duration.ofMinutes(2)); // due, but its claim has not run out
        outbox.sendDue();
        assertThat(mailbox.getMailsSentTo(mail.to())).isNullOrEmpty();
        clock.advance(MailOutbox.CLAIM);
        outbox.sendDue();

        assertThat(mailbox.getMailsSentTo(mail.to())).hasSize(1).first().satisfies(sent ->
                assertThat(sent.getText()).contains(mail.card().code().formatted()));
        assertThat(row(mail)).isEqualTo("SENT erased");
    }

    @Test
    void aCodeWhoseCardWasRedeemedBeforeItsMailWentOutIsErasedAndNeverSent() throws Exception {
        Queued mail = queueClaimedByADeadInstance();
        try (org.giftportal.testsupport.Browser browser = org.giftportal.testsupport.Browser.open()) {
            browser.signIn(org.giftportal.testsupport.Shoppers.customer("US"));
            assertThat(browser.redeem(mail.card().code().formatted()).asNormalizedText()).contains("$40.00");
        }
        clock.advance(MailOutbox.CLAIM.plusMinutes(1));

        outbox.sendDue();

        assertThat(mailbox.getMailsSentTo(mail.to())).isNullOrEmpty();
        assertThat(row(mail)).isEqualTo("VOID erased");
    }

    @Test
    void twoSendersClaimingAtOnceNeverClaimTheSameMail() throws Exception {
        List<Long> ours = new ArrayList<>();
        for (int i = 0; i < 45; i++) { // more than two batches of claims
            ours.add(queueClaimedByADeadInstance().id());
        }
        clock.advance(MailOutbox.CLAIM.plusMinutes(1));
        Callable<List<Long>> claimAll = () -> {
            List<Long> claimed = new ArrayList<>();
            for (List<Long> batch = outbox.claimDue(); !batch.isEmpty(); batch = outbox.claimDue()) {
                claimed.addAll(batch);
            }
            return claimed;
        };

        List<List<Long>> claims = Race.atOnce(List.of(claimAll, claimAll));

        List<Long> both = new ArrayList<>(claims.get(0));
        both.retainAll(claims.get(1));
        assertThat(both).as("claimed by both senders").isEmpty();
        // A sender passes over rows the other has locked (SKIP LOCKED), even ones it won't claim this time: the
        // job's next run takes those. Nothing is claimed twice, and nothing is left for good.
        List<Long> all = new ArrayList<>(claims.get(0));
        all.addAll(claims.get(1));
        all.addAll(claimAll.call());
        assertThat(all).containsAll(ours).doesNotHaveDuplicates();
        // Sending is MailOutbox's own loop over these claims; the mock mailbox isn't safe for two threads at once.
        Database.update("UPDATE mail_outbox SET status = 'VOID', code_cipher = NULL WHERE id IN ("
                + ours.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")");
    }

    /**
     * A mail for a new shopper's new card, claimed in the transaction that queues it by an instance that then died:
     * the send right after the commit finds it claimed and leaves it.
     */
    private Queued queueClaimedByADeadInstance() throws Exception {
        Account account = TestAccounts.create("US", "USD");
        IssuedCard card = TestCards.active("US", 40);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Account.update("emailVerified = true where id = ?1", account.id);
            OutboxMail mail = outbox.queueWithCode(OutboxMail.to(account.id, OutboxMail.Kind.REPLACEMENT)
                    .aboutCard(card.card().id), card.code().canonical());
            OutboxMail.update("claimedBy = ?1, claimedUntil = ?2 where id = ?3", "an instance that died",
                    clock.instant().plus(MailOutbox.CLAIM), mail.id);
            return mail.id;
        });
        awaitSendingIdle(); // the send after the commit found the row claimed and left it
        return new Queued(id, account.email, card);
    }

    private void awaitSendingIdle() throws Exception {
        // Idle twice in a row: a task just taken from the queue may not count as running yet.
        Await.until("the sends after commits", Duration.ofSeconds(10), () -> outbox.sendingIdle()
                && sleptBriefly() && outbox.sendingIdle());
    }

    private static boolean sleptBriefly() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    private record Queued(long id, String to, IssuedCard card) {
    }

    private static String row(Queued mail) throws Exception {
        return Database.text("SELECT CONCAT(status, ' ', IF(code_cipher IS NULL, 'erased', 'kept'))"
                + " FROM mail_outbox WHERE id = ?", mail.id());
    }
}
