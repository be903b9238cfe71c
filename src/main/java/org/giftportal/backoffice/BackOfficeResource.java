package org.giftportal.backoffice;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.account.StaffPermissions;

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
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    org.giftportal.account.SignedInShopper staff;

    /** How many accounts one search shows: enough for a common name, few enough to read. */
    static final int MAX_FOUND = 20;

    /** An account that matches (the identity provider may let several share an email) and when it was created. */
    /** An account found, with its region by name and its currency. */
    public record Found(Account account, String customerSince, String regionName) {
    }

    /** One kind of work: how many, how long the oldest has waited, and where the list is. */
    public record Waiting(String what, long count, String oldest, String url) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<Waiting> waiting, String query, List<Found> found, boolean more);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance home(@QueryParam("q") String q) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 320) {
            query = query.substring(0, 320);
        }
        List<Found> found = query.isEmpty() ? List.of() : Account.search(query, MAX_FOUND + 1).stream()
                .map(account -> new Found(account, formats.date(account.createdAt, regions.orDefault(account.region)),
                        regions.orDefault(account.region).name()))
                .toList();
        boolean more = found.size() > MAX_FOUND;
        return Templates.home(waiting(), query, more ? found.subList(0, MAX_FOUND) : found, more);
    }

    private List<Waiting> waiting() {
        List<Waiting> waiting = new java.util.ArrayList<>(List.of(
                cases("Cases waiting on the team", "OPEN", "/backoffice/cases?status=OPEN"),
                cases("Cases escalated to a senior colleague", "ESCALATED", "/backoffice/cases?status=ESCALATED"),
                cases("Cases waiting on the shopper", "WAITING_ON_CUSTOMER",
                        "/backoffice/cases?status=WAITING_ON_CUSTOMER"),
                counted("Blocked cards waiting for review", "SELECT COUNT(*), NULL FROM gift_card"
                        + " WHERE status = 'BLOCKED'", "/backoffice/cards?status=BLOCKED")));
        waiting.add(counted("Emails that could not be sent", "SELECT COUNT(*), MIN(created_at)"
                + " FROM mail_outbox WHERE status = 'FAILED'", "/backoffice/mails"));
        if (staff.hasPermission(StaffPermissions.MANAGE_VALUE)) {
            waiting.add(counted("Requests waiting for a second admin", "SELECT COUNT(*), MIN(requested_at)"
                    + " FROM value_request WHERE status = 'PENDING' AND desk = 'backoffice'", "/backoffice/approvals"));
        }
        return waiting;
    }

    private Waiting cases(String what, String status, String url) {
        return counted(what, "SELECT COUNT(*), MIN(updated_at) FROM support_case WHERE status = '" + status + "'",
                url);
    }

    private Waiting counted(String what, String sql, String url) {
        Object[] row = (Object[]) em.createNativeQuery(sql).getSingleResult();
        long count = ((Number) row[0]).longValue();
        String oldest = row[1] == null ? null : age(DatabaseTime.read(row[1]));
        return new Waiting(what, count, oldest, url);
    }

    private String age(Instant since) {
        Duration waited = Duration.between(since, clock.instant());
        return waited.toDays() > 0 ? waited.toDays() + " days" : Math.max(0, waited.toHours()) + " hours";
    }
}
