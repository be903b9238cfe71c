package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * A risky redemption as its shopper and staff see it: the shopper reads "being checked" on the confirmation and,
 * apart from the spendable balance, on the balance page; support finds it in the work waiting and the review queue and
 * releases it there; the shopper's balance then has it, once.
 */
@QuarkusTest
class ReviewPagesTest {
    @jakarta.inject.Inject
    RedemptionService redemptions;

    private long someoneElsesReview() {
        org.giftportal.account.Account other = org.giftportal.testsupport.TestAccounts.create("AU", "AUD");
        RedemptionOutcome held = redemptions.redeem(other.id, TestCards.active("AU", 900).code().formatted(),
                new RedemptionService.Visit("10.29.0.1", "Safari on macOS"), java.util.UUID.randomUUID().toString());
        return ((RedemptionOutcome.HeldForReview) held).review().id;
    }

    @Test
    void aHeldRedemptionIsBeingCheckedForTheShopperAndReleasedFromTheQueue() throws Exception {
        TestShopper shopper = Shoppers.customer("AU");
        IssuedCard card = TestCards.active("AU", 800);
        try (Browser own = Browser.open(); Browser staff = Browser.open()) {
            own.signIn(shopper);
            HtmlPage checking = own.redeem(card.code().formatted());

            assertThat(checking.getUrl().getPath()).startsWith("/redeem/checking/");
            assertThat(checking.asNormalizedText()).contains("We're checking this gift card before adding it")
                    .contains("$800.00").contains("less than 24 hours").doesNotContain(card.code().formatted());
            HtmlPage balance = own.open("/balance");
            assertThat(balance.asNormalizedText()).contains("$0.00")
                    .contains("Not yet in your balance: $800.00 from 1 gift card we're checking before adding it");
            HtmlPage again = own.redeem(card.code().formatted());
            assertThat(again.asNormalizedText()).contains("We're checking this card before adding it");
            assertThat(own.open("/redeem/checking/" + someoneElsesReview()).getWebResponse().getStatusCode())
                    .as("another shopper's review").isEqualTo(404);

            String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
            assertThat(metrics).containsPattern("(?m)^portal_fraud_reviews_waiting(\\{[^}]*})? [1-9]")
                    .containsPattern("(?m)^portal_fraud_reviews_oldest_seconds(\\{[^}]*})? ")
                    .containsPattern("(?m)^portal_fraud_rule_hits_total\\{[^}]*rule=\"new_account_value\"[^}]*}"
                            + " [1-9]");
            staff.signIn(Shoppers.support());
            assertThat(staff.open("/backoffice").asNormalizedText()).contains("Redemptions held for review");
            HtmlPage queue = staff.open("/backoffice/reviews");
            assertThat(queue.asNormalizedText()).contains(card.card().formattedCardNumber())
                    .contains("an account younger than 1 day redeemed 800.00 AUD within 1 hour");
            long review = Database.number("SELECT id FROM redemption_review WHERE gift_card_id = ?", card.card().id);
            HtmlPage unexplained = Forms.send(queue, "/backoffice/reviews/" + review + "/release", Map.of());
            assertThat(unexplained.getWebResponse().getStatusCode()).isEqualTo(422);
            HtmlPage released = Forms.send(staff.open("/backoffice/reviews"), "/backoffice/reviews/" + review
                    + "/release", Map.of("note", "Receipt from the shop matches the account's owner."));
            assertThat(released.asNormalizedText()).contains("Released");
        }
        try (Browser own = Browser.open()) {
            own.signIn(shopper);
            assertThat(own.open("/balance").asNormalizedText()).contains("$800.00").contains("Gift card redeemed")
                    .doesNotContain("Not yet in your balance");
        }
        assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE gift_card_id = ?", card.card().id))
                .isOne();
    }
}
