package org.giftportal.testsupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The portal's clock in tests: real time plus an offset a test may move forward (and must reset). */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /**
     * Puts the portal's clock at this instant (and lets it run from there), forward or back: for a test that dates
     * rows in a chosen month, or commits one dated before something that already happened.
     */
    public void travelTo(Instant target) {
        offset = Duration.between(Instant.now(), target);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The portal keeps time in UTC");
    }
}
