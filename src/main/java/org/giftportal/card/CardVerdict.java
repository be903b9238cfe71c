package org.giftportal.card;

import java.time.Instant;

/** What a gift card says when a shopper asks to redeem it (or only checks it). */
public sealed interface CardVerdict {

    record Redeemable() implements CardVerdict {
    }

    record AlreadyRedeemedByYou(Instant redeemedAt) implements CardVerdict {
    }

    /** Redeemed by this shopper, and waiting for the retailer's check before it is credited. */
    record InReviewForYou(Instant heldAt) implements CardVerdict {
    }

    record AlreadyRedeemedBySomeoneElse() implements CardVerdict {
    }

    record NotActivated() implements CardVerdict {
    }

    record ReportedLostOrStolen() implements CardVerdict {
    }

    record Cancelled() implements CardVerdict {
    }

    record Expired(Instant expiredAt) implements CardVerdict {
    }

    record WrongRegion(String cardRegion) implements CardVerdict {
    }
}
