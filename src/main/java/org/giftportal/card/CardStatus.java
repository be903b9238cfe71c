package org.giftportal.card;

/** Where a gift card is in its life. */
public enum CardStatus {
    /** Sold but not activated at the till yet: can't be redeemed until it is. */
    ISSUED,
    ACTIVE,
    REDEEMED,
    /** Reported lost or stolen; frozen while support reviews the report. */
    BLOCKED,
    CANCELLED,
    /** Its redemption waits for staff's review: reserved to the account that redeemed it, credited to nobody yet. */
    IN_REVIEW,
    /** Its validity ended while it was sold and unredeemed: the expiry job took its value off what is owed. */
    EXPIRED;

    /** Redeemed, cancelled or expired: the card's value is gone for good, so nothing can be done with it any more. */
    public static final java.util.List<CardStatus> FINAL = java.util.List.of(REDEEMED, CANCELLED, EXPIRED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The status as staff read it: "issued, not activated". */
    public String label() {
        return switch (this) {
            case ISSUED -> "issued, not activated";
            case ACTIVE -> "active";
            case REDEEMED -> "redeemed";
            case BLOCKED -> "blocked";
            case CANCELLED -> "cancelled";
            case IN_REVIEW -> "redemption waiting for review";
            case EXPIRED -> "expired";
        };
    }
}
