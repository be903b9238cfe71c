package org.giftportal.card;

/** Where a gift card is in its life. */
public enum CardStatus {
    /** Sold but not activated at the till yet: can't be redeemed until it is. */
    ISSUED,
    ACTIVE,
    REDEEMED,
    /** Reported lost or stolen; frozen while support reviews the report. */
    BLOCKED,
    CANCELLED
}
