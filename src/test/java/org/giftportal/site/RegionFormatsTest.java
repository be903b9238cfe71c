package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Amounts and times in each region's own conventions and time zone: plain rules, no stack. */
class RegionFormatsTest {
    private static final Instant EVENING_IN_LONDON = Instant.parse("2026-11-25T18:31:00Z");
    private final RegionFormats formats = new RegionFormats();

    @Test
    void eachRegionWritesMoneyItsOwnWay() {
        assertThat(formats.money(Money.of(123_456, "USD"), region("US"))).isEqualTo("$1,234.56");
        assertThat(formats.money(Money.of(123_456, "GBP"), region("GB"))).isEqualTo("£1,234.56");
        assertThat(formats.money(Money.of(1_00_00_000_00L, "INR"), region("IN"))).isEqualTo("₹1,00,00,000.00");
        assertThat(formats.signedMoney(Money.of(-2_500, "USD"), region("US"))).isEqualTo("\u2212$25.00");
        assertThat(formats.signedMoney(Money.of(2_500, "GBP"), region("GB"))).isEqualTo("+£25.00");
    }

    @Test
    void moneyAndDatesFollowTheReadersLanguageWithTheRegionsConventions() {
        Region india = region("IN");
        assertThat(india.formatsIn(Locale.forLanguageTag("hi"))).isEqualTo(Locale.forLanguageTag("hi-IN"));
        assertThat(Money.of(1_00_00_000_00L, "INR").format(india.formatsIn(Locale.forLanguageTag("hi"))))
                .as("lakh and crore grouping in Hindi too").isEqualTo("₹1,00,00,000.00");
        Region us = region("US");
        assertThat(Money.of(123_456, "USD").format(us.formatsIn(Locale.forLanguageTag("es"))))
                .isEqualTo("$1,234.56");
        assertThat(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(us.formatsIn(Locale.forLanguageTag("es"))).format(java.time.LocalDate.of(2026, 11, 25)))
                .isEqualTo("25 de noviembre de 2026");
    }

    @Test
    void anInstantIsShownInTheRegionsTimeZoneWithItsName() {
        assertThat(plain(formats.dateTime(EVENING_IN_LONDON, region("GB")))).isEqualTo("25 November 2026, 18:31 GMT");
        assertThat(plain(formats.dateTime(EVENING_IN_LONDON, region("US"))))
                .isEqualTo("November 25, 2026, 1:31 PM EST");
        assertThat(formats.date(Instant.parse("2026-11-25T20:00:00Z"), region("IN")))
                .as("already the next day in India").isEqualTo("26 November 2026");
    }

    private static String plain(String text) {
        return text.replace('\u202f', ' '); // newer JDKs put a narrow no-break space before AM/PM
    }

    private static Region region(String code) {
        return switch (code) {
            case "US" -> region(code, "USD", Locale.US, "America/New_York");
            case "GB" -> region(code, "GBP", Locale.UK, "Europe/London");
            default -> region(code, "INR", Locale.forLanguageTag("en-IN"), "Asia/Kolkata");
        };
    }

    private static Region region(String code, String currency, Locale locale, String zone) {
        return new Region(code, code, Currency.getInstance(currency), locale, ZoneId.of(zone), "https://shop.example",
                5, 500, Optional.empty(), null, code, org.giftportal.site.Jurisdiction.US,
                java.time.Period.ofYears(3), java.util.List.of(Locale.ENGLISH));
    }
}
