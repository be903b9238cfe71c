package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.giftportal.card.ClaimCode;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/** What operators see: counts of what matters, never a secret in a label; readiness that means the database. */
@QuarkusTest
class MetricsAndHealthTest {

    @Test
    void redemptionsAreCountedByOutcome() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            browser.redeem(TestCards.active("US", 25).code().formatted());
            browser.redeem(ClaimCode.generate().formatted());
        }

        String metrics = given().when().get("/q/metrics").asString();

        assertThat(metrics).containsPattern("portal_redemptions_total\\{[^}]*outcome=\"redeemed\"[^}]*} [1-9]")
                .containsPattern("portal_redemptions_total\\{[^}]*outcome=\"not_found\"[^}]*} [1-9]")
                .contains("agroal_active_count");
    }

    @Test
    void aClaimCodeInALinkNeverBecomesALabel() {
        ClaimCode code = ClaimCode.generate();
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            browser.open("/redeem?claimCode=" + code.formatted());
            browser.open("/redeem/" + code.formatted());
        }

        String metrics = given().when().get("/q/metrics").asString();

        assertThat(metrics).doesNotContain(code.formatted()).doesNotContain(code.formatted().replace("-", ""));
    }

    @Test
    void requestsOverBudgetAreCounted() throws Exception {
        // Sixty searches a minute per address: seventy in quick succession go over.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Any answer over budget will do: a pause of the machine mid-loop refills a second's worth, so the last
        // answer alone says nothing.
        java.util.Set<Integer> statuses = new java.util.HashSet<>();
        for (int i = 0; i < 70; i++) {
            statuses.add(http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + System.getProperty("quarkus.http.test-port") + "/help/search?q=balance"))
                    .header("X-Forwarded-For", "192.0.2.61").build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }

        assertThat(statuses).contains(429);
        assertThat(given().when().get("/q/metrics").asString())
                .containsPattern("portal_rate_limited_total\\{[^}]*rule=\"search\"[^}]*scope=\"address\"");
    }

    @Test
    void readinessIsTheDatabaseAndTheIdentityProviderHasItsOwnCheck() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(not(containsString("OpenID Connect provider")));
        given().when().get("/q/health/group/identity-provider").then().statusCode(200)
                .body(containsString("OpenID Connect provider"))
                .body(containsString("\"status\": \"UP\""));
    }
}
