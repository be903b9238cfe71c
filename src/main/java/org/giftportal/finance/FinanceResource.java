package org.giftportal.finance;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * The liability statements, for finance and admins (read-only): each region's months, open or closed, and a month's
 * roll-forward in two parts beside the closing read from the state, with its CSV. A closed month shows what it closed
 * with; an open one, the rows as they stand.
 */
@Path("/backoffice/finance")
@PermissionsAllowed(StaffPermissions.READ_FINANCE)
public class FinanceResource {
    /** How many months back the list goes before the first activity is reached. */
    private static final int MAX_MONTHS = 36;

    @Inject
    Statements statements;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Clock clock;

    @Inject
    Dormancy dormancy;

    public record MonthRow(String month, String label, String url, String csvUrl, boolean closed, String closedOn,
            String closing) {
    }

    public record RegionMonths(String code, String name, String currency, String jurisdiction, List<MonthRow> months,
            String dormantAfter) {
    }

    public record DormantRow(String kind, String reference, String who, String since, String amount) {
    }

    public record LineView(String label, String amount, boolean emphasis) {
    }

    public record PartView(String title, List<LineView> lines, String closing, String closingRead,
            boolean reconciles) {
    }

    public record StatementView(String regionName, String currency, String monthLabel, String status,
            List<PartView> parts, String opening, String closing, String closingRead, boolean reconciles, String held,
            String csvUrl, String watermarks) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<RegionMonths> regions);

        static native TemplateInstance statement(StatementView statement);

        static native TemplateInstance dormant(String code, String regionName, String dormantAfter, List<DormantRow> rows,
                String total);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance index() {
        List<RegionMonths> all = new ArrayList<>();
        for (Region region : regions.all()) {
            Map<String, ClosedStatement> closed = ClosedStatement.allOf(region.code()).stream()
                    .collect(Collectors.toMap(statement -> statement.month, statement -> statement));
            YearMonth now = YearMonth.from(clock.instant().atZone(region.timeZone()));
            YearMonth first = statements.firstMonth(region).orElse(now);
            List<MonthRow> months = new ArrayList<>();
            for (YearMonth month = now; !month.isBefore(first) && months.size() < MAX_MONTHS;
                    month = month.minusMonths(1)) {
                Optional<ClosedStatement> stored = Optional.ofNullable(closed.get(month.toString()));
                String base = "/backoffice/finance/" + region.code() + "/" + month;
                months.add(new MonthRow(month.toString(), label(month), base, base + ".csv", stored.isPresent(),
                        stored.map(statement -> formats.date(statement.closedAt, region)).orElse(null),
                        stored.map(statement -> money(statement.closingMinor, region)).orElse(null)));
            }
            all.add(new RegionMonths(region.code(), region.name(), region.currency().getCurrencyCode(),
                    region.jurisdiction().title(), months, region.dormantAfter().toString()));
        }
        return Templates.index(all);
    }

    @GET
    @Path("{region}/{month}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance statement(@PathParam("region") String code, @PathParam("month") String month) {
        Region region = region(code);
        YearMonth chosen = month(month);
        LiabilityStatement statement = statements.statement(region, chosen);
        return Templates.statement(view(statement, region));
    }

    @GET
    @Path("{region}/{month}.csv")
    @Produces("text/csv")
    @Transactional
    public Response csv(@PathParam("region") String code, @PathParam("month") String month) {
        Region region = region(code);
        YearMonth chosen = month(month);
        String body = ClosedStatement.of(region.code(), chosen).map(closed -> closed.content)
                .orElseGet(() -> statements.statement(region, chosen).csv());
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"liability-" + region.code() + "-" + chosen + ".csv\"").build();
    }

    /** The region's dormant balances and cards, for an unclaimed-property filing. */
    @GET
    @Path("{region}/dormant")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance dormant(@PathParam("region") String code) {
        Region region = region(code);
        List<Dormancy.Dormant> found = dormancy.of(region);
        List<DormantRow> rows = found.stream().map(row -> new DormantRow(row.kind(), row.reference(),
                row.name() == null ? "" : row.name() + " <" + row.email() + ">", formats.date(row.lastActivity(), region),
                money(row.amountMinor(), region))).toList();
        return Templates.dormant(region.code(), region.name(), region.dormantAfter().toString(), rows,
                money(found.stream().mapToLong(Dormancy.Dormant::amountMinor).sum(), region));
    }

    @GET
    @Path("{region}/dormant.csv")
    @Produces("text/csv")
    @Transactional
    public Response dormantCsv(@PathParam("region") String code) {
        Region region = region(code);
        StringBuilder csv = new StringBuilder("region,currency,kind,reference,name,email,last_activity,amount_minor,"
                + "amount\r\n");
        for (Dormancy.Dormant row : dormancy.of(region)) {
            csv.append(region.code()).append(',').append(region.currency().getCurrencyCode()).append(',')
                    .append(row.kind()).append(',').append(org.giftportal.web.Csv.field(row.reference())).append(',')
                    .append(org.giftportal.web.Csv.field(row.name())).append(',')
                    .append(org.giftportal.web.Csv.field(row.email())).append(',')
                    .append(row.lastActivity().atZone(region.timeZone()).toLocalDate()).append(',')
                    .append(row.amountMinor()).append(',')
                    .append(Money.of(row.amountMinor(), region.currency().getCurrencyCode()).decimal().toPlainString())
                    .append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"dormant-" + region.code() + "-"
                        + clock.instant().atZone(region.timeZone()).toLocalDate() + ".csv\"").build();
    }

    private Region region(String code) {
        return regions.find(code).orElseThrow(NotFoundException::new);
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new NotFoundException();
        }
    }

    private StatementView view(LiabilityStatement statement, Region region) {
        List<PartView> parts = new ArrayList<>();
        statement.parts().forEach((part, figures) -> {
            List<LineView> lines = new ArrayList<>();
            lines.add(new LineView("Opening", money(figures.opening(), region), true));
            figures.lines().forEach((line, amount) -> lines.add(new LineView(line.label(), signed(amount, region),
                    false)));
            parts.add(new PartView(part.title(), lines, money(figures.closing(), region),
                    money(figures.closingRead(), region), figures.reconciles()));
        });
        String status = statement.closed().map(closed -> "Closed on " + formats.dateTime(closed.at(), region)
                + ": these figures never change.").orElse("Open: the figures change until the month closes.");
        String watermarks = statement.closed().map(closed -> "Includes ledger entries up to " + closed.ledgerWatermark()
                + " and card journal rows up to " + closed.journalWatermark() + ".").orElse(null);
        return new StatementView(region.name(), statement.currency(), label(statement.month()), status, parts,
                money(statement.opening(), region), money(statement.closing(), region),
                money(statement.closingRead(), region), statement.reconciles(), money(statement.heldAtClose(), region),
                "/backoffice/finance/" + region.code() + "/" + statement.month() + ".csv", watermarks);
    }

    private static String label(YearMonth month) {
        return month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + month.getYear();
    }

    private String money(long minor, Region region) {
        return formats.money(Money.of(minor, region.currency().getCurrencyCode()), region);
    }

    private String signed(long minor, Region region) {
        return minor == 0 ? money(0, region) : formats.signedMoney(Money.of(minor,
                region.currency().getCurrencyCode()), region);
    }
}
