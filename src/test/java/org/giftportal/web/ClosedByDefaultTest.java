package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** A resource nobody declared public or gave roles is closed: a forgotten annotation can't open data to anyone. */
@QuarkusTest
class ClosedByDefaultTest {

    @Test
    void anAnonymousVisitorIsSentToSignInAndSeesNothing() {
        given().redirects().follow(false)
                .when().get("/test-only/forgotten")
                .then().statusCode(302)
                .header("Location", startsWith(TestStackProperties.keycloakUrl()))
                .body(not(containsString("FORGOTTEN-RESOURCE-CONTENT")));
    }

    @Test
    void aSignedInShopperGetsTheRefusalPage() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = browser.open("/test-only/forgotten");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.asNormalizedText()).contains("This page isn't available to your account")
                    .doesNotContain("FORGOTTEN-RESOURCE-CONTENT");
        }
    }
}
