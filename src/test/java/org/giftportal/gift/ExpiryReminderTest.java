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
import org.giftportal.testsupport.TestGifts;
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
        TestGifts.deliveredGift(soon, recipient, "Asia/Kolkata");
        TestGifts.deliveredGift(later, notYet, "Asia/Kolkata");

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
}
