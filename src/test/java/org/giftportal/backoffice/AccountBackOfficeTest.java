package org.giftportal.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** Support sees a shopper's account and can lift a claim-code pause, which also forgets the failures it counted. */
@QuarkusTest
class AccountBackOfficeTest {

    @Test
    void supportLiftsAPauseAndTheShopperCanRedeemAgainAtOnce() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        IssuedCard card = TestCards.active("US", 30);
        try (Browser browser = Browser.open(); Browser staff = Browser.open()) {
            browser.signIn(shopper);
            for (int i = 0; i < 5; i++) {
                browser.redeem(ClaimCode.generate().formatted());
            }
            assertThat(browser.redeem(card.code().formatted()).getElementById("problem-title").getTextContent())
                    .isEqualTo("Too many unsuccessful tries");
            long accountId = TestCards.account(shopper).id;
            staff.signIn(Shoppers.support());

            HtmlPage before = staff.open("/backoffice/accounts/" + accountId);
            HtmlPage lifted = staff.postForm("/backoffice/accounts/" + accountId + "/lift-lock",
                    Map.of("reason", "Shopper showed the card on a video call; typos only."));

            assertThat(before.asNormalizedText()).contains("paused on this account until");
            assertThat(lifted.asNormalizedText()).contains("The claim-code pause is lifted")
                    .contains("This account is not paused. 0 failed look-ups counted");
            assertThat(browser.redeem(card.code().formatted()).asNormalizedText())
                    .contains("$30.00 added to your balance");
            // One miss after the lift doesn't lock again: the counted failures were forgotten with the pause.
            assertThat(browser.redeem(ClaimCode.generate().formatted()).getElementById("problem-title")
                    .getTextContent()).isEqualTo("We couldn't find that gift card");
            assertThat(Database.text("SELECT reason FROM audit_log WHERE action = 'account.lift-lock'"
                    + " AND target_id = ?", accountId)).isEqualTo("Shopper showed the card on a video call; typos only.");
        }
    }

    @Test
    void staffCannotLiftTheirOwnPause() throws Exception {
        TestShopper colleague = Shoppers.support();
        try (Browser browser = Browser.open()) {
            browser.signIn(colleague);
            for (int i = 0; i < 5; i++) {
                browser.redeem(ClaimCode.generate().formatted());
            }
            long own = TestCards.account(colleague).id;

            HtmlPage refused = browser.postForm("/backoffice/accounts/" + own + "/lift-lock",
                    Map.of("reason", "Lifting my own pause."));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("You can't lift the pause on your own account");
            assertThat(Database.text("SELECT outcome FROM audit_log WHERE action = 'account.lift-lock'"
                    + " AND target_id = ?", own)).isEqualTo("REFUSED");
        }
    }

    @Test
    void supportFindsAnAccountByEmailByTheStartOfANameOrBySubject() throws Exception {
        TestShopper shopper = Shoppers.customer("GB");
        String lastName = "Quenby" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Shoppers.rename(shopper, "Marguerite", lastName);
        try (Browser browser = Browser.open(); Browser staff = Browser.open()) {
            browser.signIn(shopper);
            long accountId = TestCards.account(shopper).id;
            staff.signIn(Shoppers.support());
            String link = "/backoffice/accounts/" + accountId;

            for (String query : new String[] {shopper.email(), lastName.substring(0, 9).toLowerCase(),
                    "Marguerite " + lastName, shopper.keycloakId()}) {
                HtmlPage found = staff.open("/backoffice?q=" + java.net.URLEncoder.encode(query, "UTF-8"));
                assertThat(found.getAnchorByHref(link).getTextContent()).as(query).isEqualTo("Marguerite " + lastName);
            }
            // Only the start of a word matches, and typed wildcards are taken literally.
            assertThat(staff.open("/backoffice?q=" + lastName.substring(2)).asNormalizedText())
                    .contains("No account matches");
            assertThat(staff.open("/backoffice?q=%25" + lastName.substring(2)).asNormalizedText())
                    .contains("No account matches");
        }
    }
}
