package org.giftportal.gift;

/**
 * An e-gift order's cards were all issued, or the store cancelled the order: told in the transaction of the change, for
 * whoever reports on orders (the retailer's systems, through webhooks).
 */
public record GiftOrderChanged(long orderId, What what) {
    public enum What {
        ISSUED, CANCELLED
    }
}
