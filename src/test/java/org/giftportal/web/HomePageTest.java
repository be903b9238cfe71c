package org.giftportal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HomePageTest {

    @Test
    void visitorSeesWhatThePortalDoesAndASignInButton() {
        given().when().get("/")
                .then().statusCode(200)
                .body(containsString("Brightleaf Market"))
                .body(containsString("href=\"/signin\""))
                .body(not(containsString("Sign out")));
    }
}
