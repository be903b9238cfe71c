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
        String inSentence, Jurisdiction jurisdiction, java.time.Period dormantAfter, java.util.List<Locale> languages) {

    /** The language the region speaks when a shopper hasn't chosen one. */
    public Locale defaultLanguage() {
        return languages.get(0);
    }

    /** Whether the region speaks this language (by its language code: "hi" for "hi-IN"). */
    public boolean speaks(Locale language) {
        return languages.stream().anyMatch(spoken -> spoken.getLanguage().equals(language.getLanguage()));
    }

    /** The language a shopper of the region reads: the one they chose (a tag), if the region speaks it; else its first. */
    public Locale languageOf(String chosen) {
        return chosen == null ? defaultLanguage() : languages.stream()
                .filter(spoken -> spoken.toLanguageTag().equalsIgnoreCase(chosen)).findFirst()
                .orElse(defaultLanguage());
    }

    /** How the region writes numbers, money and dates in a language: the language, with the region's country. */
    public Locale formatsIn(Locale language) {
        return new Locale.Builder().setLocale(language).setRegion(locale.getCountry()).build();
    }

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
