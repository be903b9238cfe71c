package org.giftportal.ledger;

/** How a cash pay-out reached the shopper. */
public enum PaidBy {
    BANK_TRANSFER("Bank transfer"), CHEQUE("Cheque"), STORE_CASH("Cash at a store");

    private final String label;

    PaidBy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static java.util.Optional<PaidBy> parse(String value) {
        return java.util.Arrays.stream(values()).filter(paidBy -> paidBy.name().equals(value)).findFirst();
    }
}
