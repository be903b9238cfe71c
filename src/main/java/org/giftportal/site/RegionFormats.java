package org.giftportal.site;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * The one place that turns amounts and times into text, in the conventions of the shopper's region and the language
 * they read: "₹1,00,000.00" in India in English or Hindi, "25 de noviembre de 2026" for a Spanish reader in the United
 * States. Outside a request (a mail, a file), in the region's first language.
 */
@ApplicationScoped
public class RegionFormats {
    /** The page's reader, through the one place that knows it; absent where this is built by hand (a unit test). */
    @jakarta.inject.Inject
    Languages languages;

    public String money(Money money, Region region) {
        return money.format(locale(region));
    }

    public String signedMoney(Money money, Region region) {
        return money.formatSigned(locale(region));
    }

    /** The same for a reader not at a page (a mail's): in the language given, if the region speaks it. */
    public String money(Money money, Region region, java.util.Locale language) {
        return money.format(in(region, java.util.Optional.of(language)));
    }

    public String dateTime(Instant instant, Region region, java.util.Locale language) {
        return written(instant, region, in(region, java.util.Optional.of(language)));
    }

    /** The region's way of writing, in the page reader's language if the region speaks it, else in its first. */
    private java.util.Locale locale(Region region) {
        return in(region, languages == null ? java.util.Optional.empty() : languages.readersChoice());
    }

    private static java.util.Locale in(Region region, java.util.Optional<java.util.Locale> language) {
        return region.formatsIn(language.filter(region::speaks).orElse(region.defaultLanguage()));
    }

    /**
     * E.g. "25 November 2026, 18:31 GMT" in the UK, "November 25, 2026, 1:31 PM EST" in the US, in the region's time
     * zone: the same date style as {@link #date}, so a page that shows both reads as one.
     */
    public String dateTime(Instant instant, Region region) {
        return written(instant, region, locale(region));
    }

    private static String written(Instant instant, Region region, java.util.Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(region.timeZone())
                .format(instant) + ", " + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)
                .withZone(region.timeZone()).format(instant) + " " + DateTimeFormatter.ofPattern("zzz", locale)
                .withZone(region.timeZone()).format(instant);
    }

    public String date(Instant instant, Region region) {
        return dateFormat(region).withZone(region.timeZone()).format(instant);
    }

    /** A calendar date, e.g. "25 November 2026" in the UK. */
    public String date(LocalDate date, Region region) {
        return dateFormat(region).format(date);
    }

    /** "35 minutes", "6 hours", "12 days": how long, roughly (in whole units of the largest that fits). */
    public String howLong(java.time.Duration duration) {
        if (duration.toDays() >= 1) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toHours() >= 1) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(0, duration.toMinutes());
        return minutes == 0 ? "less than a minute" : minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private DateTimeFormatter dateFormat(Region region) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale(region));
    }
}
