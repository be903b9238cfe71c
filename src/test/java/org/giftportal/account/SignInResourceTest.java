package org.giftportal.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * A sign-in that comes back from the identity provider without its state (kept too long, or dropped for newer ones)
 * gets a page that says so and offers to go on where the shopper was going, never "page not found".
 */
@QuarkusTest
class SignInResourceTest {

    @Test
    void aSignInWhoseStateIsGoneOffersToGoOnToTheGift() {
        given().cookie(ReturnAddresses.SIGN_IN_COOKIE, "%2Fgift%2Fsome-token%2Fapply")
                .cookie("q_auth_another", "a-sign-in-started-elsewhere")
                .when().get("/signin/callback?state=gone&code=whatever&session_state=x")
                .then().statusCode(200)
                .body(containsString("Finish signing in"))
                .body(containsString("your gift are"))
                .body(containsString("<a class=\"button\" href=\"/gift/some-token/apply\">Continue to your gift</a>"));
    }

    @Test
    void withoutAnAddressKeptItOffersToSignInAgain() {
        given().when().get("/signin/callback?state=gone&code=whatever")
                .then().statusCode(200)
                .body(containsString("We couldn't finish signing you in"))
                .body(containsString("<a class=\"button\" href=\"/signin\">Continue signing in</a>"));
    }

    @Test
    void aSignInTheProviderReportsAsFailedSaysSoWithoutItsTechnicalWords() {
        given().when().get("/signin/callback?error=access_denied&error_description=User+cancelled")
                .then().statusCode(200)
                .body(containsString("Signing in didn't finish"))
                .body(not(containsString("access_denied")))
                .body(not(containsString("User cancelled")));
    }

    @Test
    void anAddressOnAnotherSiteIsNeverOffered() {
        given().cookie(ReturnAddresses.SIGN_IN_COOKIE, "%2F%2Fevil.example%2Fgift")
                .when().get("/signin/callback?state=gone")
                .then().statusCode(200)
                .body(not(containsString("evil.example")))
                .body(containsString("href=\"/signin\""));
    }

    @Test
    void startingASignInKeepsWhereTheShopperWasGoing() {
        String kept = given().redirects().follow(false)
                .when().get("/redeem?from=test")
                .then().statusCode(302)
                .extract().cookie(ReturnAddresses.SIGN_IN_COOKIE);

        assertThat(kept).isEqualTo("%2Fredeem%3Ffrom%3Dtest");
    }

    @Test
    void aShopperSignedInMeanwhileGoesStraightOn() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = browser.open("/signin/callback?state=gone&code=whatever");

            assertThat(page.getUrl().getPath()).isEqualTo("/");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        }
    }
}
