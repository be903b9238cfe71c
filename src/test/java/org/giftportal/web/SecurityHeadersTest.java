package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void pagesCarryTheSecurityHeaders() {
        given().when().get("/")
                .then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline"))))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void redirectsToSignInCarryThemToo() {
        given().redirects().follow(false).when().get("/signin")
                .then().statusCode(302)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void staticFilesCarryThemAndMayBeCached() {
        given().when().get("/css/portal.css")
                .then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", not(equalTo("no-store")));
    }

    @Test
    void pagesNameTheStylesheetByItsVersionWhichIsCachedForAYear() {
        String page = given().when().get("/help").then().statusCode(200).extract().asString();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/css/portal\\.css\\?v=([0-9a-f]{12})")
                .matcher(page);
        org.assertj.core.api.Assertions.assertThat(link.find()).as("a versioned stylesheet link").isTrue();
        given().when().get(link.group())
                .then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
    }

    @Test
    void theStylesheetIsCompressedButPagesAreNot() {
        given().header("Accept-Encoding", "gzip").when().get("/css/portal.css")
                .then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        given().header("Accept-Encoding", "gzip").queryParam("q", "expired").when().get("/help/search")
                .then().statusCode(200).header("Content-Encoding", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void unknownPageShowsAFriendlyNotFoundPage() {
        given().when().get("/no/such/page")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("find that page"))
                .body(containsString("Skip to main content"));
    }
}
