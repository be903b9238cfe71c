package org.giftportal.site;

import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * A region the retailer sells in, resolved from configuration. {@code inSentence} is its name as a sentence uses it
 * ("a gift card for the United States"), {@code name} as a heading or a list does ("United States").
 */
public record Region(String code, String name, Currency currency, Locale locale, ZoneId timeZone, String storeUrl,
        long minDenomination, long maxDenomination, Optional<Period> cardValidity, PortalConfig.Support support,
        String inSentence, Jurisdiction jurisdiction, java.time.Period dormantAfter) {

    /** When a card sold or activated at {@code from} stops being redeemable, in the region's calendar; null: never. */
    public java.time.Instant validUntil(java.time.Instant from) {
        return cardValidity.map(validity -> java.time.ZonedDateTime.ofInstant(from, timeZone).plus(validity)
                .toInstant()).orElse(null);
    }

    /** The amount in minor units (cents, pence, paise) of a whole number of the region's currency units. */
    public long minorUnits(long wholeUnits) {
        return Money.ofWholeUnits(wholeUnits, currency).minorUnits();
    }
}
