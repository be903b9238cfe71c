package org.giftportal.card;

/**
 * Fired in the transaction that changed a card's state (see {@link CardEvents}), for listeners that report it
 * elsewhere (webhooks). Carries the card's masked number, never its code.
 */
public record CardChanged(long cardId, What what, String maskedNumber, long amountMinor, String currency,
        String region) {

    public enum What {
        ACTIVATED, SALE_VOIDED, BLOCKED, UNBLOCKED, CANCELLED, REPLACED, EXPIRED
    }
}
