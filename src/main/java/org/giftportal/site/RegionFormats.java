package org.giftportal.site;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The one place that turns amounts and times into text, in the conventions of the shopper's region. */
@ApplicationScoped
public class RegionFormats {

    public String money(Money money, Region region) {
        return money.format(region.locale());
    }

    public String signedMoney(Money money, Region region) {
        return money.formatSigned(region.locale());
    }

    /**
     * E.g. "25 November 2026, 18:31 GMT" in the UK, "November 25, 2026, 1:31 PM EST" in the US, in the region's time
     * zone: the same date style as {@link #date}, so a page that shows both reads as one.
     */
    public String dateTime(Instant instant, Region region) {
        return date(instant, region) + ", " + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(region.locale()).withZone(region.timeZone()).format(instant)
                + " " + DateTimeFormatter.ofPattern("zzz", region.locale()).withZone(region.timeZone()).format(instant);
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

    private static DateTimeFormatter dateFormat(Region region) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(region.locale());
    }
}
