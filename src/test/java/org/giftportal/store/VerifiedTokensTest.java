package org.giftportal.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/**
 * A store client's token is checked once and then taken on trust for a while: never for longer than a minute, and
 * never past the token's own expiry. Time is the portal's clock; the identity provider's own check, which runs
 * whenever the kept answer has lapsed, still accepts these tokens by the real clock.
 */
@QuarkusTest
class VerifiedTokensTest {
    @Inject
    MeterRegistry metrics;

    @Inject
    TestClock clock;

    @Test
    void aClientsSecondCallIsNotCheckedAgainButAMinuteLaterItIs() {
        String token = StoreClients.freshToken(StoreClients.CHECKOUT);
        call(token);
        double kept = checks("kept");
        double verified = checks("verified");

        call(token);
        assertThat(checks("kept")).as("taken on trust").isEqualTo(kept + 1);

        clock.advance(VerifiedTokens.KEPT_FOR.plusSeconds(1));
        call(token);
        assertThat(checks("kept")).as("not on trust after a minute").isEqualTo(kept + 1);
        assertThat(checks("verified")).isEqualTo(verified + 1);
    }

    @Test
    void aTokenIsNeverTakenOnTrustPastItsOwnExpiry() {
        String token = StoreClients.freshToken(StoreClients.CHECKOUT);
        Instant expires = expiryOf(token);
        // The portal's clock half a minute before the token expires: kept for 30 s, not for the full minute.
        clock.advance(Duration.between(clock.instant(), expires).minusSeconds(30));
        call(token);
        call(token);
        double kept = checks("kept");

        clock.advance(Duration.ofSeconds(31));
        call(token);

        assertThat(checks("kept")).as("expired by the portal's clock: checked again").isEqualTo(kept);
    }

    @Test
    void anotherTokenOfTheSameClientIsCheckedOnItsOwn() {
        call(StoreClients.freshToken(StoreClients.CHECKOUT));
        double verified = checks("verified");

        call(StoreClients.freshToken(StoreClients.CHECKOUT));

        assertThat(checks("verified")).isEqualTo(verified + 1);
    }

    private static void call(String token) {
        given().auth().oauth2(token).get("/api/v1/holds/0").then().statusCode(404);
    }

    private double checks(String check) {
        return metrics.counter("portal.api.tokens", "check", check).count();
    }

    private static Instant expiryOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher exp = java.util.regex.Pattern.compile("\"exp\":(\\d+)").matcher(payload);
        assertThat(exp.find()).isTrue();
        return Instant.ofEpochSecond(Long.parseLong(exp.group(1)));
    }
}
