package org.giftportal.finance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a liability statement, in the order a roll-forward reads them, each in its part: the value on sold,
 * unredeemed cards (read from the card value journal) or the account balances (read from the ledger). Redeeming
 * moves value from the first part to the second, so its two lines net to zero in the total. docs/finance.md explains
 * each line and how to tie it to the general ledger.
 */
public enum StatementLine {
    CARDS_SOLD(Part.CARDS, "Cards sold or activated (tills, the store API, batch activations, online)"),
    EGIFTS_ISSUED(Part.CARDS, "E-gifts issued"),
    CARDS_REISSUED(Part.CARDS, "Card values given back as new cards (fraud cases)"),
    SALES_VOIDED(Part.CARDS, "Till sales voided"),
    EGIFTS_CANCELLED(Part.CARDS, "E-gift orders cancelled"),
    REDEEMED_FROM_CARDS(Part.CARDS, "Redeemed into account balances"),
    REPLACEMENTS(Part.CARDS, "Lost cards replaced (old card cancelled, its value carried to the new one)"),
    CARDS_CANCELLED(Part.CARDS, "Cards cancelled"),
    CARDS_EXPIRED(Part.CARDS, "Cards expired"),
    CARD_STATE_CHANGES(Part.CARDS, "Cards blocked, unblocked or held for review"),
    CARDS_LATE(Part.CARDS, "Recorded after the month before closed, dated in it"),
    REDEEMED_INTO_BALANCES(Part.BALANCES, "Redeemed from cards"),
    REFUNDS(Part.BALANCES, "Refunds"),
    CREDIT_ADJUSTMENTS(Part.BALANCES, "Credit adjustments by staff"),
    PURCHASES(Part.BALANCES, "Purchases (store checkouts and till payments)"),
    DEBIT_ADJUSTMENTS(Part.BALANCES, "Debit adjustments by staff"),
    CASH_PAID_OUT(Part.BALANCES, "Cash paid out"),
    CLAWED_BACK(Part.BALANCES, "Clawed back (value of someone else's card taken back)"),
    BALANCES_LATE(Part.BALANCES, "Recorded after the month before closed, dated in it");

    /** The two parts of what is owed. */
    public enum Part {
        CARDS("Value on sold, unredeemed cards"), BALANCES("Account balances");

        private final String title;

        Part(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public List<StatementLine> lines() {
            return Arrays.stream(StatementLine.values()).filter(line -> line.part == this).toList();
        }
    }

    private final Part part;
    private final String label;

    StatementLine(Part part, String label) {
        this.part = part;
        this.label = label;
    }

    public Part part() {
        return part;
    }

    public String label() {
        return label;
    }

    /** The line of a journal event (the events the database's trigger names). */
    static StatementLine ofJournalEvent(String event, boolean eGift) {
        return switch (event) {
            case "ISSUED_ACTIVE" -> eGift ? EGIFTS_ISSUED : CARDS_SOLD;
            case "ACTIVATED" -> CARDS_SOLD;
            case "REISSUED" -> CARDS_REISSUED;
            case "SALE_VOIDED" -> SALES_VOIDED;
            case "EGIFT_CANCELLED" -> EGIFTS_CANCELLED;
            case "REDEEMED" -> REDEEMED_FROM_CARDS;
            case "REPLACED", "REPLACEMENT_ISSUED" -> REPLACEMENTS;
            case "CANCELLED" -> CARDS_CANCELLED;
            case "EXPIRED" -> CARDS_EXPIRED;
            default -> CARD_STATE_CHANGES;
        };
    }

    /** The line of a ledger entry type, a credit ({@code sign} 1) or a debit (-1). */
    static StatementLine ofEntryType(String type, int sign) {
        return switch (type) {
            case "REDEMPTION" -> REDEEMED_INTO_BALANCES;
            case "REFUND" -> REFUNDS;
            case "ADJUSTMENT" -> sign > 0 ? CREDIT_ADJUSTMENTS : DEBIT_ADJUSTMENTS;
            case "PURCHASE" -> PURCHASES;
            case "CASH_OUT" -> CASH_PAID_OUT;
            case "CLAWBACK" -> CLAWED_BACK;
            default -> throw new IllegalStateException("A ledger entry type no statement line takes: " + type);
        };
    }

    static Optional<StatementLine> parse(String name) {
        return Arrays.stream(values()).filter(line -> line.name().equals(name)).findFirst();
    }
}
