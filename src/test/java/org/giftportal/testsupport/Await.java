package org.giftportal.testsupport;

import java.time.Duration;
import java.time.Instant;

/** Waiting for what the portal does off the request thread (the mail outbox's sends), with a deadline. */
public final class Await {
    private Await() {
    }

    /** Something a test reads, perhaps from the database. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the check holds; fails, naming what was awaited, after the timeout. */
    public static void until(String what, Duration timeout, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
