package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Requests larger than the portal takes are refused before they are read, with the portal's page, not the HTTP
 * server's empty answer.
 */
@QuarkusTest
class RequestLimitsTest {
    private static final String BASE = "http://localhost:" + System.getProperty("quarkus.http.test-port");

    @Test
    void aTooLongAddressGetsAPageThatSaysSo() {
        given().when().get("/help/search?q=" + "a".repeat(6000))
                .then().statusCode(414)
                .contentType(containsString("text/html"))
                .body(containsString("That web address is too long"));
    }

    @Test
    void tooManyCookiesGetAPageThatSaysSoAndDropsStaleSignInState() {
        given().cookie("q_auth_stale", "x".repeat(20_000))
                .when().get("/")
                .then().statusCode(431)
                .contentType(containsString("text/html"))
                .body(containsString("Your browser sent more than we accept"))
                .header("Set-Cookie", containsString("q_auth_stale=;"));
    }

    @Test
    void aBrowserKeepsOnlyItsNewestSignInsUnderWay() {
        // Sent oldest first, as browsers send cookies of one path.
        java.util.List<String> setCookies = given().header("Cookie", "q_auth_a=1; q_session_x=2; q_auth_b=3;"
                        + " q_auth_c=4; q_auth_d=5; q_auth_e=6")
                .when().get("/help")
                .then().statusCode(200)
                .extract().headers().getValues("Set-Cookie");

        assertThat(setCookies).filteredOn(cookie -> cookie.startsWith("q_"))
                .extracting(cookie -> cookie.substring(0, cookie.indexOf('=')))
                .containsExactlyInAnyOrder("q_auth_a", "q_auth_b");
        assertThat(setCookies).filteredOn(cookie -> cookie.startsWith("q_auth_a="))
                .allMatch(cookie -> cookie.contains("Max-Age=0"));
    }

    @Test
    void aLargeBodyToAFormThatTakesNoFilesIsRefusedUnread() {
        given().contentType("application/x-www-form-urlencoded")
                .body("solved=yes&padding=" + "x".repeat(200_000))
                .when().post("/help/invalid-code/feedback")
                .then().statusCode(413)
                .body(containsString("That was too much to send"));
    }

    @Test
    void aLargeBodyToTheStoreApiIsRefusedUnreadWithAProblemDocument() {
        given().contentType("application/json").header("Idempotency-Key", "too-large")
                .body("{\"padding\":\"" + "x".repeat(200_000) + "\"}")
                .when().post("/api/v1/holds")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(413))
                .body(org.hamcrest.Matchers.not(containsString("<html")));
    }

    @Test
    void aBodyOfUnknownLengthToAFormIsRefusedUnread() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(BASE + "/help/invalid-code/feedback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("solved=yes")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.body()).contains("That was too much to send");
    }

    @Test
    void aHundredAbandonedSignInsLeaveTheHomePageWorking() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 100; i++) {
            // A tap on "Redeem" while signed out: sent to sign in, and never comes back.
            HttpResponse<Void> toSignIn = browser.send(HttpRequest.newBuilder(URI.create(BASE + "/redeem")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(toSignIn.statusCode()).isEqualTo(302);
        }

        HttpResponse<String> home = browser.send(HttpRequest.newBuilder(URI.create(BASE + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Sign in to redeem a gift card");
    }
}
