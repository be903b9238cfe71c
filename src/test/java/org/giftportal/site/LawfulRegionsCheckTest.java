package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A region's cards follow its jurisdiction's law, kept in the code: the portal refuses to start with a validity the
 * law doesn't allow, an unknown jurisdiction, or a currency not the jurisdiction's, one line per problem.
 */
class LawfulRegionsCheckTest {

    @Test
    void theShippedRegionsAreLawful() {
        assertThat(LawfulRegionsCheck.problems(Map.of("US", region("US", "USD", null), "GB", region("GB", "GBP", null),
                "IN", region("IN", "INR", Period.ofYears(10)), "IE", region("IE", "EUR", Period.ofYears(5)))))
                .isEmpty();
    }

    @Test
    void aValidityShorterThanTheLawsMinimumIsRefusedWithTheRule() {
        assertThat(LawfulRegionsCheck.problems(Map.of("IN", region("IN", "INR", Period.ofMonths(6)))))
                .containsExactly("portal.regions.IN.card-validity: cards expire after P6M, but Indian law requires"
                        + " at least P1Y from the sale");
        assertThat(LawfulRegionsCheck.problems(Map.of("US", region("US", "USD", Period.ofMonths(59))))).singleElement()
                .asString().contains("requires at least P5Y");
        assertThat(LawfulRegionsCheck.problems(Map.of("US", region("US", "USD", Period.ofMonths(60))))).isEmpty();
    }

    @Test
    void whereCardsMayNotExpireAnyValidityIsRefused() {
        assertThat(LawfulRegionsCheck.problems(Map.of("US", region("US-CA", "USD", Period.ofYears(20)))))
                .singleElement().asString().contains("gift cards may not expire under California law");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        List<String> problems = LawfulRegionsCheck.problems(Map.of("AU", region("AU", "AUD", Period.ofYears(2)),
                "XX", region("Atlantis", "USD", null), "IE", region("IE", "GBP", null)));

        assertThat(problems).containsExactly(
                "portal.regions.AU.card-validity: cards expire after P2Y, but Australian law requires at least"
                        + " P3Y from the sale",
                "portal.regions.IE.currency=GBP is not the currency of its jurisdiction IE (EUR)",
                "portal.regions.XX.jurisdiction=Atlantis is not a jurisdiction the portal knows (see docs/finance.md"
                        + " for the table and how to add one)");
    }

    @Test
    void californiaPaysSmallBalancesInCashAndTheOthersDoNot() {
        assertThat(Jurisdiction.of("us-ca").orElseThrow().cashOutBelowMinor()).contains(1_000L);
        assertThat(Jurisdiction.values()).filteredOn(law -> law.cashOutBelowMinor().isPresent())
                .containsExactly(Jurisdiction.US_CA);
    }

    /** A region's settings as configuration would give them: only what the check reads. */
    private static PortalConfig.RegionConfig region(String jurisdiction, String currency, Period validity) {
        return (PortalConfig.RegionConfig) Proxy.newProxyInstance(LawfulRegionsCheckTest.class.getClassLoader(),
                new Class<?>[] {PortalConfig.RegionConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jurisdiction" -> jurisdiction;
                    case "currency" -> currency;
                    case "cardValidity" -> Optional.ofNullable(validity);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
