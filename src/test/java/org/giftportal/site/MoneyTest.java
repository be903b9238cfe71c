package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.giftportal.site.Money;

class MoneyTest {
    private static final Locale US = Locale.forLanguageTag("en-US");
    private static final Locale INDIA = Locale.forLanguageTag("en-IN");
    private static final Locale UK = Locale.forLanguageTag("en-GB");

    @Test
    void dollarsInTheUnitedStates() {
        assertThat(Money.of(125_000, "USD").format(US)).isEqualTo("$1,250.00");
        assertThat(Money.of(5, "USD").format(US)).isEqualTo("$0.05");
        assertThat(Money.of(200_000_000, "USD").format(US)).isEqualTo("$2,000,000.00");
    }

    @Test
    void rupeesInIndiaGroupLakhsAndCrores() {
        assertThat(Money.of(10_000_000, "INR").format(INDIA)).isEqualTo("₹1,00,000.00");
        assertThat(Money.of(12_345_678_900L, "INR").format(INDIA)).isEqualTo("₹12,34,56,789.00");
        assertThat(Money.of(99_900, "INR").format(INDIA)).isEqualTo("₹999.00");
        assertThat(Money.of(200_000, "INR").format(INDIA)).isEqualTo("₹2,000.00");
    }

    @Test
    void poundsInTheUnitedKingdom() {
        assertThat(Money.of(1_250, "GBP").format(UK)).isEqualTo("£12.50");
    }

    @Test
    void signedAmountsForHistoryLines() {
        assertThat(Money.of(5_000, "USD").formatSigned(US)).isEqualTo("+$50.00");
        assertThat(Money.of(-1_299, "USD").formatSigned(US)).isEqualTo("−$12.99");
        assertThat(Money.of(-10_000_000, "INR").formatSigned(INDIA)).isEqualTo("−₹1,00,000.00");
    }

    @Test
    void decimalsKeepTheCurrencysScale() {
        assertThat(Money.of(-1_250, "USD").decimal().toPlainString()).isEqualTo("-12.50");
        assertThat(Money.of(1_000, "JPY").decimal().toPlainString()).isEqualTo("1000");
    }
}
