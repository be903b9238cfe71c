package org.giftportal.site;

import java.math.BigDecimal;
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

    /**
     * The amount as a shopper of that language and country reads it, by ICU's (CLDR's) rules: "$1,234.56" in the
     * United States, "₹1,00,00,000.00" in India, in English or Hindi alike (lakh and crore grouping).
     */
    public String format(Locale locale) {
        com.ibm.icu.text.NumberFormat format = com.ibm.icu.text.NumberFormat.getCurrencyInstance(
                com.ibm.icu.util.ULocale.forLocale(locale));
        format.setCurrency(com.ibm.icu.util.Currency.getInstance(currency.getCurrencyCode()));
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(decimal());
    }

    /** With an explicit sign, for history lines: +$50.00 or −$12.00. */
    public String formatSigned(Locale locale) {
        String unsigned = new Money(Math.abs(minorUnits), currency).format(locale);
        return (minorUnits < 0 ? "\u2212" : "+") + unsigned;
    }
}
