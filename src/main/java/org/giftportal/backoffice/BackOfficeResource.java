package org.giftportal.backoffice;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.Typed;

/**
 * The back office's home: the work waiting (cases by status and how long the oldest has waited, blocked cards to
 * review), each count a link to its list; and finding a shopper's account by email, name or sign-in subject.
 */
@Path("/backoffice")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class BackOfficeResource {

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    WorkWaiting work;

    @Inject
    org.giftportal.account.SignedInShopper staff;

    /** How many accounts one search shows: enough for a common name, few enough to read. */
    static final int MAX_FOUND = 20;

    /** An account that matches (the identity provider may let several share an email) and when it was created. */
    /** An account found, with its region by name and its currency. */
    public record Found(Account account, String customerSince, String regionName) {
    }


    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<WorkWaiting.Waiting> waiting, String query, List<Found> found, boolean more);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance home(@QueryParam("q") String q) {
        String query = Typed.text(q);
        if (query.length() > 320) {
            query = query.substring(0, 320);
        }
        List<Found> found = query.isEmpty() ? List.of() : Account.search(query, MAX_FOUND + 1).stream()
                .map(account -> new Found(account, formats.date(account.createdAt, regions.orDefault(account.region)),
                        regions.orDefault(account.region).name()))
                .toList();
        boolean more = found.size() > MAX_FOUND;
        return Templates.home(work.waiting(staff.hasPermission(StaffPermissions.MANAGE_VALUE)), query, more ? found.subList(0, MAX_FOUND) : found, more);
    }
}
