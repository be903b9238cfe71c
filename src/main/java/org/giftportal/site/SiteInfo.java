package org.giftportal.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Year;

/** The retailer's identity for every page ({@code inject:site}): brand name, store link and accent colour. */
@Named("site")
@ApplicationScoped
public class SiteInfo {
    private final PortalConfig config;
    private volatile String assetVersion;

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

    /** The stylesheet's version, from its content: pages ask for /css/portal.css?v=... and may cache it for good. */
    public String assetVersion() {
        if (assetVersion == null) {
            try (java.io.InputStream css = Thread.currentThread().getContextClassLoader().getResourceAsStream(
                    "META-INF/resources/css/portal.css")) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(css == null ? new byte[0]
                        : css.readAllBytes());
                assetVersion = java.util.HexFormat.of().formatHex(digest, 0, 6);
            } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("The stylesheet could not be read", e);
            }
        }
        return assetVersion;
    }

    public int year() {
        return Year.now().getValue();
    }
}
