package org.giftportal.restrictions;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/**
 * What a balance can and can't be used for. A signed-in shopper sees their own region's rules; a visitor picks a
 * region.
 */
@PermitAll
@Path("/restrictions")
public class RestrictionsResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    Regions regions;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance restrictions(Region region, List<RestrictedCategory> categories,
                String cardValidity, Collection<Region> regions, boolean ownRegion, String unknownRegion);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response restrictions(@QueryParam("region") String requested) {
        boolean signedIn = shopper.isSignedIn();
        Region region = regions.forReader(signedIn ? shopper.accountRegion() : null, requested);
        String unknown = !signedIn && requested != null && !requested.isBlank() && regions.find(requested).isEmpty()
                ? requested.strip() : null;
        TemplateInstance page = Templates.restrictions(region, RestrictedCategory.forRegion(region.code()),
                validity(region.cardValidity()), regions.all(), signedIn, unknown);
        return Response.status(unknown == null ? 200 : 404).entity(page).build();
    }

    private static String validity(Optional<Period> validity) {
        return validity.map(period -> {
            int years = period.getYears();
            return years > 0 && period.getMonths() == 0 && period.getDays() == 0
                    ? "Gift cards can be redeemed for " + years + " year" + (years == 1 ? "" : "s")
                            + " from the day they were bought. Once redeemed, your balance doesn't expire."
                    : "Gift cards can be redeemed for a limited time after purchase (" + period
                            + "); the date is on the card. Once redeemed, your balance doesn't expire.";
        }).orElse("Gift cards and your balance don't expire.");
    }
}
