package org.giftportal.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.Test;

/** Sign-in and sign-out through the real Keycloak login form, in a browser without JavaScript. */
@QuarkusTest
class SignInTest {

    @Test
    void rightPasswordLandsSignedInWithTheShoppersNameShown() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            HtmlPage home = browser.signIn(shopper);

            assertThat(home.getUrl().toString()).endsWith(":" + System.getProperty("quarkus.http.test-port") + "/");
            assertThat(home.asNormalizedText()).contains("Hello, " + shopper.displayName()).contains("Sign out");
        }
    }

    @Test
    void wrongPasswordStaysOnKeycloaksErrorAndSignsNobodyIn() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            HtmlPage page = Browser.submitLogin(browser.open("/signin"), shopper.username(), "not-the-password");

            assertThat(page.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
            assertThat(page.asNormalizedText()).contains("Invalid username or password");
            assertThat(browser.open("/").asNormalizedText()).contains("Sign in").doesNotContain("Sign out");
        }
    }

    /**
     * "Forgot your password?": a branded email, then "Choose a new password" with the choice to sign out wherever the
     * old one is in use (a new account's page has neither the word "new" nor that box).
     */
    @Test
    void aForgottenPasswordIsReplacedThroughABrandedEmail() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            HtmlPage signIn = browser.open("/signin");
            HtmlPage forgot = signIn.getAnchorByText("Forgot your password?").click();
            forgot.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").setValue(shopper.email());
            forgot.<org.htmlunit.html.HtmlForm>getFirstByXPath("//form").<org.htmlunit.html.HtmlInput>getFirstByXPath(
                    ".//input[@type='submit']").click();

            org.giftportal.stack.IdentityMail.Received mail = org.giftportal.testsupport.IdentityMailbox.awaitNewest(
                    shopper.email(), "Choose a new password");
            java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                    "https?://\\S+/login-actions/action-token\\S+").matcher(mail.text());
            assertThat(link.find()).as(mail.text()).isTrue();
            assertThat(mail.html()).contains("Brightleaf Market Gift Cards").contains("Choose a new password");
            HtmlPage choose = browser.client().getPage(link.group());

            assertThat(choose.getElementsByTagName("h1").get(0).getTextContent().strip())
                    .isEqualTo("Choose a new password");
            assertThat(choose.getElementById("logout-sessions")).isNotNull();
            assertThat(choose.asNormalizedText()).doesNotContain("finish creating your account");
            assertThat(choose.<org.htmlunit.html.HtmlInput>getFirstByXPath("//input[@type='submit']").getValue())
                    .isEqualTo("Save new password and sign in");
        }
    }

    @Test
    void protectedPageWithQueryStringComesBackToThatExactUrlAfterSignIn() {
        TestShopper staff = Shoppers.support();
        try (Browser browser = Browser.open()) {
            HtmlPage login = browser.open("/backoffice?q=someone%40example.test");
            assertThat(login.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());

            HtmlPage back = Browser.submitLogin(login, staff.username(), staff.password());

            assertThat(back.getUrl().getPath()).isEqualTo("/backoffice");
            assertThat(back.getUrl().getQuery()).isEqualTo("q=someone%40example.test");
            assertThat(back.getHtmlElementById("q").getAttribute("value")).isEqualTo("someone@example.test");
        }
    }

    @Test
    void signOutEndsThePortalAndTheKeycloakSession() {
        TestShopper shopper = Shoppers.customer("GB");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);

            HtmlPage afterSignOut = browser.signOut();

            assertThat(afterSignOut.getUrl().getPath()).isEqualTo("/signed-out");
            assertThat(afterSignOut.getUrl().getQuery()).isNull();
            assertThat(afterSignOut.asNormalizedText()).contains("You've signed out").contains("Sign in")
                    .doesNotContain("Sign out");
            // Keycloak asks for the password again: its single sign-on session ended too.
            HtmlPage again = browser.open("/signin");
            assertThat(again.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
            assertThat(again.getElementById("kc-form-login")).isNotNull();
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);

            Cookie session = browser.portalCookieJar().stream()
                    .filter(cookie -> cookie.getName().startsWith("q_session")).findFirst().orElseThrow();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualToIgnoringCase("lax");
        }
    }

    @Test
    void anonymousVisitorIsSentToSignInForAnAccountPage() {
        given().redirects().follow(false)
                .when().get("/backoffice")
                .then().statusCode(302)
                .header("Location", startsWith(TestStackProperties.keycloakUrl()))
                .header("Location", containsString("code_challenge_method=S256"));
    }

    @Test
    void customerCannotOpenTheBackOffice() {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);

            HtmlPage page = browser.open("/backoffice");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.asNormalizedText()).contains("This page isn't available to your account")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void supportStaffCanOpenTheBackOffice() {
        TestShopper staff = Shoppers.support();
        try (Browser browser = Browser.open()) {
            browser.signIn(staff);

            HtmlPage page = browser.open("/backoffice");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            // No count of every account on the page: it scanned the whole table on every visit.
            assertThat(page.asNormalizedText()).contains("Find an account by email").doesNotContain("accounts in the");
        }
    }
}
