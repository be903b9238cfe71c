package org.giftportal.help;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.IssuedCard;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.redeem.CodeProblem;
import org.giftportal.redeem.LockScope;
import org.giftportal.redeem.ProblemExplanations;
import org.giftportal.support.CaseTopic;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The help centre: every article findable, every problem's link real, own facts only for their owner. */
@QuarkusTest
class HelpCenterTest {

    @Inject
    ProblemExplanations explanations;

    @Inject
    ClaimGuard claimGuard;

    @Test
    void everyArticleIsLinkedFromTheHelpHomeAndFoundBySearchingItsTitle() {
        String home = given().when().get("/help").then().statusCode(200).extract().asString();
        List<HelpArticle> articles = QuarkusTransaction.requiringNew().call(() -> HelpArticle.<HelpArticle>listAll());
        assertThat(articles).hasSizeGreaterThanOrEqualTo(12);
        for (String slug : articles.stream().map(article -> article.slug).distinct().toList()) {
            assertThat(home).as("help home links " + slug).contains("href=\"/help/" + slug + "\"");
        }
        for (HelpArticle article : articles.stream().filter(article -> article.region == null).toList()) {
            given().queryParam("q", article.title).when().get("/help/search")
                    .then().statusCode(200).body(containsString("href=\"/help/" + article.slug + "\""));
            given().when().get("/help/" + article.slug)
                    .then().statusCode(200).body(containsString("Did this solve your problem?"));
        }
    }

    @Test
    void searchRanksTheBestMatchFirstAndOffersContactWhenNothingMatches() {
        String results = given().queryParam("q", "activated till receipt").when().get("/help/search")
                .then().statusCode(200).extract().asString();
        assertThat(results.indexOf("/help/card-not-activated")).isPositive()
                .isLessThan(results.indexOf("/help/invalid-code") < 0 ? Integer.MAX_VALUE
                        : results.indexOf("/help/invalid-code"));

        String expired = given().queryParam("q", "expired").when().get("/help/search")
                .then().statusCode(200).extract().asString();
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("href=\"/help/([a-z-]+)\"").matcher(
                expired.substring(expired.indexOf("<main")));
        org.assertj.core.api.Assertions.assertThat(first.find() ? first.group(1) : "").as("'expired' finds 'expire'"
                + " in a title first").isEqualTo("card-expired");

        given().queryParam("q", "xylophone quasar").when().get("/help/search")
                .then().statusCode(200)
                .body(containsString("No articles match"))
                .body(containsString("+1 800 555 0142"))
                .body(containsString("href=\"/support/cases/new\""));
    }

    @Test
    void aQuestionAnsweredTwiceIsOneArticleAndItsOldAddressLeadsThere() {
        given().redirects().follow(false).queryParam("region", "GB").when().get("/help/lost-or-stolen-faq")
                .then().statusCode(301).header("Location", org.hamcrest.Matchers.endsWith(
                        "/help/lost-or-stolen-card?region=GB"));
        given().redirects().follow(false).when().get("/help/code-not-working")
                .then().statusCode(301).header("Location", org.hamcrest.Matchers.endsWith("/help/invalid-code"));
        String lost = given().queryParam("q", "lost stolen").when().get("/help/search").then().statusCode(200)
                .extract().asString();
        assertThat(lost).contains("/help/lost-or-stolen-card").doesNotContain("/help/lost-or-stolen-faq");
        given().when().get("/help/invalid-code").then().statusCode(200)
                .body(containsString("Other reasons a code doesn")).body(containsString("ACDE-FGHJKM-NPQRT"))
                .body(org.hamcrest.Matchers.not(containsString("ABCD-")));
        given().when().get("/help/no-such-article").then().statusCode(404);
    }

    @Test
    void everyRedeemAndCheckProblemLinksToARealArticle() {
        Account account = TestAccounts.create("US", "USD");
        List<CodeProblem> problems = List.of(
                new CodeProblem.Mistyped(ClaimCode.FormatProblem.EMPTY),
                new CodeProblem.Mistyped(ClaimCode.FormatProblem.CHECK_FAILED),
                new CodeProblem.NotFound(),
                new CodeProblem.Locked(Instant.now(), LockScope.ACCOUNT),
                new CodeProblem.Locked(Instant.now(), LockScope.ADDRESS),
                new CodeProblem.Busy(),
                new CodeProblem.NotDone(java.time.Duration.ofSeconds(5)),
                new CodeProblem.CardRefused(new CardVerdict.AlreadyRedeemedByYou(Instant.now())),
                new CodeProblem.CardRefused(new CardVerdict.AlreadyRedeemedBySomeoneElse()),
                new CodeProblem.CardRefused(new CardVerdict.NotActivated()),
                new CodeProblem.CardRefused(new CardVerdict.ReportedLostOrStolen()),
                new CodeProblem.CardRefused(new CardVerdict.Cancelled()),
                new CodeProblem.CardRefused(new CardVerdict.Expired(Instant.now())),
                new CodeProblem.CardRefused(new CardVerdict.WrongRegion("GB")));
        for (CodeProblem problem : problems) {
            String url = explanations.explain(problem, account).helpUrl();
            given().when().get(url).then().statusCode(200).body(not(containsString("find that page")));
        }
        for (CaseTopic topic : CaseTopic.values()) {
            if (topic.helpSlug() != null) {
                given().when().get("/help/" + topic.helpSlug()).then().statusCode(200);
            }
        }
    }

    @Test
    void lockArticleShowsTheSignedInShoppersOwnUnlockTimeAndNobodyElses() {
        TestShopper locked = Shoppers.customer("US");
        TestShopper other = Shoppers.customer("US");
        try (Browser lockedBrowser = Browser.open(); Browser otherBrowser = Browser.open()) {
            lockedBrowser.signIn(locked);
            otherBrowser.signIn(other);
            long accountId = TestCards.account(locked).id;
            for (int i = 0; i < 5; i++) {
                claimGuard.lookUp("test", accountId, "10.77.0.1", () -> "a wrong code", result -> true,
                        problem -> "locked");
            }

            String mine = lockedBrowser.open("/help/claim-code-locked").asNormalizedText();
            String theirs = otherBrowser.open("/help/claim-code-locked").asNormalizedText();
            String anonymous = given().when().get("/help/claim-code-locked").asString();

            assertThat(mine).contains("Redeeming and checking codes is paused on your account until");
            assertThat(theirs).contains("Redeeming is not paused on your account right now")
                    .doesNotContain("paused on your account until");
            assertThat(anonymous).doesNotContain("Your account").doesNotContain("paused on your account");
        }
    }

    @Test
    void alreadyRedeemedArticleListsOnlyYourOwnRecentRedemptionsMasked() {
        TestShopper shopper = Shoppers.customer("US");
        TestShopper other = Shoppers.customer("US");
        IssuedCard card = TestCards.active("US", 40);
        try (Browser browser = Browser.open(); Browser otherBrowser = Browser.open()) {
            browser.signIn(shopper);
            otherBrowser.signIn(other);
            browser.redeem(card.code().formatted());

            HtmlPage mine = browser.open("/help/already-redeemed");
            HtmlPage theirs = otherBrowser.open("/help/already-redeemed");

            assertThat(mine.asNormalizedText()).contains("••••-••••••-•" + card.code().lastFour() + ", $40.00");
            assertThat(mine.asXml()).doesNotContain(card.code().formatted());
            assertThat(theirs.asNormalizedText()).contains("You haven't redeemed any gift cards yet")
                    .doesNotContain(card.code().lastFour());
        }
    }

    @Test
    void regionArticlesSpeakOfTheReadersOwnRegion() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("IN"));

            assertThat(browser.open("/help/region-restrictions").asNormalizedText())
                    .contains("Your account is in India; its balance is kept in INR.");
            assertThat(browser.open("/help/card-expired").asNormalizedText())
                    .contains("Gift cards sold in India can be redeemed for 10 years");
            assertThat(browser.open("/help/contact").asNormalizedText()).contains("+91 1800 555 0123")
                    .contains("Every day, 9 am to 9 pm IST");
        }
        given().when().get("/help/card-expired").then()
                .body(containsString("gift cards sold in United States don't expire"));
        given().queryParam("region", "IN").when().get("/help/card-expired").then()
                .body(containsString("Gift cards sold in India can be redeemed for 10 years"));
        given().queryParam("region", "IN").when().get("/help/using-your-balance").then()
                .body(containsString("<strong>Gold and silver coins and bars.</strong>"))
                .body(not(containsString("Lottery and gambling products")));
        given().queryParam("region", "GB").when().get("/help/using-your-balance").then()
                .body(containsString("Lottery and gambling products"));
        given().queryParam("region", "GB").when().get("/help/contact").then()
                .body(containsString("+44 800 555 0199")).body(containsString("Monday to Saturday"));
    }

    @Test
    void feedbackIsCountedPerArticle() {
        long before = solvedCount("how-to-check-balance");
        try (Browser browser = Browser.open()) {
            HtmlPage article = browser.open("/help/how-to-check-balance");
            HtmlButton yes = article.getFirstByXPath("//form[contains(@action,'/feedback')]//button[@value='yes']");

            HtmlPage thanked = clickQuietly(yes);

            assertThat(thanked.asNormalizedText()).contains("Thanks for telling us");
        }
        assertThat(solvedCount("how-to-check-balance")).isEqualTo(before + 1);
    }

    @Test
    void markdownWithHtmlAndScriptRendersInert() {
        QuarkusTransaction.requiringNew().run(() -> {
            HelpArticle article = new HelpArticle();
            article.slug = "test-inert-markup";
            article.category = ArticleCategory.GUIDE;
            article.task = "balance";
            article.title = "Inert <b>markup</b>";
            article.summary = "Test article";
            article.body = "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
                    + "[click](javascript:alert(1)) and **bold** for {{brand}}";
            article.sortOrder = 999;
            article.lastReviewed = LocalDate.now();
            article.persist();
        });
        try {
            String page = given().when().get("/help/test-inert-markup").then().statusCode(200).extract().asString();

            assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .doesNotContain("href=\"javascript:").doesNotContain("<b>markup</b>")
                    .contains("&lt;script&gt;").contains("<strong>bold</strong>").contains("for Brightleaf Market");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> HelpArticle.delete("slug", "test-inert-markup"));
        }
    }

    @Test
    void unknownArticleIsAFriendlyNotFound() {
        given().when().get("/help/no-such-article").then().statusCode(404).body(containsString("find that page"));
    }

    private static long solvedCount(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = HelpArticle.getEntityManager()
                    .createNativeQuery("SELECT solved FROM help_feedback WHERE slug = ?1").setParameter(1, slug)
                    .getResultList();
            return rows.isEmpty() ? 0L : ((Number) rows.get(0)).longValue();
        });
    }

    private static HtmlPage clickQuietly(HtmlButton button) {
        try {
            return button.click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
