package org.giftportal.backoffice;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/** The back office start page for support staff and admins: find a shopper's account by email. */
@Path("/backoffice")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class BackOfficeResource {

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    /** An account with that email (the identity provider may let several share one) and when it was created. */
    public record Found(Account account, String customerSince) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(String email, List<Found> found);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home(@QueryParam("email") String email) {
        String query = email == null ? "" : email.strip();
        List<Found> found = query.isEmpty() ? List.of() : Account.listByEmail(query).stream()
                .map(account -> new Found(account, formats.date(account.createdAt, regions.orDefault(account.region))))
                .toList();
        return Templates.home(query, found);
    }
}
