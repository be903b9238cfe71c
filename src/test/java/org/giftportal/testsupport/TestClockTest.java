package org.giftportal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A test that moves the portal's clock leaves it at now for the next one, without resetting it itself. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockTest {

    @Inject
    TestClock clock;

    @Test
    @Order(1)
    void aTestMovesTheClockAWeekAheadAndForgetsIt() {
        clock.advance(Duration.ofDays(7));

        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofDays(6)));
    }

    @Test
    @Order(2)
    void theNextTestFindsTheClockAtNow() {
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
