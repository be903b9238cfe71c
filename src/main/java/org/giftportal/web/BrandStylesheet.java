package org.giftportal.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.giftportal.site.SiteInfo;

/**
 * The brand colour from configuration as a CSS custom property. A stylesheet rather than an inline style, so the
 * Content-Security-Policy can forbid inline styles.
 */
@PermitAll
@Path("/brand.css")
public class BrandStylesheet {
    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private final String css;

    BrandStylesheet(SiteInfo site, org.giftportal.site.PortalConfig config) {
        StringBuilder text = new StringBuilder(":root { --brand: " + checked("portal.brand.colour", site.brandColour())
                + "; }\n");
        // Each gift theme's colour, for the gift page: .theme-birthday { --theme: ... }
        new java.util.TreeMap<>(config.gifts().themeColours()).forEach((theme, colour) -> {
            if (!theme.matches("[a-z-]{1,30}")) {
                throw new IllegalStateException("portal.gifts.theme-colours." + theme + " is not a theme's name");
            }
            text.append(".theme-").append(theme).append(" { --theme: ")
                    .append(checked("portal.gifts.theme-colours." + theme, colour)).append("; }\n");
        });
        css = text.toString();
    }

    private static String checked(String setting, String colour) {
        if (!HEX_COLOUR.matcher(colour).matches()) {
            throw new IllegalStateException(setting + " must be a #rrggbb colour, not " + colour);
        }
        return colour;
    }

    @GET
    @Produces("text/css")
    public Response stylesheet() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(css).cacheControl(cache).build();
    }
}
