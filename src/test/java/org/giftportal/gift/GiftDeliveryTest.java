package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.ops.Housekeeping;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.GiftForms;
import org.giftportal.testsupport.LogCapture;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * A gift from the back office to a recipient's inbox and into their balance: sent at the time its sender chose (in
 * their zone), themed, with the code for typing and a link that carries a token, never the code; the link's page
 * applies it after sign-in through the real identity provider with one press, and no GET ever redeems.
 */
@QuarkusTest
class GiftDeliveryTest {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{4}-[A-Z0-9]{6}-[A-Z0-9]{5}");
    private static final Pattern LINK = Pattern.compile("https?://[^\"\\s]+/gift/([A-Za-z0-9_-]{43})");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    MockMailbox mailbox;

    @Inject
    MailOutbox outbox;

    @Inject
    TestClock clock;

    @Inject
    GiftIssuer issuer;

    @Inject
    Housekeeping housekeeping;


    @Test
    void aScheduledGiftIsSentAtItsTimeAndItsLinkAppliesItToTheBalanceAfterSignIn() throws Exception {
        String recipient = "rosa-" + UUID.randomUUID() + "@example.com";
        LocalDateTime tomorrowMorning = LocalDateTime.ofInstant(clock.instant(), NEW_YORK).plusDays(1)
                .truncatedTo(ChronoUnit.DAYS).withHour(9);
        Instant due = tomorrowMorning.atZone(NEW_YORK).toInstant();
        String reference;
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            reference = GiftForms.order(admin, recipient, "25", tomorrowMorning.format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm")), "Happy birthday <b>Rosa</b>!\nSee you soon.");
            GiftForms.awaitIssued(reference);
            assertThat(admin.open("/backoffice/gifts/orders/" + reference).asNormalizedText()).contains("Issued")
                    .contains("1 scheduled");
            assertThat(admin.open("/backoffice/gifts?order=" + reference).asNormalizedText())
                    .contains("Scheduled for").contains(recipient);
        }
        assertThat(Database.text("SELECT CONCAT(m.status, ' ', DATE_FORMAT(m.next_attempt_at, '%Y-%m-%d %H:%i:%s'))"
                + " FROM mail_outbox m JOIN gift g ON g.mail_id = m.id WHERE g.recipient_email = ?", recipient))
                .as("due at 09:00 in the sender's zone").isEqualTo("PENDING " + org.giftportal.ops.DatabaseTime.of(due)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));

        outbox.sendDue();
        assertThat(mailbox.getMailsSentTo(recipient)).as("nothing before its time").isNullOrEmpty();
        clock.advance(Duration.between(clock.instant(), due).plusMinutes(1));
        outbox.sendDue();

        Mail mail = Mailbox.awaitFirst(mailbox, recipient);
        assertThat(mail.getSubject()).isEqualTo("Team Brightleaf sent you a Brightleaf Market gift card");
        assertThat(mail.getHtml()).contains("Happy birthday!").contains("Team Brightleaf").contains("$25.00")
                .contains("Happy birthday &lt;b&gt;Rosa&lt;/b&gt;!").doesNotContain("<b>Rosa</b>")
                .contains("Redeem now").contains("never asks anyone to pay with a gift card")
                .doesNotContain("<script").doesNotContain("<img").doesNotContain("<link");
        Matcher code = CODE.matcher(mail.getText());
        assertThat(code.find()).as("the code, for typing on another device").isTrue();
        Matcher link = LINK.matcher(mail.getHtml());
        assertThat(link.find()).isTrue();
        assertThat(mail.getText()).contains(link.group()).contains("United States");
        String token = link.group(1);
        assertThat(link.group()).doesNotContain(code.group()).doesNotContain(code.group().replace("-", ""));
        assertThat(code.group()).endsWith(Database.text("SELECT c.code_last4 FROM gift_card c JOIN gift g"
                + " ON g.gift_card_id = c.id WHERE g.recipient_email = ?", recipient));

        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open(); LogCapture logs = LogCapture.start()) {
            HtmlPage gift = browser.open("/gift/" + token);
            HtmlPage again = browser.open("/gift/" + token);
            assertThat(again.asNormalizedText()).contains("Happy birthday!").contains("Team Brightleaf sent you $25.00")
                    .contains("Happy birthday <b>Rosa</b>!").contains("Sign in to apply it to your balance")
                    .doesNotContain(code.group());
            assertThat(cardStatus(recipient)).as("opening the link redeems nothing").isEqualTo("ACTIVE");

            HtmlPage login = gift.getAnchorByText("Sign in to apply it to your balance").click();
            HtmlPage back = Browser.submitLogin(login, shopper.username(), shopper.password());
            assertThat(back.getUrl().getPath()).isEqualTo("/gift/" + token);
            assertThat(cardStatus(recipient)).isEqualTo("ACTIVE");

            HtmlPage done = Forms.submit(Forms.form(back, "/gift/" + token + "/apply"));

            assertThat(done.getUrl().getPath()).startsWith("/redeem/confirmation/");
            assertThat(done.asNormalizedText()).contains("$25.00").doesNotContain(code.group());
            assertThat(browser.open("/gift/" + token).asNormalizedText()).contains("This gift card has been redeemed")
                    .contains("You added it to your balance");
            // The access log names the requests around the gift's, never the gift's token or code.
            Await.until("the access log", Duration.ofSeconds(5), () -> String.join("\n", logs.lines())
                    .contains("/redeem/confirmation/"));
            assertThat(String.join("\n", logs.lines())).doesNotContain(token).doesNotContain(code.group());
        }
        assertThat(cardStatus(recipient)).isEqualTo("REDEEMED");
        assertThat(Database.number("SELECT COUNT(*) FROM gift WHERE recipient_email = ? AND secret_cipher IS NULL",
                recipient)).as("code and token erased once redeemed").isEqualTo(1);
        try (Browser stranger = Browser.open()) {
            HtmlPage closed = stranger.open("/gift/" + token);
            assertThat(closed.getWebResponse().getStatusCode()).isEqualTo(410);
            assertThat(closed.asNormalizedText()).contains("added to a gift card balance already")
                    .doesNotContain(shopper.firstName()).doesNotContain(shopper.email());
        }
    }

    @Test
    void anUnknownOrCutLinkSaysSoAndPointsToTheCode() {
        try (Browser browser = Browser.open()) {
            HtmlPage page = browser.open("/gift/" + "A".repeat(43));
            HtmlPage cut = browser.open("/gift/abc");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(page.asNormalizedText()).contains("We couldn't find this gift").contains("Redeem a gift card");
            assertThat(cut.getWebResponse().getStatusCode()).isEqualTo(404);
        }
    }

    @Test
    void supportSendsAGiftAgainAndAnAdminCorrectsItsAddressTheOldAddressToldWithoutTheCode() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID() + "@example.com";
        String right = "right-" + UUID.randomUUID() + "@example.com";
        TestShopper admin = Shoppers.admin();
        long giftId;
        try (Browser browser = Browser.open()) {
            browser.signIn(admin);
            GiftForms.awaitIssued(GiftForms.order(browser, wrong, "30", "", "Thanks for all the help."));
            giftId = Database.number("SELECT id FROM gift WHERE recipient_email = ?", wrong);
        }
        Mail first = Mailbox.awaitFirst(mailbox, wrong);
        Matcher code = CODE.matcher(first.getText());
        assertThat(code.find()).isTrue();
        try (Browser support = Browser.open()) {
            support.signIn(Shoppers.support());
            HtmlPage page = support.open("/backoffice/gifts/" + giftId);
            assertThat(page.asNormalizedText()).contains("Send it again").doesNotContain("Correct the address")
                    .contains(wrong).doesNotContain(code.group());
            String cardNumber = Database.text("SELECT c.card_number FROM gift_card c JOIN gift g"
                    + " ON g.gift_card_id = c.id WHERE g.id = ?", giftId);
            assertThat(support.open("/backoffice/cards/" + cardNumber).asNormalizedText())
                    .contains("to Rosa Diaz (" + wrong + "), email sent: its delivery");

            HtmlPage resent = Forms.send(page, "/resend", Map.of("reason", "The recipient can't find the email."));

            assertThat(resent.asNormalizedText()).contains("on its way to " + wrong + " again");
            Await.until("the second email", Duration.ofSeconds(10), () -> mailbox.getMailsSentTo(wrong).size() == 2);
            assertThat(support.postForm("/backoffice/gifts/" + giftId + "/address", Map.of("email", right,
                    "reason", "Typo in the address.")).getWebResponse().getStatusCode()).isEqualTo(403);
        }
        try (Browser browser = Browser.open()) {
            browser.signIn(admin);
            HtmlPage page = browser.open("/backoffice/gifts/" + giftId);
            assertThat(page.asNormalizedText()).doesNotContain("Ask to correct it")
                    .contains("The email with the code was delivered to " + wrong);
            HtmlPage reached = browser.postForm("/backoffice/gifts/" + giftId + "/address", Map.of("email", right,
                    "reason", "Typo in the address."));
            assertThat(reached.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(reached.asNormalizedText()).contains("correcting the address wouldn't stop that code working");
        }
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'gift_address.request'"
                + " AND outcome = 'REFUSED' AND reason = 'Typo in the address.'")).isEqualTo(1);

        // Before its delivery time, an admin corrects a gift's address: the new address gets the code at that time.
        String typo = "typo-" + UUID.randomUUID() + "@example.com";
        LocalDateTime tomorrow = LocalDateTime.ofInstant(clock.instant(), NEW_YORK).plusDays(1).withSecond(0)
                .withNano(0);
        long scheduledId;
        try (Browser browser = Browser.open()) {
            browser.signIn(admin);
            GiftForms.awaitIssued(GiftForms.order(browser, typo, "30", tomorrow.format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm")),
                    "For later."));
            scheduledId = Database.number("SELECT id FROM gift WHERE recipient_email = ?", typo);
            HtmlPage page = browser.open("/backoffice/gifts/" + scheduledId);
            HtmlPage own = Forms.send(page, "/address", Map.of("email", admin.email().toUpperCase(java.util.Locale.ROOT),
                    "reason", "Sending it to myself."));
            assertThat(own.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(own.asNormalizedText()).contains("That is your own address");

            HtmlPage asked = Forms.send(browser.open("/backoffice/gifts/" + scheduledId), "/address",
                    new LinkedHashMap<>(Map.of("email", right, "reason", "The customer gave us a typo.")));

            assertThat(asked.asNormalizedText()).contains("waits for another admin");
            assertThat(mailbox.getMailsSentTo(typo)).as("nothing moves before a second admin agrees")
                    .isNullOrEmpty();
            assertThat(Forms.form(asked, "/withdraw")).as("only the asker may withdraw it").isNotNull();
            try (Browser second = Browser.open()) {
                second.signIn(Shoppers.admin());
                HtmlPage corrected = Forms.send(second.open(asked.getUrl().getPath()), "/approve", Map.of());
                assertThat(corrected.asNormalizedText()).contains("approved and done")
                        .contains("to " + right + " at its delivery time");
            }
        }
        Mail notice = Mailbox.awaitFirst(mailbox, typo, "About the Brightleaf Market gift card from Team Brightleaf");
        assertThat(notice.getText()).contains("corrected");
        outbox.sendDue();
        assertThat(mailbox.getMailsSentTo(right)).as("not before its delivery time").isNullOrEmpty();
        // Even a mail to the old address that escaped its withdrawal (say, staff sent it again) never carries the code.
        Database.update("UPDATE mail_outbox SET status = 'PENDING', last_error = NULL WHERE gift_id = ?"
                + " AND kind = 'GIFT' AND to_email = ?", scheduledId, typo);
        clock.advance(Duration.ofDays(1).plusMinutes(5));
        outbox.sendDue();
        Mail gift = Mailbox.awaitFirst(mailbox, right);
        Matcher rightCode = CODE.matcher(gift.getText());
        assertThat(rightCode.find()).isTrue();
        assertThat(mailbox.getMailsSentTo(typo)).as("the old address never gets the code").hasSize(1)
                .allSatisfy(mail -> assertThat(mail.getText()).doesNotContain(rightCode.group()));
        assertThat(Database.text("SELECT CONCAT(action, ': ', before_state, ' -> ', after_state) FROM audit_log"
                + " WHERE action = 'gift_address.done' AND outcome = 'DONE' ORDER BY id DESC LIMIT 1"))
                .isEqualTo("gift_address.done: to " + typo + " -> to " + right + " at its delivery time; " + typo
                        + " told, without the code");
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'gift_address.request'"
                + " AND outcome = 'REFUSED' AND reason = 'Sending it to myself.'")).isEqualTo(1);
        assertThat(Database.text("SELECT GROUP_CONCAT(status ORDER BY id) FROM mail_outbox WHERE gift_id = ?"
                + " AND kind = 'GIFT'", scheduledId)).as("the mail to the old address withdrawn").isEqualTo("VOID,SENT");

        // Once the card is cancelled, nothing sends the gift again, and housekeeping erases its code.
        Database.update("UPDATE gift_card SET status = 'CANCELLED' WHERE id = (SELECT gift_card_id FROM gift"
                + " WHERE id = ?)", giftId);
        housekeeping.sweep();
        assertThat(Database.number("SELECT COUNT(*) FROM gift WHERE id = ? AND secret_cipher IS NULL", giftId))
                .isEqualTo(1);
        try (Browser support = Browser.open()) {
            support.signIn(Shoppers.support());
            HtmlPage page = support.open("/backoffice/gifts/" + giftId);
            assertThat(page.asNormalizedText()).doesNotContain("Send it again").contains("can't be sent again");
            HtmlPage refused = support.postForm("/backoffice/gifts/" + giftId + "/resend",
                    Map.of("reason", "Trying anyway."));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("is cancelled");
        }
    }

    @Test
    void aSenderSeesTheGiftsTheySentWithTheirStateButNeverACodeAndNoOneElseSeesThem() throws Exception {
        String recipient = "friend-" + UUID.randomUUID() + "@example.com";
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            GiftForms.awaitIssued(GiftForms.order(admin, recipient, "40", "", "Enjoy!"));
        }
        Mail mail = Mailbox.awaitFirst(mailbox, recipient);
        Matcher code = CODE.matcher(mail.getText());
        assertThat(code.find()).isTrue();
        TestShopper sender = Shoppers.customer("US");
        try (Browser browser = Browser.open(); Browser other = Browser.open()) {
            browser.signIn(sender);
            other.signIn(Shoppers.customer("US"));
            assertThat(browser.open("/gifts/sent").asNormalizedText()).contains("You haven't sent a gift card yet");
            // The store's checkout names the shopper who bought a gift (the store API sets it).
            Database.update("UPDATE gift SET sender_account_id = (SELECT id FROM account WHERE subject = ?)"
                    + " WHERE recipient_email = ?", sender.keycloakId(), recipient);

            String sent = browser.open("/gifts/sent").asNormalizedText();

            assertThat(sent).contains("Rosa Diaz").contains(recipient).contains("$40.00").contains("Delivered")
                    .doesNotContain(code.group()).doesNotContain(code.group().substring(10));
            assertThat(other.open("/gifts/sent").asNormalizedText()).doesNotContain(recipient);
        }
    }

    /** Orders one US gift through the form and confirms it; returns the order's reference. */
    private static String cardStatus(String recipient) throws Exception {
        return Database.text("SELECT c.status FROM gift_card c JOIN gift g ON g.gift_card_id = c.id"
                + " WHERE g.recipient_email = ?", recipient);
    }
}
