package org.giftportal.site;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/**
 * A request rate as configured, {@code <requests>/<period>} (e.g. {@code 20/5m}): that many requests at once, then
 * one more each time a {@code period / requests} share of the period has passed.
 */
public record RequestRate(int requests, Duration period) {

    public RequestRate {
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate needs at least one request in a positive period");
        }
    }

    /** Read from configuration (SmallRye Config finds this by its name). */
    public static RequestRate of(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("A rate looks like 20/5m, not " + text);
        }
        return new RequestRate(Integer.parseInt(text.substring(0, slash).strip()),
                DurationConverter.parseDuration(text.substring(slash + 1).strip()));
    }

    /** The time one request takes from the budget, in microseconds. */
    public long intervalMicros() {
        return Math.max(1, period.toNanos() / 1_000 / requests);
    }
}
