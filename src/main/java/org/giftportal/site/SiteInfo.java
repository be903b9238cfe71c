package org.giftportal.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Year;

/** The retailer's identity for every page ({@code inject:site}): brand name, store link and accent colour. */
@Named("site")
@ApplicationScoped
public class SiteInfo {
    private final PortalConfig config;

    SiteInfo(PortalConfig config) {
        this.config = config;
    }

    public String brandName() {
        return config.brand().name();
    }

    public String storeUrl() {
        return config.brand().storeUrl();
    }

    public String brandColour() {
        return config.brand().colour();
    }

    public int year() {
        return Year.now().getValue();
    }
}
