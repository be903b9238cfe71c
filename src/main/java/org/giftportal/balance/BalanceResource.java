package org.giftportal.balance;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.ledger.EntryType;
import org.giftportal.ledger.History;
import org.giftportal.ledger.HistoryCursor;
import org.giftportal.ledger.HistoryPage;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/** The shopper's balance, what it is made of, and every change to it, in pages and as a CSV download. */
@Path("/balance")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class BalanceResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    History history;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    Clock clock;

    @Inject
    Rights rights;

    /**
     * @param held what the store's holds set aside, or null when nothing is; available is the rest
     * @param checking what redeemed cards waiting for the retailer's check are worth, or null when none wait
     * @param frozen whether the account can't spend while the retailer looks into it
     */
    public record Summary(String balance, String totalRedeemed, String totalSpent, String lastChange,
            boolean hasActivity, String held, String available, String checking, int checkingCards,
            int usualHours, boolean frozen) {
    }

    @Inject
    org.giftportal.redeem.RiskRules risks;

    public record Row(String date, String isoDate, String what, String card, String detail, String amount,
            boolean credit, String balanceAfter) {
    }

    /** Prebuilt links: filters stay applied from page to page. */
    /** Links to the pages around this one and to the download, all of the history as listed. */
    public record Pager(String newerUrl, String olderUrl, String newestUrl, String csvUrl, boolean filtered) {
    }

    public record TypeOption(String value, String label, boolean selected) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance balance(Summary summary, List<Row> rows, Pager pager, HistoryQuery query,
                List<TypeOption> types, boolean olderPage, Rights.View rights);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response balance(@QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("before") String before, @QueryParam("after") String after) {
        Account account = shopper.account();
        Region region = regions.orDefault(account.region);
        HistoryQuery query = HistoryQuery.read(type, from, to, region);
        Optional<HistoryCursor> older = HistoryCursor.decode(before);
        Optional<HistoryCursor> newer = HistoryCursor.decode(after);
        if (!query.isValid()) {
            // A filter that can't be read: all the newest activity, under the message saying what is wrong.
            return newestInstead(account, region, query, HistoryQuery.everything());
        }
        if (before != null && older.isEmpty() || after != null && newer.isEmpty()) {
            // A mangled or outdated page link: the same filter, from its newest entries.
            return newestInstead(account, region, query.withProblem(
                    "That page link doesn't work any more. Here is your newest activity instead."), query);
        }
        HistoryPage page = history.page(account.id, query.filter(), older, newer);
        return Response.ok(Templates.balance(summary(account, region), rows(page, region), pager(page, query), query,
                typeOptions(query.type()), older.isPresent() || newer.isPresent(), rights.of(account, region))).build();
    }

    /** A 400 page with {@code shown} in the form and its message, and the newest entries of {@code listed}. */
    private Response newestInstead(Account account, Region region, HistoryQuery shown, HistoryQuery listed) {
        HistoryPage newest = history.page(account.id, listed.filter(), Optional.empty(), Optional.empty());
        return Response.status(400).entity(Templates.balance(summary(account, region), rows(newest, region),
                pager(newest, listed), shown, typeOptions(shown.type()), false, rights.of(account, region))).build();
    }

    @GET
    @Path("history.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Account account = shopper.account();
        Region region = regions.orDefault(account.region);
        HistoryQuery query = HistoryQuery.read(type, from, to, region);
        if (!query.isValid()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(query.problem() + "\n").build();
        }
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write(HistoryCsv.HEADER);
            history.forEach(account.id, query.filter(), entry -> HistoryCsv.writeRow(writer, entry,
                    region.timeZone()));
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"gift-card-history-"
                        + LocalDate.ofInstant(clock.instant(), region.timeZone())
                        + (query.isFiltered() ? "-filtered" : "") + ".csv\"")
                .build();
    }

    private Summary summary(Account account, Region region) {
        return new Summary(formats.money(Money.of(account.balanceMinor, account.currency), region),
                formats.money(Money.of(account.totalRedeemedMinor, account.currency), region),
                formats.money(Money.of(account.totalSpentMinor, account.currency), region),
                account.lastActivityAt == null ? null : formats.date(account.lastActivityAt, region),
                account.lastActivityAt != null,
                account.heldMinor == 0 ? null : formats.money(Money.of(account.heldMinor, account.currency), region),
                formats.money(Money.of(account.availableMinor(), account.currency), region),
                account.inReviewCards == 0 ? null : formats.money(Money.of(account.inReviewMinor, account.currency),
                        region), account.inReviewCards, risks.usualHours(account.region), account.isFrozen());
    }

    private List<Row> rows(HistoryPage page, Region region) {
        return page.entries().stream().map(entry -> row(entry, region)).toList();
    }

    private Row row(LedgerEntry entry, Region region) {
        // An adjustment refers to the shopper's support case; purchases and refunds to the store's order.
        String detail = entry.reference == null ? ""
                : (entry.type == EntryType.ADJUSTMENT || entry.type == EntryType.CLAWBACK
                        || entry.type == EntryType.CASH_OUT ? "Case " : "Order ")
                        + entry.reference;
        return new Row(formats.dateTime(entry.createdAt, region), entry.createdAt.toString(), entry.description,
                entry.maskedCode().orElse(""), detail, formats.signedMoney(entry.amount(), region),
                entry.amountMinor > 0, formats.money(entry.balanceAfter(), region));
    }

    private static Pager pager(HistoryPage page, HistoryQuery query) {
        String filter = query.asQueryString();
        String base = "/balance?" + (filter.isEmpty() ? "" : filter + "&");
        return new Pager(page.newer().map(cursor -> base + "after=" + cursor.encode()).orElse(null),
                page.older().map(cursor -> base + "before=" + cursor.encode()).orElse(null),
                filter.isEmpty() ? "/balance" : "/balance?" + filter,
                "/balance/history.csv" + (filter.isEmpty() ? "" : "?" + filter), !filter.isEmpty());
    }

    private static List<TypeOption> typeOptions(String selected) {
        List<TypeOption> options = new java.util.ArrayList<>();
        options.add(new TypeOption("", "All activity", selected.isEmpty()));
        for (EntryType type : EntryType.values()) {
            options.add(new TypeOption(type.name(), type.plural(), type.name().equals(selected)));
        }
        return options;
    }
}
