package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.giftportal.testsupport.CaseForms.file;
import static org.giftportal.testsupport.CaseForms.reference;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lost-card flow end to end: the shopper reports, the card is held, an admin replaces it, the new code reaches
 * only the shopper (by email), the old card is refused, and nobody can replace a card whose value is in a balance.
 */
@QuarkusTest
class CardReplacementTest {
    private static final Pattern CODE = Pattern.compile("Claim code: ([0-9A-Z-]{17})");

    @Inject
    MockMailbox mailbox;

    @Inject
    MoneyChecks moneyChecks;

    @TempDir
    Path files;

    @Test
    void aReportedCardIsReplacedTheNewCodeReachesOnlyTheShopperAndTheOldOneIsRefused() throws Exception {
        IssuedCard lost = TestCards.active("US", 80);
        TestShopper shopper = Shoppers.customer("US");
        String caseReference;
        String newCode;
        try (Browser own = Browser.open(); Browser admin = Browser.open()) {
            own.signIn(shopper);
            caseReference = report(own, lost);
            assertThat(TestCards.reload(lost).status).isEqualTo(CardStatus.BLOCKED);
            admin.signIn(Shoppers.admin());

            HtmlPage confirm = admin.open("/backoffice/cards/" + lost.card().cardNumber + "/replace");
            assertThat(confirm.getElementById("caseReference").getAttribute("value")).isEqualTo(caseReference);
            HtmlPage unconfirmed = Forms.send(confirm, "/replace", Map.of("reason",
                    "Receipt checked: the shopper bought it on the 3rd."));
            assertThat(unconfirmed.getWebResponse().getStatusCode()).isEqualTo(422);
            HtmlPage done = Forms.send(unconfirmed, "/replace", Map.of("reason",
                    "Receipt checked: the shopper bought it on the 3rd.", "confirmed", "yes"));

            assertThat(done.asNormalizedText()).contains("the card is now cancelled").contains("Replaced by")
                    .contains("Replaced: card " + lost.card().cardNumber + " cancelled and replaced by card");
            Mail mail = Mailbox.awaitFirst(mailbox, shopper.email(), "Your replacement Brightleaf Market gift card");
            Matcher code = CODE.matcher(mail.getText());
            assertThat(code.find()).isTrue();
            newCode = code.group(1);
            assertThat(mail.getText()).contains("$80.00").contains(caseReference).contains(lost.code().lastFour());
            GiftCard replacement = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    GiftCard.<GiftCard>find("replacesCardId", lost.card().id).firstResult());
            assertThat(replacement.status).isEqualTo(CardStatus.ACTIVE);
            assertThat(replacement.amountMinor).isEqualTo(8000);
            awaitSent(replacement.id); // the mail went out; the row is marked sent just after
            HtmlPage newCardPage = admin.open("/backoffice/cards/" + replacement.cardNumber);
            assertThat(newCardPage.asNormalizedText()).contains("Issued as the replacement of card")
                    .contains("Email with its code\tsent");
            assertThat(done.asXml() + newCardPage.asXml()).doesNotContain(newCode);

            HtmlPage casePage = own.open("/support/cases/" + caseReference);
            assertThat(casePage.asNormalizedText()).contains("We've replaced your card")
                    .contains("on its way in a separate email").doesNotContain(newCode);
            assertThat(own.redeem(newCode).asNormalizedText()).contains("$80.00");
        }
        try (Browser thief = Browser.open()) {
            thief.signIn(Shoppers.customer("US"));
            assertThat(thief.redeem(lost.code().formatted()).getElementById("problem-title").getTextContent())
                    .isEqualTo("This card has been cancelled");
        }
        assertThat(TestCards.reload(lost).replacedByCardId).isNotNull();
        assertThat(Database.text("SELECT CONCAT(status, ' ', COALESCE(HEX(code_cipher), 'erased')) FROM mail_outbox"
                + " WHERE gift_card_id = (SELECT id FROM gift_card WHERE replaces_card_id = ?)", lost.card().id))
                .isEqualTo("SENT erased");
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'replace.done'"
                + " AND target_id = ?", lost.card().id)).isOne();
        assertThat(moneyChecks.run()).allMatch(MoneyChecks.CheckResult::holds);
    }

    @Test
    void aRedeemedCardIsNeverReplacedAndStaffAreToldWhoRedeemedItAndWhen() throws Exception {
        IssuedCard card = TestCards.active("US", 60);
        TestShopper redeemer = Shoppers.customer("US");
        String caseReference;
        try (Browser own = Browser.open()) {
            own.signIn(redeemer);
            own.redeem(card.code().formatted());
            caseReference = report(own, card);
        }
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            assertThat(admin.open("/backoffice/cards/" + card.card().cardNumber).asNormalizedText())
                    .doesNotContain("Replace this lost card");

            HtmlPage refused = admin.postForm("/backoffice/cards/" + card.card().cardNumber + "/replace", Map.of(
                    "caseReference", caseReference, "reason", "Shopper insists it was stolen.", "confirmed", "yes",
                    "version", Long.toString(TestCards.reload(card).version())));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("This card can't be replaced: it was redeemed on")
                    .contains(redeemer.firstName()).contains("A replacement would create the money twice");
        }
        assertThat(replacements(card)).isZero();
        assertThat(Database.text("SELECT outcome FROM audit_log WHERE action = 'replace.request' AND target_id = ?",
                card.card().id)).isEqualTo("REFUSED");
    }

    @Test
    void aReplacementAboveTheLimitWaitsForASecondAdmin() throws Exception {
        IssuedCard lost = TestCards.active("US", 900);
        TestShopper shopper = Shoppers.customer("US");
        try (Browser own = Browser.open(); Browser requester = Browser.open(); Browser second = Browser.open()) {
            own.signIn(shopper);
            report(own, lost);
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());

            HtmlPage waiting = Forms.send(requester.open("/backoffice/cards/" + lost.card().cardNumber + "/replace"),
                    "/replace", Map.of("reason", "Police report attached to the case.", "confirmed", "yes"));
            assertThat(waiting.asNormalizedText()).contains("waits for another admin");
            assertThat(TestCards.reload(lost).status).isEqualTo(CardStatus.BLOCKED);

            HtmlPage approved = Forms.send(second.open(waiting.getUrl().getPath()), "/approve", Map.of());

            assertThat(approved.asNormalizedText()).contains("approved and done");
            assertThat(Mailbox.awaitFirst(mailbox, shopper.email(), "Your replacement Brightleaf Market gift card")
                    .getText()).contains("$900.00");
        }
        assertThat(TestCards.reload(lost).status).isEqualTo(CardStatus.CANCELLED);
    }

    @Test
    void twoAdminsReplacingTheSameCardAtOnceMakeOneReplacement() throws Exception {
        IssuedCard lost = TestCards.active("US", 70);
        String caseReference;
        try (Browser own = Browser.open()) {
            own.signIn(Shoppers.customer("US"));
            caseReference = report(own, lost);
        }
        try (Browser first = Browser.open(); Browser second = Browser.open()) {
            first.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());
            String version = Long.toString(TestCards.reload(lost).version());
            List<Browser> admins = List.of(first, second);
            List<String> tokens = List.of(first.csrfToken(), second.csrfToken());

            List<Integer> statuses = Race.atOnce(List.of(0, 1).stream().map(i -> (java.util.concurrent.Callable<
                    Integer>) () -> admins.get(i).post("/backoffice/cards/" + lost.card().cardNumber + "/replace",
                    Map.of("caseReference", caseReference, "reason", "Both of us saw the report.", "confirmed",
                            "yes", "version", version, "requestKey", java.util.UUID.randomUUID().toString(),
                            "csrf-token", tokens.get(i))).getWebResponse().getStatusCode()).toList());

            assertThat(statuses).containsExactlyInAnyOrder(200, 422);
        }
        assertThat(replacements(lost)).isOne();
        assertThat(moneyChecks.run()).allMatch(MoneyChecks.CheckResult::holds);
    }

    @Test
    void anUnblockedCardIsAnnouncedOnTheShoppersCase() throws Exception {
        IssuedCard card = TestCards.active("US", 40);
        TestShopper shopper = Shoppers.customer("US");
        try (Browser own = Browser.open(); Browser support = Browser.open()) {
            own.signIn(shopper);
            String caseReference = report(own, card);
            support.signIn(Shoppers.support());

            Forms.send(support.open("/backoffice/cards/" + card.card().cardNumber), "/unblock",
                    Map.of("reason", "Shopper found the card in a coat pocket."));

            assertThat(own.open("/support/cases/" + caseReference).asNormalizedText())
                    .contains("We've checked your report about card").contains("it can be used again");
            assertThat(Mailbox.awaitFirst(mailbox, shopper.email(), "We've replied to your request " + caseReference)
                    .getText()).contains("it can be used again");
        }
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void aCaseThatNamesTheCardByItsPrintedNumberLetsOneAdminReplaceThatCardAndNoOther() throws Exception {
        IssuedCard lost = TestCards.active("US", 30);
        IssuedCard other = TestCards.active("US", 30);
        TestShopper shopper = Shoppers.customer("US");
        try (Browser own = Browser.open(); Browser admin = Browser.open()) {
            own.signIn(shopper);
            String caseReference = reference(submit(own.open("/support/cases/new?topic=LOST_OR_STOLEN"),
                    "LOST_OR_STOLEN", lost.card().formattedCardNumber(), "", "I lost the card at the station.",
                    file(files, "receipt.pdf", org.giftportal.testsupport.CaseForms.PDF)));
            assertThat(own.open("/support/cases/" + caseReference).asNormalizedText())
                    .contains(lost.card().formattedCardNumber());
            admin.signIn(Shoppers.admin());

            HtmlPage wrong = Forms.send(admin.open("/backoffice/cards/" + other.card().cardNumber + "/replace"),
                    "/replace", Map.of("caseReference", caseReference, "reason", "Receipt checked.", "confirmed",
                            "yes"));
            HtmlPage confirm = admin.open("/backoffice/cards/" + lost.card().cardNumber + "/replace");
            assertThat(confirm.getElementById("caseReference").getAttribute("value")).isEqualTo(caseReference);
            HtmlPage done = Forms.send(confirm, "/replace", Map.of("reason", "Receipt checked: bought on the 3rd.",
                    "confirmed", "yes"));

            assertThat(wrong.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(wrong.asNormalizedText()).contains("Case " + caseReference + " is about another card");
            assertThat(TestCards.reload(other).status).isEqualTo(CardStatus.ACTIVE);
            assertThat(done.asNormalizedText()).as("the shopper named it: one admin within the limits")
                    .contains("the card is now cancelled");
            assertThat(replacements(lost)).isOne();
        }
    }

    private static long replacements(IssuedCard card) throws java.sql.SQLException {
        return Database.number("SELECT COUNT(*) FROM gift_card WHERE replaces_card_id = ?", card.card().id);
    }

    /** Reports the card lost through the shopper's form, with a receipt; returns the case reference. */
    private String report(Browser own, IssuedCard card) throws Exception {
        return reference(submit(own.open("/support/cases/new?topic=LOST_OR_STOLEN"), "LOST_OR_STOLEN",
                card.code().formatted(), "", "I lost the card on the train.", file(files, "receipt.pdf",
                        org.giftportal.testsupport.CaseForms.PDF)));
    }

    private static void awaitSent(long cardId) throws Exception {
        Await.until("the code mail of card " + cardId + " marked sent", java.time.Duration.ofSeconds(10), () ->
                Database.number("SELECT COUNT(*) FROM mail_outbox WHERE gift_card_id = ? AND status = 'SENT'",
                        cardId) > 0);
    }
}
