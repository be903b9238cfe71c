package org.giftportal.ledger;

/** Why a balance changed. */
public enum EntryType {
    REDEMPTION("Gift card redeemed", "Gift cards redeemed"),
    PURCHASE("Purchase", "Purchases"),
    REFUND("Refund", "Refunds"),
    ADJUSTMENT("Adjustment by customer support", "Adjustments by customer support"),
    /** A card redeemed here was someone else's: what was left of its value went back to them. */
    CLAWBACK("Gift card value returned to its owner", "Gift card values returned to their owners"),
    /** The shopper asked for a small balance in cash, where the law gives that right, and staff paid it. */
    CASH_OUT("Paid out in cash", "Cash pay-outs");

    private final String label;
    private final String plural;

    EntryType(String label, String plural) {
        this.label = label;
        this.plural = plural;
    }

    /** How a list of such entries is named, e.g. in a filter. */
    public String plural() {
        return plural;
    }

    public String label() {
        return label;
    }
}
