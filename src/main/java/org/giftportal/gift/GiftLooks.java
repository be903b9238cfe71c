package org.giftportal.gift;

import jakarta.enterprise.context.ApplicationScoped;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.SiteInfo;

/** How gifts look and where their links lead: each theme's colour (configured, or the brand's) and the gift page. */
@ApplicationScoped
public class GiftLooks {
    private final PortalConfig config;
    private final SiteInfo site;

    GiftLooks(PortalConfig config, SiteInfo site) {
        this.config = config;
        this.site = site;
    }

    public String colour(Theme theme) {
        return config.gifts().themeColours().getOrDefault(theme.key(), site.brandColour());
    }

    /** The portal's address for links in emails; production refuses to start without it. */
    String publicUrl() {
        String url = config.publicUrl().orElseThrow(() -> new IllegalStateException(
                "portal.public-url (PORTAL_PUBLIC_URL) is not set: gift emails can't link to the portal"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String link(String token) {
        return publicUrl() + "/gift/" + token;
    }
}
