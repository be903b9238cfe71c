package org.giftportal.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's own white-label settings (application.properties), for the identity provider the local stack sets
 * up: its brand name on the sign-in pages, the regions a shopper picks from when signing up.
 */
public final class PortalProperties {
    private static final Pattern REGION_NAME = Pattern.compile("portal\\.regions\\.([A-Z]{2})\\.name");
    private static final Pattern TEST_REGION_NAME = Pattern.compile("%test\\.portal\\.regions\\.([A-Z]{2})\\.name");

    private PortalProperties() {
    }

    static String brandName() {
        return load().getProperty("portal.brand.name");
    }

    public static String brandColour() {
        String colour = load().getProperty("portal.brand.colour", "#0b6e4f");
        if (!colour.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalStateException("portal.brand.colour must be a #rrggbb colour, not " + colour);
        }
        return colour;
    }

    /** Region code to its name, as configured. */
    /** @param forTests with the regions only the tests configure (the test profile's) */
    static Map<String, String> regions(boolean forTests) {
        Properties settings = load();
        Map<String, String> regions = new TreeMap<>();
        settings.stringPropertyNames().forEach(key -> {
            Matcher region = forTests && key.startsWith("%test.") ? TEST_REGION_NAME.matcher(key)
                    : REGION_NAME.matcher(key);
            if (region.matches()) {
                regions.put(region.group(1), settings.getProperty(key));
            }
        });
        return regions;
    }

    private static Properties load() {
        Properties settings = new Properties();
        try (InputStream in = PortalProperties.class.getResourceAsStream("/application.properties")) {
            settings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }
}
