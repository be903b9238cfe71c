package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.junit.jupiter.api.Test;

/** The rules of one gift as staff type it, where a name or address would otherwise reach an email's headers. */
class GiftLinesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
    private static final Region US = new Region("US", "United States", Currency.getInstance("USD"), Locale.US,
            NEW_YORK, "https://shop.example", 10, 500, Optional.empty(), new PortalConfig.Support() {
                @Override
                public String phone() {
                    return "1-800-555-0100";
                }

                @Override
                public String email() {
                    return "help@shop.example";
                }

                @Override
                public String phoneHours() {
                    return "9-5";
                }

                @Override
                public String chatHours() {
                    return "9-5";
                }
            }, "the United States", org.giftportal.site.Jurisdiction.US,
                java.time.Period.ofYears(3), java.util.List.of(Locale.ENGLISH));

    @Test
    void aPlainGiftPassesWithItsAmountInMinorUnitsAndNowAsItsTime() {
        GiftLines.Checked checked = check("Rosa Diaz", "rosa@example.com", "Team Brightleaf");

        assertThat(checked.problem()).isNull();
        assertThat(checked.gift().orElseThrow().amountMinor()).isEqualTo(2500);
        assertThat(checked.gift().orElseThrow().deliverAt()).isEqualTo(NOW);
    }

    @Test
    void aLineBreakOrOtherControlCharacterInANameOrAddressIsRefused() {
        assertThat(check("Rosa\r\nBcc: all@example.com", "rosa@example.com", "Team").problem())
                .isEqualTo("The recipient's name holds control characters: type it as plain text.");
        assertThat(check("Rosa", "rosa@example.com", "Team\u0007Brightleaf").problem())
                .isEqualTo("The sender's name holds control characters: type it as plain text.");
        assertThat(check("Rosa", "rosa\u0000@example.com", "Team").problem())
                .startsWith("\"rosa").endsWith("is not an email address.");
        assertThat(GiftLines.isEmailAddress("rosa@exa\u0085mple.com")).isFalse();
    }

    private static GiftLines.Checked check(String recipientName, String email, String senderName) {
        return GiftLines.check(new GiftLines.Typed(recipientName, email, "25", "Enjoy!", senderName, "", "birthday"),
                US, NEW_YORK, NOW);
    }
}
