package org.giftportal.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.StaffPermissions;
import org.giftportal.web.Csv;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.Typed;

/**
 * The audit log for admins: every staff action, newest first, filtered by who, what, on what and when, in pages and as
 * a CSV download of everything the filter matches.
 */
@Path("/backoffice/audit")
@PermissionsAllowed(StaffPermissions.READ_AUDIT)
public class AuditLogResource {
    private static final int PAGE = 50;
    private static final int EXPORT_BATCH = 500;

    @Inject
    RegionFormats formats;

    @Inject
    Regions regions;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    /** The filter as the admin set it; blank parts don't filter. */
    public record Filter(String actor, String action, String target, String outcome, String from, String to) {
        String query() {
            return String.join("&", Arrays.stream(new String[][] {{"actor", actor}, {"action", action},
                    {"target", target}, {"outcome", outcome}, {"from", from}, {"to", to}})
                    .filter(pair -> !pair[1].isEmpty())
                    .map(pair -> pair[0] + "=" + java.net.URLEncoder.encode(pair[1], StandardCharsets.UTF_8))
                    .toList());
        }
    }

    public record Row(String at, String actor, String action, String outcome, String target, String reason,
            String change) {
    }

    /** An action to filter by: its key (a prefix of the actions it finds) and its words. */
    public record ActionChoice(String key, String words) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(Filter filter, List<ActionChoice> actions, List<String> outcomes,
                List<Row> rows, String olderUrl, String csvUrl, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response log(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target") String target, @QueryParam("outcome") String outcome,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") Long before) {
        Filter filter = new Filter(clean(actor), clean(action), clean(target), clean(outcome), clean(from),
                clean(to));
        Optional<String> problem = problem(filter);
        Region region = regions.defaultRegion();
        List<AuditEntry> entries = problem.isPresent() ? List.of() : QuarkusTransaction.requiringNew().call(() ->
                query(filter, before).page(0, PAGE + 1).list());
        AuditMask mask = mask(entries);
        List<Row> rows = entries.stream().limit(PAGE).map(entry -> row(entry, region, mask)).toList();
        String base = "/backoffice/audit?" + (filter.query().isEmpty() ? "" : filter.query() + "&");
        String older = entries.size() > PAGE ? base + "before=" + entries.get(PAGE - 1).id : null;
        String csv = "/backoffice/audit/export.csv" + (filter.query().isEmpty() ? "" : "?" + filter.query());
        return Response.status(problem.isPresent() ? 400 : 200).entity(Templates.log(filter, actionChoices(filter),
                Arrays.stream(AuditEntry.Outcome.values()).map(Enum::name).toList(), rows, older, csv,
                problem.orElse(null))).build();
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target") String target, @QueryParam("outcome") String outcome,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Filter filter = new Filter(clean(actor), clean(action), clean(target), clean(outcome), clean(from),
                clean(to));
        Optional<String> problem = problem(filter);
        if (problem.isPresent()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(problem.get() + "\n").build();
        }
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write("at,actor_subject,actor_name,action,outcome,target_type,target_id,target,reason,before,"
                    + "after\r\n");
            Long before = null;
            while (true) {
                Long cursor = before;
                List<AuditEntry> batch = QuarkusTransaction.requiringNew().call(() ->
                        query(filter, cursor).page(0, EXPORT_BATCH).list());
                AuditMask mask = mask(batch);
                for (AuditEntry entry : batch) {
                    writer.write(String.join(",", entry.at.toString(), Csv.field(entry.actorSubject),
                            Csv.field(mask.apply(entry.actorName)), Csv.field(entry.action), entry.outcome.name(),
                            entry.targetType.name(), entry.targetId == null ? "" : entry.targetId.toString(),
                            Csv.field(mask.apply(entry.targetLabel)), Csv.field(mask.apply(entry.reason)),
                            Csv.field(mask.apply(entry.before)), Csv.field(mask.apply(entry.after))));
                    writer.write("\r\n");
                }
                if (batch.size() < EXPORT_BATCH) {
                    break;
                }
                before = batch.get(batch.size() - 1).id;
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"").build();
    }

    /** The entries the filter matches, newest first, older than the cursor (an entry id; ids grow with time). */
    private static io.quarkus.hibernate.orm.panache.PanacheQuery<AuditEntry> query(Filter filter, Long before) {
        return AuditEntry.search(new AuditEntry.Search(filter.actor(), filter.action(), filter.target(),
                filter.outcome().isEmpty() ? Optional.empty() : Optional.of(AuditEntry.Outcome.valueOf(
                        filter.outcome())), date(filter.from()), date(filter.to()).map(to -> to.plusSeconds(86_400))),
                before);
    }

    private static Optional<String> problem(Filter filter) {
        if (!filter.outcome().isEmpty() && Arrays.stream(AuditEntry.Outcome.values())
                .noneMatch(outcome -> outcome.name().equals(filter.outcome()))) {
            return Optional.of("Choose an outcome from the list.");
        }
        if (!filter.from().isEmpty() && date(filter.from()).isEmpty()
                || !filter.to().isEmpty() && date(filter.to()).isEmpty()) {
            return Optional.of("Dates look like 2026-11-26.");
        }
        return Optional.empty();
    }

    /** The start of a day (UTC) typed as yyyy-mm-dd. */
    private static Optional<Instant> date(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The actions staff can pick, and one typed into an address by hand, kept as it was typed. */
    private static List<ActionChoice> actionChoices(Filter filter) {
        List<ActionChoice> choices = new java.util.ArrayList<>();
        AuditActions.choices().forEach((key, words) -> choices.add(new ActionChoice(key, words)));
        if (!filter.action().isEmpty() && !AuditActions.choices().containsKey(filter.action())) {
            choices.add(new ActionChoice(filter.action(), "Starting with “" + filter.action() + "”"));
        }
        return choices;
    }

    /**
     * Who may look shoppers up reads the log as it is; who may not (finance) reads shoppers' emails and names masked.
     */
    private AuditMask mask(List<AuditEntry> entries) {
        return identity.checkPermissionBlocking(new io.quarkus.security.StringPermission(StaffPermissions.LOOK_UP))
                ? AuditMask.none()
                : QuarkusTransaction.requiringNew().call(() -> AuditMask.forEntries(entries));
    }

    private Row row(AuditEntry entry, Region region, AuditMask mask) {
        String change = entry.before == null && entry.after == null ? ""
                : entry.outcome == AuditEntry.Outcome.DONE ? entry.before + " → " + entry.after : entry.after;
        return new Row(formats.dateTime(entry.at, region), mask.apply(entry.actorName),
                AuditActions.inWords(entry.action), entry.outcome.name().toLowerCase(Locale.ROOT),
                entry.targetType.name().toLowerCase(Locale.ROOT) + " "
                        + (entry.targetLabel == null ? "" : mask.apply(entry.targetLabel)),
                entry.reason == null ? "" : mask.apply(entry.reason), mask.apply(change));
    }

    private static String clean(String value) {
        String text = Typed.text(value);
        return text.length() > 100 ? text.substring(0, 100) : text;
    }
}
