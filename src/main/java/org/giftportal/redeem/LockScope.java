package org.giftportal.redeem;

/** What the claim-code lock paused: one account, or everyone behind one client address (a network). */
public enum LockScope {
    ACCOUNT, ADDRESS
}
