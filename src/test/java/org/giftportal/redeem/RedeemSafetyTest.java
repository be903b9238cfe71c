package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.LogCapture;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gift email's link, the confirmation email, forged and absurd submissions, and logs free of codes. */
@QuarkusTest
class RedeemSafetyTest {
    private static LogCapture logs;
    private static final List<IssuedCard> CODES_USED = new ArrayList<>();

    @Inject
    MockMailbox mailbox;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void noLogLineEverContainedAClaimCode() throws Exception {
        // Access log lines are written as responses complete: a last request's line means the earlier ones are in.
        String probe = "/redeem-safety-probe-" + java.util.UUID.randomUUID();
        try (Browser browser = Browser.open()) {
            browser.fetch(probe);
        }
        org.giftportal.testsupport.Await.until("the last request's access log line", java.time.Duration.ofSeconds(10),
                () -> logs.lines().stream().anyMatch(line -> line.contains(probe)));
        logs.close();
        List<String> lines = logs.lines();
        assertThat(lines).as("the capture saw the redeem traffic").anyMatch(line -> line.contains("GET /redeem"));
        for (IssuedCard card : CODES_USED) {
            String formatted = card.code().formatted();
            for (String form : List.of(formatted, formatted.replace("-", ""), formatted.toLowerCase(),
                    RedeemPageTest.sloppy(formatted), formatted.substring(0, 11))) {
                assertThat(lines).as("log lines containing a claim code").noneMatch(line -> line.contains(form));
            }
        }
    }

    @Test
    void giftEmailLinkSignsInComesBackPrefilledAndRedeemsOnlyOnThePress() {
        IssuedCard card = used(TestCards.active("US", 100));
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            HtmlPage login = browser.open("/redeem?claimCode=" + card.code().formatted());
            assertThat(login.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());

            HtmlPage form = Browser.submitLogin(login, shopper.username(), shopper.password());

            assertThat(form.getUrl().getPath()).isEqualTo("/redeem");
            assertThat(form.getElementById("claimCode").getAttribute("value")).isEqualTo(card.code().formatted());
            assertThat(form.getWebResponse().getResponseHeaderValue("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);

            HtmlPage done = Browser.submitRedeemForm(form, null);

            assertThat(done.asNormalizedText()).contains("$100.00 added to your balance");
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.REDEEMED);
        }
    }

    @Test
    void confirmationEmailSaysWhatWasAddedWithTheMaskedCodeAndTheNewBalance() throws InterruptedException {
        IssuedCard card = used(TestCards.active("IN", 2000));
        TestShopper shopper = Shoppers.customer("IN");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            browser.redeem(card.code().formatted());
        }

        Mail mail = Mailbox.awaitFirst(mailbox, shopper.email());

        assertThat(mail.getSubject()).isEqualTo("You added ₹2,000.00 to your Brightleaf Market balance");
        assertThat(mail.getText()).contains("Hello " + shopper.displayName())
                .contains("Gift card: ••••-••••••-•" + card.code().lastFour())
                .contains("Amount added: ₹2,000.00")
                .contains("Your balance now: ₹2,000.00")
                .contains("IST")
                .doesNotContain(card.code().formatted());
        assertThat(mail.getHtml()).contains("₹2,000.00").doesNotContain(card.code().formatted());
    }

    @Test
    void formWithoutItsCsrfTokenIsRejectedWithAClearPageAndRedeemsNothing() {
        IssuedCard card = used(TestCards.active("US", 25));
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage rejected = browser.post("/redeem", Map.of("claimCode", card.code().formatted(),
                    "requestId", "00000000-0000-0000-0000-000000000001"));
            HtmlPage forged = browser.post("/redeem", Map.of("claimCode", card.code().formatted(),
                    "csrf-token", "forged-token-value"));

            // A cross-site form may post text/plain, which carries no token to check: the pages take forms only.
            HtmlPage plain = browser.post("/redeem", Map.of("claimCode", card.code().formatted()),
                    org.htmlunit.FormEncodingType.TEXT_PLAIN);

            for (HtmlPage page : List.of(rejected, forged)) {
                assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
                assertThat(page.asNormalizedText()).contains("We couldn't accept that form")
                        .doesNotContain("Exception").doesNotContain(card.code().formatted());
            }
            assertThat(plain.getWebResponse().getStatusCode()).isEqualTo(415);
            assertThat(plain.asNormalizedText()).contains("We couldn't read that form");
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
        }
    }

    @Test
    void absurdInputGetsAClearMessageAndChangesNothing() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            Account before = TestCards.account(shopper);
            Map<String, String> inputs = Map.of(
                    "", "Enter a claim code",
                    "X".repeat(10_000), "That code looks mistyped",
                    "🎁🎁🎁-🎁🎁🎁", "That code looks mistyped",
                    "' OR '1'='1'; DROP TABLE gift_card; --", "That code looks mistyped",
                    "<script>alert('x')</script>", "That code looks mistyped");

            inputs.forEach((input, title) -> {
                HtmlPage page = browser.postWithToken("/redeem", "/redeem", Map.of("claimCode", input));
                assertThat(page.getWebResponse().getStatusCode()).as(input).isEqualTo(422);
                assertThat(page.getElementById("problem-title").getTextContent()).as(input).isEqualTo(title);
                assertThat(page.getWebResponse().getContentAsString()).doesNotContain("<script>alert");
            });

            Account after = TestCards.account(shopper);
            assertThat(after.balanceMinor).isEqualTo(before.balanceMinor);
            assertThat(TestCards.ledgerCount(after.id)).isZero();
            IssuedCard card = used(TestCards.active("US", 25));
            assertThat(browser.redeem(card.code().formatted()).asNormalizedText())
                    .as("bad input did not count towards the lock").contains("$25.00 added to your balance");
        }
    }

    private static IssuedCard used(IssuedCard card) {
        CODES_USED.add(card);
        return card;
    }

}
