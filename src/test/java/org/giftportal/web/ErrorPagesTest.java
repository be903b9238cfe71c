package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What a shopper sees when something breaks, and what operators can check. */
@QuarkusTest
class ErrorPagesTest {

    @Test
    void anUnexpectedFailureShowsAFriendlyPageWithAReferenceAndNoInternals() {
        given().when().get("/test-only/failure")
                .then().statusCode(500)
                .contentType(containsString("text/html"))
                .body(containsString("Something went wrong on our side"))
                .body(matchesPattern("(?s).*quote reference <strong>[0-9a-f]{8}</strong>.*"))
                .body(not(containsString("SECRET-INTERNAL-DETAIL")))
                .body(not(containsString("Nothing was changed")))
                .body(containsString("it may or may not have gone through"))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at org.")));
    }

    @Test
    void aWrongMethodGetsAPageNotAnEmptyResponse() {
        given().when().delete("/")
                .then().statusCode(405)
                .body(containsString("be used that way. Start again from the home page."));
    }

    @Test
    void healthReportsTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body(containsString("\"status\": \"UP\""))
                .body(containsString("Database connections health check"));
    }
}
