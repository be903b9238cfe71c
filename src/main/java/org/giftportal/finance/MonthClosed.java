package org.giftportal.finance;

/** Fired in the transaction that stored a month's closed statement. */
public record MonthClosed(String region, String currency, String month, long openingMinor, long closingMinor) {
}
