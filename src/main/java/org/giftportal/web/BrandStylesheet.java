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

    BrandStylesheet(SiteInfo site) {
        String colour = site.brandColour();
        if (!HEX_COLOUR.matcher(colour).matches()) {
            throw new IllegalStateException("portal.brand.colour must be a #rrggbb colour, not " + colour);
        }
        css = ":root { --brand: " + colour + "; }\n";
    }

    @GET
    @Produces("text/css")
    public Response stylesheet() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(css).cacheControl(cache).build();
    }
}
