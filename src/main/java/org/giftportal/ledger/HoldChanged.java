package org.giftportal.ledger;

/**
 * Fired in the transaction that placed or ended a store hold: placed, captured (with the amount taken), voided, or
 * lapsed past its time. For listeners that report it elsewhere (webhooks).
 */
public record HoldChanged(long holdId, long accountId, What what, long amountMinor, String currency,
        String orderReference, String clientId) {

    public enum What {
        PLACED, CAPTURED, VOIDED, LAPSED
    }
}
