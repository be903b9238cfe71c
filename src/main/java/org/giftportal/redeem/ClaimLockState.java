package org.giftportal.redeem;

import java.time.Instant;

/** A claim-code lock in force: until when, and on what. */
public record ClaimLockState(Instant until, LockScope scope) {
}
