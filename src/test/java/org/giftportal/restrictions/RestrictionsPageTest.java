package org.giftportal.restrictions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** What a balance can't buy comes from the database, per region; visitors pick a region, shoppers see theirs. */
@QuarkusTest
class RestrictionsPageTest {

    @Test
    void visitorSeesTheDefaultRegionsRulesAndCanPickAnother() {
        given().when().get("/restrictions")
                .then().statusCode(200)
                .body(containsString("Rules for the United States"))
                .body(containsString("Other gift cards"))
                .body(containsString("<select id=\"region\" name=\"region\">"))
                .body(containsString("Gift cards and your balance don&#39;t expire."));

        given().queryParam("region", "GB").when().get("/restrictions")
                .then().statusCode(200)
                .body(containsString("Rules for the United Kingdom"))
                .body(containsString("Lottery and gambling products"))
                .body(containsString("A balance in GBP can only be spent"))
                .body(not(containsString("Bill payments and recharges")));
    }

    @Test
    void categoriesAreReadFromTheDatabase() {
        QuarkusTransaction.requiringNew().run(() -> {
            RestrictedCategory added = new RestrictedCategory();
            added.region = "GB";
            added.code = "test-only";
            added.name = "Test-only category";
            added.explanation = "Added by a test.";
            added.sortOrder = 99;
            added.persist();
        });
        try {
            given().queryParam("region", "GB").when().get("/restrictions")
                    .then().body(containsString("Test-only category"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> RestrictedCategory.delete("name", "Test-only category"));
        }
    }

    @Test
    void unknownRegionSaysSoAndShowsTheDefault() {
        given().queryParam("region", "<b>XX</b>").when().get("/restrictions")
                .then().statusCode(404)
                .body(containsString("We don't sell gift cards in a region called “&lt;b&gt;XX&lt;/b&gt;”"));
    }

    @Test
    void signedInShopperSeesTheirOwnRegionsRulesAndExpiry() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("IN"));

            HtmlPage page = browser.open("/restrictions?region=US");

            assertThat(page.asNormalizedText()).contains("These are the rules for your account's region, India.")
                    .contains("Gold and silver coins and bars")
                    .contains("Gift cards can be redeemed for 10 years from the day they were bought.");
            assertThat(page.getElementById("region")).isNull();
        }
    }
}
