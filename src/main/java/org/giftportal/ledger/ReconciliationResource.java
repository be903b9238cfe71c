package org.giftportal.ledger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/** The money checks for admins: the latest runs and what each found, and a button to run them now. */
@Path("/backoffice/reconciliation")
@PermissionsAllowed(StaffPermissions.READ_AUDIT)
public class ReconciliationResource {
    private static final int SHOWN = 20;

    @Inject
    Reconciliation reconciliation;

    @Inject
    RegionFormats formats;

    @Inject
    Regions regions;

    public record RunView(long id, String started, String seconds, boolean passed, int mismatches, String report) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance runs(List<RunView> runs, String notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance runs(@QueryParam("ran") String ran) {
        List<RunView> runs = ReconciliationRun.latest(SHOWN).stream().map(this::view).toList();
        String notice = ran == null ? null : "busy".equals(ran)
                ? "The checks are running on another instance right now. Reload this page in a minute."
                : "The checks ran: the newest result is at the top.";
        return Templates.runs(runs, notice);
    }

    @POST
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED)
    public Response runNow() {
        boolean ran = reconciliation.runIfFree().isPresent();
        return Response.seeOther(UriBuilder.fromPath("/backoffice/reconciliation")
                .queryParam("ran", ran ? "yes" : "busy").build()).build();
    }

    private RunView view(ReconciliationRun run) {
        long millis = java.time.Duration.between(run.startedAt, run.finishedAt).toMillis();
        return new RunView(run.id, formats.dateTime(run.startedAt, regions.defaultRegion()),
                String.format("%.1f", millis / 1000.0), run.passed(), run.mismatches, run.report);
    }
}
