package org.giftportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/** Admins read every staff action, filtered, and take it away as CSV. */
@QuarkusTest
class AuditLogTest {

    @Test
    void anAdminFindsWhatWasDoneToACardAndDownloadsIt() throws Exception {
        IssuedCard card = TestCards.active("US", 80);
        try (Browser support = Browser.open(); Browser admin = Browser.open()) {
            support.signIn(Shoppers.support());
            HtmlPage cardPage = support.open("/backoffice/cards/" + card.card().cardNumber);
            HtmlForm block = cardPage.getFirstByXPath("//form[contains(@action,'/block')]");
            block.<HtmlTextArea>getOneHtmlElementByAttribute("textarea", "name", "reason")
                    .setText("Shopper called: card = lost, \"urgent\"");
            block.<org.htmlunit.html.HtmlButton>getFirstByXPath(".//button").click();
            admin.signIn(Shoppers.admin());

            HtmlPage log = admin.open("/backoffice/audit?target=" + card.card().cardNumber);
            Page csv = admin.client().getPage(new URL(log.getUrl(), log.getAnchorByText("Download as CSV")
                    .getHrefAttribute()));

            assertThat(log.asNormalizedText()).as("actions in words, not keys").contains("Block a card")
                    .doesNotContain("card.block").contains("done")
                    .contains("Shopper called: card = lost")
                    .contains("status ACTIVE → status BLOCKED (was ACTIVE)");
            String rows = csv.getWebResponse().getContentAsString();
            assertThat(rows.lines().findFirst().orElseThrow()).startsWith("at,actor_subject,actor_name,action");
            assertThat(rows).contains("card.block,DONE,CARD," + card.card().id + "," + card.card().cardNumber)
                    .contains("\"Shopper called: card = lost, \"\"urgent\"\"\"");
        }
    }

    @Test
    void theActionFilterOffersActionsInWordsAndFindsTheirSteps() {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());

            HtmlPage page = admin.open("/backoffice/audit?action=issue.");

            org.htmlunit.html.HtmlSelect action = page.getHtmlElementById("action");
            assertThat(action.getSelectedOptions()).extracting(option -> option.getText())
                    .containsExactly("Issue cards (every step)");
            assertThat(action.getOptions()).extracting(option -> option.getText()).contains("Block a card",
                    "Reply to a shopper", "Balance adjustment (every step)");
        }
    }

    @Test
    void aFilterThatIsNotOneGetsAPageThatSaysSo() {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());

            HtmlPage page = admin.open("/backoffice/audit?from=yesterday");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.asNormalizedText()).contains("Dates look like 2026-11-26.");
        }
    }
}
