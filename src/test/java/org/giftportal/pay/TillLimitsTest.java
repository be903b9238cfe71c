package org.giftportal.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.giftportal.approvals.ValueAction;
import org.giftportal.site.PortalConfig;
import org.junit.jupiter.api.Test;

/** What a cashier may do alone, from the till's settings in whole units: plain rules, no stack. */
class TillLimitsTest {
    private static final PortalConfig.Till SETTINGS = till(Map.of("USD", 100L, "INR", 8_000L),
            Map.of("USD", 1_000L, "INR", 80_000L));

    @Test
    void refundsAloneStopAtThePaymentsLimitAndTheDailyLimitInMinorUnits() {
        assertThat(TillLimits.refunds(SETTINGS, "USD")).isEqualTo(new ValueAction.Limits(10_000, 100_000));
        assertThat(TillLimits.refunds(SETTINGS, "INR")).isEqualTo(new ValueAction.Limits(800_000, 8_000_000));
    }

    @Test
    void salesOfAnyValueStopOnlyAtTheDailyLimit() {
        assertThat(TillLimits.sales(SETTINGS, "USD")).isEqualTo(new ValueAction.Limits(Long.MAX_VALUE, 100_000));
    }

    @Test
    void aCurrencyWithoutLimitsNeedsASecondPersonForEverything() {
        assertThat(TillLimits.refunds(SETTINGS, "GBP")).isEqualTo(ValueAction.Limits.NONE);
        assertThat(TillLimits.sales(SETTINGS, "GBP")).isEqualTo(ValueAction.Limits.NONE);
        assertThat(TillLimits.refunds(till(Map.of("GBP", 80L), Map.of()), "GBP"))
                .as("a per-payment limit without a daily one").isEqualTo(ValueAction.Limits.NONE);
    }

    private static PortalConfig.Till till(Map<String, Long> perPayment, Map<String, Long> perDay) {
        return (PortalConfig.Till) Proxy.newProxyInstance(PortalConfig.Till.class.getClassLoader(),
                new Class<?>[] {PortalConfig.Till.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "refundApprovalAbove" -> perPayment;
                    case "dailyLimit" -> perDay;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
