package org.giftportal.redeem;

import java.util.Locale;

/**
 * A browser's family in a few words ("Chrome on Android"), from its User-Agent: enough for an investigation to see
 * that two look-ups came from alike devices, never enough to single one out (no versions, no models).
 */
public final class DeviceFamily {
    static final String UNKNOWN = "unknown";

    private DeviceFamily() {
    }

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        String browser = agent.contains("edg/") ? "Edge" : agent.contains("opr/") ? "Opera"
                : agent.contains("firefox/") ? "Firefox" : agent.contains("chrome/") || agent.contains("crios/")
                        ? "Chrome" : agent.contains("safari/") ? "Safari" : agent.contains("curl/")
                                || agent.contains("python") || agent.contains("java/") ? "Script" : "Other browser";
        String system = agent.contains("android") ? "Android" : agent.contains("iphone") || agent.contains("ipad")
                ? "iOS" : agent.contains("windows") ? "Windows" : agent.contains("mac os") ? "macOS"
                        : agent.contains("linux") ? "Linux" : "another system";
        return browser + " on " + system;
    }
}
