package org.giftportal.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The language of the pages: a visitor's browser languages among all the portal speaks, a choice from the footer (a
 * plain form) kept in a cookie, a signed-in shopper's choice kept on their account among their region's languages,
 * and the sign-in screens asked for the same language.
 */
@QuarkusTest
class LanguageSwitchTest {

    @Test
    void aVisitorReadsTheBestOfTheirBrowsersLanguagesAndEnglishWhenNoneFits() {
        String hindi = given().header("Accept-Language", "hi-IN,hi;q=0.9,en;q=0.8").when().get("/help").then()
                .statusCode(200).extract().asString();
        assertThat(hindi).contains("<html lang=\"hi\" dir=\"ltr\">").contains("सहायता केंद्र");
        String spanish = given().header("Accept-Language", "es-MX,es;q=0.9").when().get("/help").then()
                .statusCode(200).extract().asString();
        assertThat(spanish).contains("<html lang=\"es\" dir=\"ltr\">").contains("Centro de ayuda");
        String french = given().header("Accept-Language", "fr-FR").when().get("/help").then().statusCode(200)
                .extract().asString();
        assertThat(french).contains("<html lang=\"en\" dir=\"ltr\">").contains("Help centre");
    }

    @Test
    void aVisitorChoosesALanguageInTheFooterWithoutJavaScriptAndKeepsIt() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.client().getOptions().setJavaScriptEnabled(false);
            HtmlPage help = browser.open("/help/contact");
            assertThat(help.getDocumentElement().getAttribute("lang")).isEqualTo("en");
            assertThat(offered(help)).contains("English", "Español",
                    "हिन्दी");

            HtmlPage spanish = Forms.send(help, "/language", Map.of("language", "es"));

            assertThat(spanish.getUrl().getPath()).as("back on the page being read").isEqualTo("/help/contact");
            assertThat(spanish.getDocumentElement().getAttribute("lang")).isEqualTo("es");
            assertThat(spanish.asNormalizedText()).contains("Centro de ayuda");
            assertThat(browser.open("/restrictions").getDocumentElement().getAttribute("lang")).isEqualTo("es");
        }
    }

    @Test
    void aShoppersChoiceIsKeptOnTheirAccountAndFollowsThemToAnotherDevice() throws Exception {
        TestShopper priya = Shoppers.customer("IN");
        try (Browser laptop = Browser.open()) {
            laptop.signIn(priya);
            HtmlPage page = laptop.open("/help");
            assertThat(offered(page)).contains("English", "हिन्दी")
                    .doesNotContain("Español");
            HtmlPage hindi = Forms.send(page, "/language", Map.of("language", "hi"));
            assertThat(hindi.getDocumentElement().getAttribute("lang")).isEqualTo("hi");
        }
        assertThat(Database.text("SELECT language FROM account WHERE subject = ?", priya.keycloakId()))
                .isEqualTo("hi");
        try (Browser phone = Browser.open()) {
            phone.signIn(priya);
            HtmlPage page = phone.open("/help");
            assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("hi");
            assertThat(page.asNormalizedText()).contains("सहायता केंद्र");
            assertThat(phone.portalCookieJar()).as("kept on this device too, so the next page needn't ask")
                    .anySatisfy(cookie -> assertThat(cookie.getName() + "=" + cookie.getValue())
                            .isEqualTo(ShopperLanguage.COOKIE + "=hi"));
        }
    }

    @Inject
    io.quarkus.mailer.MockMailbox mailbox;

    @Test
    void aShoppersMailSpeaksTheLanguageKeptOnTheirAccount() throws Exception {
        TestShopper priya = Shoppers.customer("IN");
        try (Browser browser = Browser.open()) {
            browser.signIn(priya);
            Forms.send(browser.open("/help"), "/language", Map.of("language", "hi"));
            browser.redeem(org.giftportal.testsupport.TestCards.active("IN", 1500).code().formatted());
        }
        io.quarkus.mailer.Mail mail = org.giftportal.testsupport.Mailbox.awaitFirst(mailbox, priya.email());
        assertThat(mail.getSubject()).isEqualTo("आपने अपने Brightleaf Market बैलेंस में ₹1,500.00 जोड़े");
        assertThat(mail.getHtml()).contains("<html lang=\"hi\">").contains("आपका गिफ़्ट कार्ड आपके बैलेंस में जुड़ गया है");
        assertThat(mail.getText()).contains("अब आपका बैलेंस: ₹1,500.00");
    }

    @Test
    void aSpanishReadersDatesAreWrittenInSpanishTheRegionsWay() throws Exception {
        TestShopper alex = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(alex);
            browser.redeem(org.giftportal.testsupport.TestCards.active("US", 30).code().formatted());
            HtmlPage balance = Forms.send(browser.open("/balance"), "/language", Map.of("language", "es"));
            String month = java.time.format.DateTimeFormatter.ofPattern("MMMM", java.util.Locale.forLanguageTag(
                    "es-US")).format(java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")));
            assertThat(balance.asNormalizedText()).contains(" de " + month + " de ").contains("$30.00");
        }
    }

    @Test
    void aLanguageTheShoppersRegionDoesntSpeakIsNeitherOfferedNorKept() throws Exception {
        TestShopper alex = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(alex);
            HtmlPage page = browser.open("/help");
            assertThat(offered(page)).contains("English", "Español")
                    .doesNotContain("हिन्दी");
            HtmlPage after = browser.postForm("/language", Map.of("language", "hi"));
            assertThat(after.getDocumentElement().getAttribute("lang")).isEqualTo("en");
            HtmlPage unknown = browser.postForm("/language", Map.of("language", "xx-evil"));
            assertThat(unknown.getUrl().getHost()).isEqualTo(browser.portalHost());
            assertThat(unknown.getDocumentElement().getAttribute("lang")).isEqualTo("en");
        }
        assertThat(Database.text("SELECT COALESCE(language, 'none') FROM account WHERE subject = ?",
                alex.keycloakId())).isEqualTo("none");
    }

    @Test
    void theSwitcherReturnsToThePageItWasOnAndNeverLeavesTheSite() {
        assertThat(LanguageResource.pageSwitchedOn("https://portal.example/help/contact?x=1"))
                .hasToString("/help/contact?x=1");
        assertThat(LanguageResource.pageSwitchedOn("https://evil.example//evil.example/x")).hasToString("/");
        assertThat(LanguageResource.pageSwitchedOn(null)).hasToString("/");
        assertThat(LanguageResource.pageSwitchedOn("not a uri at all")).hasToString("/");
    }

    /** The languages the footer's switcher offers, by their names. */
    private static String offered(HtmlPage page) {
        return ((org.htmlunit.html.HtmlSelect) page.getElementById("language-choice")).getOptions().stream()
                .map(org.htmlunit.html.HtmlOption::getText).collect(java.util.stream.Collectors.joining(" "));
    }

    @Test
    void theSignInScreensAreAskedForTheSameLanguage() {
        String toProvider = given().redirects().follow(false).cookie(ShopperLanguage.COOKIE, "es").when()
                .get("/signin").then().statusCode(302).extract().header("Location");
        assertThat(toProvider).contains("ui_locales=es").contains("kc_locale=es");
        String byBrowser = given().redirects().follow(false).header("Accept-Language", "hi").when().get("/signin")
                .then().statusCode(302).extract().header("Location");
        assertThat(byBrowser).contains("ui_locales=hi");
    }
}
