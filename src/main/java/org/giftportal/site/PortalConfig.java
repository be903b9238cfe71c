package org.giftportal.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/** The white-label settings: who the retailer is, where it sells and how shoppers reach a person. */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    Brand brand();

    /** Region codes (ISO 3166 alpha-2, as in the identity provider's {@code region} claim) to their settings. */
    Map<String, RegionConfig> regions();

    /** The region of a shopper whose identity carries none. */
    String defaultRegion();

    ClaimCodes claimCodes();

    ClaimLock claimLock();

    Demo demo();

    Cases cases();

    /** Support cases opened by shoppers. */
    interface Cases {
        /** How long a case stays unresolved before the shopper may ask for escalation. */
        @WithDefault("P2D")
        Duration escalateAfter();
    }

    interface ClaimCodes {
        /** Key of the claim-code hash; a leaked database without it reveals no code. */
        String secret();
    }

    /** Guessing protection: too many failed look-ups lock redeeming and checking for a while. */
    interface ClaimLock {
        int maxFailures();

        Duration window();

        Duration lockDuration();

        int maxFailuresPerAddress();
    }

    interface Demo {
        /** Seeds the demo gift cards at start-up. Dev mode only. */
        boolean enabled();
    }

    interface Brand {
        String name();

        String storeUrl();

        /** The accent colour of buttons and links; must keep 4.5:1 contrast against white. */
        @WithDefault("#0b6e4f")
        String colour();
    }

    interface RegionConfig {
        String name();

        /** ISO 4217 code; the balance of every account in the region is kept in it. */
        String currency();

        /** BCP 47 language tag used to format amounts and dates for the region's shoppers. */
        String locale();

        /** IANA time zone in which the region's shoppers read dates and times. */
        String timeZone();

        String storeUrl();

        /** Smallest card value, in whole units of the region's currency. */
        @WithDefault("25")
        long minDenomination();

        /** Largest card value, in whole units of the region's currency. */
        @WithDefault("2000")
        long maxDenomination();

        /** How long a card issued in the region stays redeemable; none means cards never expire. */
        Optional<Period> cardValidity();

        Support support();
    }

    interface Support {
        String phone();

        String email();

        String phoneHours();

        String chatHours();
    }
}
