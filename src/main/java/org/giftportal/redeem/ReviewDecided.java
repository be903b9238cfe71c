package org.giftportal.redeem;

/**
 * Fired in the transaction that held a redemption for review, or released or refused it, for listeners that report
 * it elsewhere (webhooks). A release is also a {@link CardRedeemed}.
 */
public record ReviewDecided(long reviewId, long accountId, long cardId, What what, long amountMinor,
        String currency) {

    public enum What {
        HELD, RELEASED, REFUSED
    }
}
