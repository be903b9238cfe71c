package org.giftportal.site;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** An amount in minor units of a currency (cents, pence, paise). Never a floating-point number. */
public record Money(long minorUnits, Currency currency) {

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    /** A whole number of the currency's units (25 dollars) as money (2500 cents). */
    public static Money ofWholeUnits(long wholeUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(wholeUnits).movePointRight(Math.max(0,
                currency.getDefaultFractionDigits())).longValueExact(), currency);
    }

    /**
     * An amount as staff type it ("25", "25.5", "1,250.00") in this currency, or empty if it isn't one: a positive
     * number with no more decimals than the currency has, at most {@code maxWholeUnits}.
     */
    public static java.util.Optional<Money> parse(String typed, Currency currency, long maxWholeUnits) {
        String text = Typed.text(typed).replace(",", "");
        if (!text.matches("[0-9]{1,12}(\\.[0-9]{1,4})?")) {
            return java.util.Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > digits
                || value.compareTo(BigDecimal.valueOf(maxWholeUnits)) > 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Money(value.movePointRight(digits).longValueExact(), currency));
    }

    /** The amount in major units with the currency's own scale, e.g. 12.50 for 1250 cents. */
    public BigDecimal decimal() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    /** Formatted for a shopper, e.g. $1,250.00, £12.50, ₹2,000.00, in the conventions of their locale. */
    /** "1234.50 USD": the amount as the audit log and staff's records write it, the same in every locale. */
    public String plain() {
        return decimal().toPlainString() + " " + currency.getCurrencyCode();
    }

    public String format(Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        if (!"IN".equals(locale.getCountry())) {
            return format.format(decimal());
        }
        // India groups lakhs and crores (1,00,00,000); java.text only knows groups of three.
        format.setGroupingUsed(false);
        return groupIndian(format.format(decimal()));
    }

    private static String groupIndian(String ungrouped) {
        int start = 0;
        while (start < ungrouped.length() && !Character.isDigit(ungrouped.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < ungrouped.length() && Character.isDigit(ungrouped.charAt(end))) {
            end++;
        }
        String digits = ungrouped.substring(start, end);
        if (digits.length() <= 3) {
            return ungrouped;
        }
        StringBuilder grouped = new StringBuilder(digits.substring(digits.length() - 3));
        for (int i = digits.length() - 3; i > 0; i -= 2) {
            grouped.insert(0, digits.substring(Math.max(0, i - 2), i) + ",");
        }
        return ungrouped.substring(0, start) + grouped + ungrouped.substring(end);
    }

    /** With an explicit sign, for history lines: +$50.00 or −$12.00. */
    public String formatSigned(Locale locale) {
        String unsigned = new Money(Math.abs(minorUnits), currency).format(locale);
        return (minorUnits < 0 ? "\u2212" : "+") + unsigned;
    }
}
