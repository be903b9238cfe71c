package org.giftportal.ledger;

/** Why a balance changed. */
public enum EntryType {
    REDEMPTION("Gift card redeemed"),
    PURCHASE("Purchase"),
    REFUND("Refund"),
    ADJUSTMENT("Adjustment by customer support");

    private final String label;

    EntryType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
