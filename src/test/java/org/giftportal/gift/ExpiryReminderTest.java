package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/**
 * A gift's recipient whose card is still unredeemed within 30 days of its expiry gets one reminder: the card's masked
 * number, value and expiry date and a link to sign in, never the code. A card further from its expiry gets none.
 */
@QuarkusTest
class ExpiryReminderTest {

    @Inject
    ExpiryReminders reminders;

    @Inject
    MockMailbox mailbox;

    @Test
    void anUnredeemedGiftCardsRecipientIsRemindedOnceAMonthBeforeItExpires() throws Exception {
        IssuedCard soon = TestCards.activeThen("IN", 750, card -> card.expiresAt = java.time.Instant.now()
                .plus(Duration.ofDays(20)));
        IssuedCard later = TestCards.activeThen("IN", 750, card -> card.expiresAt = java.time.Instant.now()
                .plus(Duration.ofDays(45)));
        String recipient = "reminded-" + UUID.randomUUID() + "@example.com";
        String notYet = "not-yet-" + UUID.randomUUID() + "@example.com";
        gift(soon, recipient);
        gift(later, notYet);

        assertThat(reminders.remindDue()).isGreaterThanOrEqualTo(1);
        Mail mail = Mailbox.awaitFirst(mailbox, recipient);
        assertThat(mail.getSubject()).startsWith("Your Brightleaf Market gift card from Aunt May expires on ");
        String cardNumber = soon.card().cardNumber;
        assertThat(mail.getText()).contains("•••• " + cardNumber.substring(cardNumber.length() - 4))
                .contains("₹750.00").contains("/signin").doesNotContain(soon.code().formatted())
                .doesNotContain(cardNumber);
        assertThat(Database.number("SELECT COUNT(*) FROM gift WHERE recipient_email = ? AND expiry_reminded_at IS"
                + " NOT NULL", recipient)).isOne();

        reminders.remindDue();
        assertThat(Database.number("SELECT COUNT(*) FROM mail_outbox WHERE to_email = ? AND kind ="
                + " 'EXPIRY_REMINDER'", recipient)).as("one reminder").isOne();
        assertThat(Database.number("SELECT COUNT(*) FROM mail_outbox WHERE to_email = ?", notYet)).isZero();
    }

    private static void gift(IssuedCard card, String recipient) throws Exception {
        String reference = "G-EXPIRY-" + UUID.randomUUID().toString().substring(0, 8);
        Database.update("INSERT INTO gift_order (reference, name, region, currency, sender_zone, source, status,"
                + " line_count, problem_count, created_by_subject, created_by_name, created_at) VALUES (?, 'Expiry',"
                + " 'IN', 'INR', 'Asia/Kolkata', 'CSV', 'CHECKED', 1, 0, 'someone', 'Someone', NOW(6))", reference);
        long order = Database.number("SELECT id FROM gift_order WHERE reference = ?", reference);
        Database.update("INSERT INTO gift (order_id, line_number, recipient_name, recipient_email, sender_name,"
                + " theme, amount_minor, currency, deliver_at, sender_zone, gift_card_id, token_hash, created_at)"
                + " VALUES (?, 1, 'Rosa', ?, 'Aunt May', 'BIRTHDAY', 75000, 'INR', NOW(6) - INTERVAL 1 DAY,"
                + " 'Asia/Kolkata', ?, UNHEX(SHA2(UUID(), 256)), NOW(6))", order, recipient, card.card().id);
    }
}
