package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The scam warning before the money moves, in the tests' reviewing region (AU): high-value cards in quick succession,
 * or a code another account looked up minutes ago, show one plain page first; nothing is credited until the shopper
 * presses on; each rule shows once per signed-in session, and how often it is shown and continued past is counted.
 */
@QuarkusTest
class ScamWarningTest {
    @jakarta.inject.Inject
    RedemptionService redemptions;

    @jakarta.inject.Inject
    org.giftportal.testsupport.TestClock clock;
    private static final String WARNING = "Stop: is someone asking you for gift cards?";

    @Test
    void aSecondHighValueCardInHalfAnHourWarnsOnceAndOnePressRedeemsIt() throws Exception {
        TestShopper shopper = Shoppers.customer("AU");
        IssuedCard first = TestCards.active("AU", 200);
        IssuedCard second = TestCards.active("AU", 210);
        double shownBefore = counted("high_value_cards", "shown");
        double continuedBefore = counted("high_value_cards", "continued");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            assertThat(browser.redeem(first.code().formatted()).asNormalizedText()).contains("added to your balance");

            HtmlPage warning = browser.redeem(second.code().formatted());

            assertThat(warning.asNormalizedText()).contains(WARNING)
                    .contains("You're adding several high-value gift cards in a short time")
                    .contains("Nobody real asks to be paid in gift cards");
            assertThat(warning.getAnchorByHref("/help/gift-card-scams")).isNotNull();
            assertThat(balance(shopper)).as("nothing moved yet").isEqualTo(20_000);
            HtmlPage redeemed = Forms.send(warning, "/redeem", Map.of());
            assertThat(redeemed.asNormalizedText()).contains("$210.00 added to your balance");
            assertThat(balance(shopper)).isEqualTo(41_000);

            HtmlPage third = browser.redeem(TestCards.active("AU", 50).code().formatted());
            assertThat(third.asNormalizedText()).as("shown once per session").doesNotContain(WARNING);
            HtmlPage fourth = browser.redeem(TestCards.active("AU", 220).code().formatted());
            assertThat(fourth.asNormalizedText()).as("the rule's warning was seen in this session")
                    .doesNotContain(WARNING);
        }
        assertThat(counted("high_value_cards", "shown")).isEqualTo(shownBefore + 1);
        assertThat(counted("high_value_cards", "continued")).isEqualTo(continuedBefore + 1);
    }

    @Test
    void aCodeAnotherAccountLookedUpMinutesAgoWarnsBeforeItIsRedeemed() throws Exception {
        IssuedCard card = TestCards.active("AU", 40);
        try (Browser checker = Browser.open(); Browser typist = Browser.open()) {
            checker.signIn(Shoppers.customer("AU"));
            HtmlPage checked = Forms.send(checker.open("/cards/check"), "/cards/check",
                    Map.of("claimCode", card.code().formatted()));
            assertThat(checked.asNormalizedText()).contains("Active: ready to redeem");
            assertThat(Database.number("SELECT COUNT(*) FROM code_look_up WHERE code_hash = (SELECT code_hash FROM"
                    + " gift_card WHERE id = ?)", card.card().id)).isOne();

            TestShopper shopper = Shoppers.customer("AU");
            typist.signIn(shopper);
            HtmlPage warning = typist.redeem(card.code().formatted());

            assertThat(warning.asNormalizedText()).contains(WARNING)
                    .contains("Someone on another account checked this card's code a few minutes ago");
            assertThat(Database.text("SELECT status FROM gift_card WHERE id = ?", card.card().id)).isEqualTo("ACTIVE");
            HtmlPage redeemed = Forms.send(warning, "/redeem", Map.of());
            assertThat(redeemed.asNormalizedText()).contains("$40.00 added to your balance");
        }
    }

    @Test
    void theHighValueRuleLooksBackHalfAnHourOnTheClockAndTheHelpCentreExplainsScams() throws Exception {
        org.giftportal.account.Account account = org.giftportal.testsupport.TestAccounts.create("AU", "AUD");
        Database.update("UPDATE account SET created_at = created_at - INTERVAL 2 DAY WHERE id = ?", account.id);
        String session = java.util.UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
        assertThat(redeem(account, 300, session)).isInstanceOf(RedemptionOutcome.Redeemed.class);
        clock.advance(java.time.Duration.ofMinutes(31));
        assertThat(redeem(account, 300, session)).as("the first is out of the window")
                .isInstanceOf(RedemptionOutcome.Redeemed.class);
        RedemptionOutcome third = redeem(account, 300, session);
        assertThat(third).isInstanceOf(RedemptionOutcome.WarnFirst.class);
        assertThat(((RedemptionOutcome.WarnFirst) third).rule()).isEqualTo(ScamWarnings.Rule.HIGH_VALUE_CARDS);

        String article = io.restassured.RestAssured.get("/help/already-redeemed").asString();
        assertThat(article).contains("/support/cases/new?topic=ALREADY_REDEEMED").contains("/help/gift-card-scams");
        assertThat(io.restassured.RestAssured.get("/help/gift-card-scams").asString())
                .contains("Nobody real asks to be paid in gift cards");
    }

    private RedemptionOutcome redeem(org.giftportal.account.Account account, long dollars, String session) {
        return redemptions.redeem(account.id, TestCards.active("AU", dollars).code().formatted(),
                new RedemptionService.Visit("10.30.0.1", "Chrome on Android", session),
                java.util.UUID.randomUUID().toString());
    }

    private static long balance(TestShopper shopper) throws Exception {
        return Database.number("SELECT balance_minor FROM account WHERE subject = ?", shopper.keycloakId());
    }

    private static double counted(String rule, String step) {
        Matcher counter = Pattern.compile("(?m)^portal_fraud_warnings_total\\{[^}]*rule=\"" + rule + "\"[^}]*step=\""
                + step + "\"[^}]*} (\\S+)$").matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }
}
