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

/**
 * The back office's home: the work waiting (cases by status and how long the oldest has waited, blocked cards to
 * review), each count a link to its list; and finding a shopper's account by email.
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

    /** An account with that email (the identity provider may let several share one) and when it was created. */
    public record Found(Account account, String customerSince) {
    }

    /** One kind of work: how many, how long the oldest has waited, and where the list is. */
    public record Waiting(String what, long count, String oldest, String url) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<Waiting> waiting, String email, List<Found> found);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance home(@QueryParam("email") String email) {
        String query = email == null ? "" : email.strip();
        List<Found> found = query.isEmpty() ? List.of() : Account.listByEmail(query).stream()
                .map(account -> new Found(account, formats.date(account.createdAt, regions.orDefault(account.region))))
                .toList();
        return Templates.home(waiting(), query, found);
    }

    private List<Waiting> waiting() {
        return List.of(
                cases("Cases waiting on the team", "OPEN", "/backoffice/cases?status=OPEN"),
                cases("Cases escalated to a senior colleague", "ESCALATED", "/backoffice/cases?status=ESCALATED"),
                cases("Cases waiting on the shopper", "WAITING_ON_CUSTOMER",
                        "/backoffice/cases?status=WAITING_ON_CUSTOMER"),
                counted("Blocked cards waiting for review", "SELECT COUNT(*), NULL FROM gift_card"
                        + " WHERE status = 'BLOCKED'", "/backoffice/cards?status=BLOCKED"));
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
