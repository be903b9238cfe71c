package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/** Staff find cards, review holds and cancel, each with a reason in the audit log, never on their own card. */
@QuarkusTest
class CardBackOfficeTest {

    @Test
    void supportFindsACardByNumberByClaimCodeAndByItsLastFourWithoutEverSeeingTheCode() {
        IssuedCard card = TestCards.active("GB", 60);
        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());

            HtmlPage byNumber = find(staff, CardNumber.parse(card.card().cardNumber).orElseThrow().formatted());
            HtmlPage byCode = find(staff, card.code().formatted().toLowerCase());
            HtmlPage byEnding = staff.open("/backoffice/cards?last4=" + card.code().lastFour() + "&region=GB");

            assertThat(byNumber.getUrl().getPath()).isEqualTo("/backoffice/cards/" + card.card().cardNumber);
            assertThat(byCode.getUrl().getPath()).isEqualTo("/backoffice/cards/" + card.card().cardNumber);
            assertThat(byCode.getUrl().getQuery()).isNull();
            assertThat(byCode.asNormalizedText()).contains("£60.00").contains("United Kingdom")
                    .contains("Looked up by its claim code").contains(card.code().lastFour());
            assertThat(byCode.asXml()).doesNotContain(card.code().formatted());
            assertThat(byEnding.getAnchorByText(CardNumber.parse(card.card().cardNumber).orElseThrow().digits()))
                    .isNotNull();
        }
    }

    @Test
    void theOneBoxTakesALastFourAndListsTheStaffMembersOwnRegionFirst() {
        IssuedCard card = TestCards.active("US", 40);
        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            HtmlPage form = staff.open("/backoffice/cards");
            assertThat(((org.htmlunit.html.HtmlSelect) form.getHtmlElementById("region")).getSelectedOptions())
                    .extracting(option -> option.getText()).as("a US support person's region")
                    .containsExactly("United States");

            HtmlPage byEnding = find(staff, card.code().lastFour().toLowerCase());

            assertThat(byEnding.getUrl().getPath()).isEqualTo("/backoffice/cards");
            assertThat(byEnding.asNormalizedText()).contains("Cards in the United States whose code ends "
                    + card.code().lastFour());
            assertThat(byEnding.getAnchorByText(CardNumber.parse(card.card().cardNumber).orElseThrow().digits()))
                    .isNotNull();
        }
    }

    @Test
    void anUnsoldCardBlockedAndUnblockedIsStillUnsoldAndTheAuditLogSaysWhoAndWhy() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 40);
        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());

            HtmlPage blocked = act(staff, card, "Shopper reported it lost on the phone.");
            HtmlPage unblocked = act(staff, card, "Shopper found the card again.");

            assertThat(blocked.asNormalizedText()).contains("the card is now blocked");
            assertThat(unblocked.asNormalizedText()).contains("the card is now issued, not activated")
                    .contains("Blocked, by").contains("Shopper reported it lost on the phone.")
                    .contains("Unblocked, by");
        }
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ISSUED);
        assertThat(Database.text("SELECT CONCAT(before_state, ' -> ', after_state) FROM audit_log"
                + " WHERE target_id = ? AND action = 'card.unblock'", card.card().id))
                .isEqualTo("status BLOCKED (was ISSUED) -> status ISSUED");
        try (Browser shopper = Browser.open()) {
            shopper.signIn(Shoppers.customer("US"));
            assertThat(shopper.redeem(card.code().formatted()).getElementById("problem-title").getTextContent())
                    .isEqualTo("This card hasn't been activated yet");
        }
    }

    @Test
    void supportCannotCancelAndAnAdminMustConfirmBeforeACardIsCancelled() {
        IssuedCard card = TestCards.active("US", 50);
        String number = card.card().cardNumber;
        try (Browser support = Browser.open(); Browser admin = Browser.open()) {
            support.signIn(Shoppers.support());
            admin.signIn(Shoppers.admin());
            assertThat(support.open("/backoffice/cards/" + number + "/cancel").getWebResponse().getStatusCode())
                    .isEqualTo(403);

            HtmlPage confirm = admin.open("/backoffice/cards/" + number + "/cancel");
            confirm.<HtmlTextArea>getHtmlElementById("reason").setText("Sold by mistake; refunded at the till.");
            HtmlPage unconfirmed = submit(confirm);
            assertThat(unconfirmed.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);

            unconfirmed.<org.htmlunit.html.HtmlCheckBoxInput>getFirstByXPath("//input[@name='confirmed']")
                    .setChecked(true);
            HtmlPage cancelled = submit(unconfirmed);
            assertThat(cancelled.asNormalizedText()).contains("the card is now cancelled");
        }
        try (Browser shopper = Browser.open()) {
            shopper.signIn(Shoppers.customer("US"));
            assertThat(shopper.redeem(card.code().formatted()).getElementById("problem-title").getTextContent())
                    .isEqualTo("This card has been cancelled");
        }
    }

    @Test
    void aRedeemedCardCannotBeCancelledAndTheRefusalIsAudited() throws Exception {
        IssuedCard card = TestCards.active("US", 25);
        try (Browser shopper = Browser.open()) {
            shopper.signIn(Shoppers.customer("US"));
            shopper.redeem(card.code().formatted());
        }
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            HtmlPage refused = admin.postForm("/backoffice/cards/" + card.card().cardNumber + "/cancel",
                    Map.of("reason", "Trying to cancel a used card.", "confirmed", "yes",
                            "version", version(card)));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("A redeemed card can't be cancelled");
        }
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.REDEEMED);
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE target_id = ? AND action = 'card.cancel'"
                + " AND outcome = 'REFUSED'", card.card().id)).isOne();
    }

    @Test
    void staffCannotActOnTheirOwnCard() throws Exception {
        IssuedCard card = TestCards.active("US", 30);
        TestShopper colleague = Shoppers.support();
        try (Browser own = Browser.open()) {
            own.signIn(colleague);
            own.redeem(card.code().formatted());

            HtmlPage refused = own.postForm("/backoffice/cards/" + card.card().cardNumber + "/block",
                    Map.of("reason", "Blocking my own card.", "version", version(card)));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("Staff may not act on their own card");
        }
        assertThat(Database.text("SELECT outcome FROM audit_log WHERE target_id = ? AND action = 'card.block'",
                card.card().id)).isEqualTo("REFUSED");
    }

    @Test
    void twoStaffActingAtOnceOneWinsAndTheOtherIsToldTheCardChanged() {
        IssuedCard card = TestCards.active("US", 45);
        try (Browser first = Browser.open(); Browser second = Browser.open()) {
            first.signIn(Shoppers.support());
            second.signIn(Shoppers.support());
            HtmlPage firstSees = first.open("/backoffice/cards/" + card.card().cardNumber);
            HtmlPage secondSees = second.open("/backoffice/cards/" + card.card().cardNumber);

            HtmlPage won = fillAndSubmit(firstSees, "Reported stolen by the shopper.");
            HtmlPage lost = fillAndSubmit(secondSees, "Reported stolen, second call.");

            assertThat(won.asNormalizedText()).contains("the card is now blocked");
            assertThat(lost.getWebResponse().getStatusCode()).isEqualTo(409);
            assertThat(lost.asNormalizedText()).contains("Someone changed this card while you were looking at it");
        }
    }

    @Test
    void theAuditLogRefusesChangesAndDeletions() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 35);
        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            act(staff, card, "Held while we check the receipt.");
        }
        assertThatThrownBy(() -> Database.update("UPDATE audit_log SET reason = 'rewritten' WHERE target_id = ?",
                card.card().id)).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Database.update("DELETE FROM audit_log WHERE target_id = ?", card.card().id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    private static HtmlPage find(Browser staff, String query) {
        return staff.postForm("/backoffice/cards/find", Map.of("query", query));
    }

    /** Blocks or unblocks, whichever the card page offers, with the reason. */
    private static HtmlPage act(Browser staff, IssuedCard card, String reason) {
        return fillAndSubmit(staff.open("/backoffice/cards/" + card.card().cardNumber), reason);
    }

    private static HtmlPage fillAndSubmit(HtmlPage cardPage, String reason) {
        HtmlForm form = cardPage.getFirstByXPath("//form[contains(@action,'block')]");
        form.<HtmlTextArea>getOneHtmlElementByAttribute("textarea", "name", "reason").setText(reason);
        return submit(form);
    }

    /** Sends the cancel form of a confirmation page. */
    private static HtmlPage submit(HtmlPage page) {
        return submit(page.<HtmlForm>getFirstByXPath("//form[contains(@action,'/cancel')]"));
    }

    private static HtmlPage submit(HtmlForm form) {
        try {
            return form.<org.htmlunit.html.HtmlButton>getFirstByXPath(".//button[@type='submit']").click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String version(IssuedCard card) throws Exception {
        return Long.toString(Database.number("SELECT version FROM gift_card WHERE id = ?", card.card().id));
    }
}
