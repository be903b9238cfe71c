package org.giftportal.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The white-label settings: who the retailer is, where it sells and how shoppers reach a person. */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    Brand brand();

    /** Region codes (ISO 3166 alpha-2, as in the identity provider's {@code region} claim) to their settings. */
    Map<String, RegionConfig> regions();

    /** The region of a shopper whose identity carries none. */
    String defaultRegion();

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

        String storeUrl();

        Support support();
    }

    interface Support {
        String phone();

        String email();

        String phoneHours();

        String chatHours();
    }
}
