package org.giftportal.gift;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardBatches;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.web.Csv;

/**
 * Gift orders: checked first, line by line, into a report kept with the order (the dry run), then asked for as one
 * value request (the two-person rule decides whether a second admin approves), then issued in chunks by
 * {@link GiftIssuer}. Checking stores the gifts a chunk at a time, so a file of ten thousand lines is never one long
 * transaction nor held whole in memory.
 */
@ApplicationScoped
public class GiftOrders implements ValueAction {
    /** The columns of an uploaded file, in any order; the first line names them. */
    static final List<String> COLUMNS = List.of("recipient_name", "recipient_email", "amount", "message",
            "sender_name", "deliver_at", "theme");
    private static final int CHUNK = 500;
    private final CardBatches batches;
    private final Clock clock;
    private final int maxLines;
    private final Event<OrderConfirmed> confirmed;

    GiftOrders(CardBatches batches, Clock clock, PortalConfig config, Event<OrderConfirmed> confirmed) {
        this.batches = batches;
        this.clock = clock;
        this.maxLines = config.gifts().maxLines();
        this.confirmed = confirmed;
    }

    /** The most lines one uploaded order may have. */
    public int maxLines() {
        return maxLines;
    }

    /** An order was confirmed (and approved): its gifts are issued once that transaction has committed. */
    record OrderConfirmed(long orderId) {
    }

    /** What the admin says of a whole order: its name, the region its cards are for, the zone its times are in. */
    public record Heading(String name, Region region, ZoneId zone) {
        /** Longer names are cut to this. */
        static final int MAX_NAME = 100;

        /** The order's region and time zone as chosen, or the problem with them added to {@code problem}. */
        static Optional<Heading> of(org.giftportal.site.Regions regions, String regionCode, String zoneText,
                String name, List<String> problem) {
            Optional<Region> region = regions.find(regionCode);
            if (region.isEmpty()) {
                problem.add("Choose the region the gift cards are for.");
                return Optional.empty();
            }
            try {
                ZoneId zone = ZoneId.of(zoneText == null || zoneText.isBlank() ? region.get().timeZone().getId()
                        : zoneText.strip());
                return Optional.of(new Heading(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name,
                        region.get(), zone));
            } catch (java.time.DateTimeException e) {
                problem.add("\"" + zoneText.strip() + "\" is not a time zone: write one like Europe/London or"
                        + " America/New_York.");
                return Optional.empty();
            }
        }
    }

    /** A file that can't be read as gift lines at all (no header, unknown columns): nothing was stored. */
    public static class UnreadableFile extends Exception {
        UnreadableFile(String message) {
            super(message);
        }
    }

    /** Checks one gift typed in the form: its order, or the problem to show on the form (nothing stored). */
    public Optional<GiftOrder> checkOne(Actor actor, Heading heading, GiftLines.Typed typed, List<String> problem) {
        GiftLines.Checked checked = GiftLines.check(typed, heading.region(), heading.zone(), clock.instant());
        if (checked.gift().isEmpty()) {
            problem.add(checked.problem());
            return Optional.empty();
        }
        GiftOrder order = newOrder(actor, heading, GiftOrder.Source.FORM);
        store(order.id, List.of(new Line(1, checked.gift().get())), List.of());
        return Optional.of(finish(order.id, 1, 0, checked.gift().get().amountMinor()));
    }

    /**
     * Checks every line of an uploaded file and keeps the report with a new order: the valid lines as its gifts, and
     * one problem per bad line (wrong fields, a bad address or amount, an unknown theme, a past date, a line that
     * repeats another). Nothing is issued.
     */
    public GiftOrder checkFile(Actor actor, Heading heading, java.io.Reader file) throws IOException, UnreadableFile {
        Csv.Reader reader = new Csv.Reader(file);
        Map<String, Integer> columns = header(reader);
        GiftOrder order = newOrder(actor, heading, GiftOrder.Source.CSV);
        try {
            return checkLines(reader, columns, heading, order.id);
        } catch (IOException | RuntimeException e) {
            discard(order.id);
            throw e;
        }
    }

    private GiftOrder checkLines(Csv.Reader reader, Map<String, Integer> columns, Heading heading, long orderId)
            throws IOException {
        Instant now = clock.instant();
        Map<String, Integer> seen = new HashMap<>();
        List<Line> valid = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lines = 0;
        int problemCount = 0;
        int gifts = 0;
        long total = 0;
        Optional<Csv.Reader.Line> next;
        while ((next = reader.next()).isPresent()) {
            Csv.Reader.Line line = next.get();
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (lines > maxLines) {
                problems.add(new Problem(line.number(), "The file has more than " + maxLines + " gifts: split it"
                        + " into several orders. Lines from here on were not read."));
                problemCount++;
                break;
            }
            Optional<String> problem;
            if (line.fields().size() != COLUMNS.size()) {
                problem = Optional.of("This line has " + line.fields().size() + " fields, not " + COLUMNS.size()
                        + ": is a message with a comma missing its quotes?");
            } else {
                GiftLines.Checked checked = GiftLines.check(typed(line, columns), heading.region(), heading.zone(),
                        now);
                problem = Optional.ofNullable(checked.problem());
                if (checked.gift().isPresent()) {
                    Integer earlier = seen.putIfAbsent(checked.gift().get().sameness(), line.number());
                    if (earlier != null) {
                        problem = Optional.of("This line repeats line " + earlier + " (the same recipient, amount"
                                + " and message): remove one, or make them differ if both are meant.");
                    } else {
                        valid.add(new Line(line.number(), checked.gift().get()));
                        gifts++;
                        total = Math.addExact(total, checked.gift().get().amountMinor());
                    }
                }
            }
            if (problem.isPresent()) {
                problems.add(new Problem(line.number(), problem.get()));
                problemCount++;
            }
            if (valid.size() + problems.size() >= CHUNK) {
                store(orderId, valid, problems);
                valid.clear();
                problems.clear();
            }
        }
        if (lines == 0 && problemCount == 0) {
            problems.add(new Problem(1, "The file has its header but no gifts."));
            problemCount++;
        }
        store(orderId, valid, problems);
        return finish(orderId, gifts, problemCount, total);
    }

    /** A file that broke off while read leaves no half-checked order behind. */
    private static void discard(long orderId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Gift.getEntityManager().createNativeQuery("DELETE FROM gift_order_problem WHERE order_id = ?1")
                    .setParameter(1, orderId).executeUpdate();
            Gift.delete("orderId", orderId);
            GiftOrder.deleteById(orderId);
        });
    }

    /** The column positions the header names; the file is refused when a column is missing or unknown. */
    private static Map<String, Integer> header(Csv.Reader reader) throws IOException, UnreadableFile {
        Optional<Csv.Reader.Line> first = reader.next();
        if (first.isEmpty() || first.get().isBlank()) {
            throw new UnreadableFile("The file is empty. Its first line names the columns: " + String.join(",",
                    COLUMNS) + ".");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> fields = first.get().fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!COLUMNS.contains(name)) {
                throw new UnreadableFile("The first line names a column \"" + fields.get(i).strip() + "\" that"
                        + " gifts don't have. The columns are: " + String.join(",", COLUMNS) + ".");
            }
            if (columns.put(name, i) != null) {
                throw new UnreadableFile("The first line names the column " + name + " twice.");
            }
        }
        List<String> missing = COLUMNS.stream().filter(column -> !columns.containsKey(column)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFile("The first line must name every column; missing: " + String.join(", ", missing)
                    + ".");
        }
        return columns;
    }

    private static GiftLines.Typed typed(Csv.Reader.Line line, Map<String, Integer> columns) {
        List<String> fields = line.fields();
        return new GiftLines.Typed(fields.get(columns.get("recipient_name")),
                fields.get(columns.get("recipient_email")), fields.get(columns.get("amount")),
                fields.get(columns.get("message")), fields.get(columns.get("sender_name")),
                fields.get(columns.get("deliver_at")), fields.get(columns.get("theme")));
    }

    private record Line(int number, GiftLines.Valid gift) {
    }

    private record Problem(int line, String problem) {
    }

    private GiftOrder newOrder(Actor actor, Heading heading, GiftOrder.Source source) {
        return QuarkusTransaction.requiringNew().call(() -> {
            GiftOrder order = new GiftOrder();
            order.reference = batches.newReference(GiftOrder.REFERENCE_LETTER);
            order.name = heading.name();
            order.region = heading.region().code();
            order.currency = heading.region().currency().getCurrencyCode();
            order.senderZone = heading.zone().getId();
            order.source = source;
            order.status = GiftOrder.Status.CHECKED;
            order.createdBySubject = actor.subject();
            order.createdByName = actor.name();
            order.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            order.persist();
            return order;
        });
    }

    /** Stores a chunk of checked lines in one transaction, each table in one statement. */
    private void store(long orderId, List<Line> lines, List<Problem> problems) {
        if (lines.isEmpty() && problems.isEmpty()) {
            return;
        }
        GiftOrder template = QuarkusTransaction.requiringNew().call(() -> GiftOrder.findById(orderId));
        QuarkusTransaction.requiringNew().run(() -> {
            if (!lines.isEmpty()) {
                insertGifts(template, lines);
            }
            if (!problems.isEmpty()) {
                insertProblems(orderId, problems);
            }
        });
    }

    private void insertGifts(GiftOrder order, List<Line> lines) {
        StringBuilder sql = new StringBuilder("INSERT INTO gift (order_id, line_number, recipient_name,"
                + " recipient_email, sender_name, message, theme, amount_minor, currency, deliver_at, sender_zone,"
                + " created_at) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        Query insert = Gift.getEntityManager().createNativeQuery(sql.toString());
        int p = 1;
        Object now = org.giftportal.ops.DatabaseTime.of(clock.instant());
        for (Line line : lines) {
            GiftLines.Valid gift = line.gift();
            insert.setParameter(p++, order.id).setParameter(p++, line.number()).setParameter(p++, gift.recipientName())
                    .setParameter(p++, gift.recipientEmail()).setParameter(p++, gift.senderName())
                    .setParameter(p++, gift.message()).setParameter(p++, gift.theme().name())
                    .setParameter(p++, gift.amountMinor()).setParameter(p++, order.currency)
                    .setParameter(p++, org.giftportal.ops.DatabaseTime.of(gift.deliverAt()))
                    .setParameter(p++, order.senderZone).setParameter(p++, now);
        }
        insert.executeUpdate();
    }

    private static void insertProblems(long orderId, List<Problem> problems) {
        StringBuilder sql = new StringBuilder("INSERT INTO gift_order_problem (order_id, line_number, problem) VALUES ");
        for (int i = 0; i < problems.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        Query insert = Gift.getEntityManager().createNativeQuery(sql.toString());
        int p = 1;
        for (Problem problem : problems) {
            insert.setParameter(p++, orderId).setParameter(p++, problem.line()).setParameter(p++, problem.problem());
        }
        insert.executeUpdate();
    }

    /** The order's counts (its gifts, its bad lines), once every line is stored: only now can it be confirmed. */
    private static GiftOrder finish(long orderId, int lines, int problems, long total) {
        return QuarkusTransaction.requiringNew().call(() -> {
            GiftOrder order = GiftOrder.findById(orderId);
            order.lineCount = lines;
            order.problemCount = problems;
            order.totalMinor = total;
            return order;
        });
    }

    /** The first problems of an order's report, by line. */
    public static List<Object[]> problems(long orderId, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Gift.getEntityManager().createNativeQuery("SELECT line_number, problem FROM"
                + " gift_order_problem WHERE order_id = ?1 ORDER BY line_number").setParameter(1, orderId)
                .setMaxResults(max).getResultList();
        return rows;
    }

    // The value request: a confirmed order is one request for its total, decided by the two-person rule.

    /** The request a confirmation asks for: the order's total, keyed by its reference so it is asked once. */
    static ValueRequest confirmationOf(GiftOrder order, String reason, String total) {
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.GIFTS;
        request.currency = order.currency;
        request.amountMinor = order.totalMinor;
        request.cardCount = order.lineCount;
        request.region = order.region;
        request.batchReference = order.reference;
        request.batchName = order.name;
        request.physical = false;
        request.reason = reason;
        request.requestKey = confirmationKey(order);
        request.summary = "Send " + order.lineCount + (order.lineCount == 1 ? " gift card" : " gift cards") + " worth "
                + total + " in all, order " + order.reference + " \"" + order.name + "\"";
        return request;
    }

    /** The request that confirmed the order, if it was confirmed. */
    static Optional<ValueRequest> confirmation(GiftOrder order) {
        return ValueRequest.find("requestKey", confirmationKey(order)).firstResultOptional();
    }

    private static String confirmationKey(GiftOrder order) {
        return "gift-order-" + order.reference;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.GIFTS;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return new Audit.Target(AuditEntry.TargetType.BATCH, null, request.batchReference);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<GiftOrder> found = GiftOrder.find("reference", request.batchReference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return Optional.of("No gift order has the reference " + request.batchReference + ".");
        }
        GiftOrder order = found.get();
        if (order.status != GiftOrder.Status.CHECKED) {
            return Optional.of("Order " + order.reference + " is confirmed already.");
        }
        // Two admins confirming at once: the second finds the first's request once the order's lock is released.
        Optional<ValueRequest> asked = ValueRequest.<ValueRequest>find("kind = ?1 and batchReference = ?2 and status"
                + " = ?3", ValueRequest.Kind.GIFTS, order.reference, ValueRequest.Status.PENDING).stream()
                .filter(other -> !other.id.equals(request.id)).findFirst();
        if (asked.isPresent()) {
            return Optional.of("Order " + order.reference + " is confirmed already, by " + asked.get().requestedByName
                    + ": it waits for a second admin's approval.");
        }
        if (!order.mayBeConfirmed()) {
            return Optional.of("Order " + order.reference + " has " + order.problemCount + (order.problemCount == 1
                    ? " line" : " lines") + " with a problem: correct the file and upload it again.");
        }
        if (request.cardCount == null || request.cardCount != order.lineCount || request.amountMinor
                != order.totalMinor || !order.currency.equals(request.currency)) {
            return Optional.of("Order " + order.reference + " is not what was asked for: look at it again.");
        }
        Optional<String> ownAddress = Optional.ofNullable(actor.ownAccountId())
                .flatMap(id -> Account.<Account>findByIdOptional(id))
                .map(account -> account.email).filter(email -> email != null && !email.isBlank());
        if (ownAddress.isPresent() && Gift.count("orderId = ?1 and lower(recipientEmail) = ?2", order.id,
                ownAddress.get().toLowerCase(Locale.ROOT)) > 0) {
            return Optional.of("A gift of order " + order.reference + " goes to your own address: ask a colleague.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        GiftOrder order = GiftOrder.byReference(request.batchReference).orElseThrow();
        order.startIssuing(request.id);
        confirmed.fire(new OrderConfirmed(order.id));
        return Done.changed("order " + order.reference + " checked, not issued", "order " + order.reference + " \""
                + order.name + "\": " + order.lineCount + (order.lineCount == 1 ? " gift" : " gifts") + " worth "
                + Money.of(order.totalMinor, order.currency).plain()
                + " in all, being issued; each email goes out at its delivery time");
    }
}
