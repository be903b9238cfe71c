package org.giftportal.finance;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.site.Money;
import org.giftportal.web.Csv;

/**
 * What the retailer owed in one region's currency over one month of the region's calendar: a roll-forward of each
 * part (opening, the month's lines, closing) beside the closing read straight from the state at the close (each
 * account's balance after its last entry, each card's last journal row). The two closings agree to the cent unless a
 * row is broken. A closed month is this as it was stored at its close ({@link ClosedStatement}), written and read as
 * its CSV, so the page and the file show the same figures.
 *
 * @param closed when the month closed and at which watermarks, if it has
 * @param heldAtClose of the balances, what was set aside for store orders (holds) at the close: still owed
 */
public record LiabilityStatement(String region, String currency, YearMonth month, Optional<Closed> closed,
        Map<StatementLine.Part, PartFigures> parts, long heldAtClose) {

    /** One part's figures: the opening, each line's total (every line, zero or not), and the two closings. */
    public record PartFigures(long opening, Map<StatementLine, Long> lines, long closingRead) {
        public long closing() {
            return opening + lines.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean reconciles() {
            return closing() == closingRead;
        }
    }

    /** When the month closed, by whom (the instance's job), and the last ledger entry and journal row it includes. */
    public record Closed(Instant at, String by, long ledgerWatermark, long journalWatermark) {
    }

    public PartFigures part(StatementLine.Part part) {
        return parts.get(part);
    }

    public long opening() {
        return parts.values().stream().mapToLong(PartFigures::opening).sum();
    }

    public long closing() {
        return parts.values().stream().mapToLong(PartFigures::closing).sum();
    }

    public long closingRead() {
        return parts.values().stream().mapToLong(PartFigures::closingRead).sum();
    }

    public boolean reconciles() {
        return parts.values().stream().allMatch(PartFigures::reconciles);
    }

    static final String HEADER = "region,currency,month,part,line,label,amount_minor,amount";

    /**
     * The statement as CSV: a header, then a row per figure (opening, each line, closing, closing as read) per part,
     * the holds, the totals, and for a closed month its watermarks. Amounts in minor units and as a decimal.
     */
    public String csv() {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (StatementLine.Part part : StatementLine.Part.values()) {
            PartFigures figures = parts.get(part);
            String key = part.name().toLowerCase(java.util.Locale.ROOT);
            row(out, key, "opening", "Opening", figures.opening());
            figures.lines().forEach((line, amount) -> row(out, key, line.name(), line.label(), amount));
            row(out, key, "closing", "Closing (opening and the lines above)", figures.closing());
            row(out, key, "closing_read", "Closing read from the state at the close", figures.closingRead());
        }
        row(out, "balances", "held_at_close", "Of the balances, set aside for store orders at the close", heldAtClose);
        row(out, "total", "opening", "Opening", opening());
        row(out, "total", "closing", "Closing", closing());
        row(out, "total", "closing_read", "Closing read from the state at the close", closingRead());
        closed.ifPresent(close -> {
            row(out, "watermark", "ledger_entry", "Last ledger entry included", close.ledgerWatermark());
            row(out, "watermark", "card_value_journal", "Last card journal row included", close.journalWatermark());
        });
        return out.toString();
    }

    private void row(StringBuilder out, String part, String line, String label, long amount) {
        boolean isAmount = !"watermark".equals(part);
        out.append(Csv.field(region)).append(',').append(Csv.field(currency)).append(',').append(month).append(',')
                .append(part).append(',').append(line).append(',').append(Csv.field(label)).append(',')
                .append(amount).append(',')
                .append(isAmount ? Money.of(amount, currency).decimal().toPlainString() : "").append("\r\n");
    }

    /** A stored statement read back from its CSV: the same figures, so a closed month shows what it closed with. */
    static LiabilityStatement fromCsv(String csv, Closed closed) {
        Map<StatementLine.Part, Long> openings = new EnumMap<>(StatementLine.Part.class);
        Map<StatementLine.Part, Long> reads = new EnumMap<>(StatementLine.Part.class);
        Map<StatementLine.Part, Map<StatementLine, Long>> lines = new EnumMap<>(StatementLine.Part.class);
        String region = null;
        String currency = null;
        YearMonth month = null;
        long held = 0;
        try {
            Csv.Reader reader = new Csv.Reader(new StringReader(csv));
            reader.next(); // the header
            for (Optional<Csv.Reader.Line> next = reader.next(); next.isPresent(); next = reader.next()) {
                List<String> fields = next.get().fields();
                region = fields.get(0);
                currency = fields.get(1);
                month = YearMonth.parse(fields.get(2));
                long amount = Long.parseLong(fields.get(6));
                if (fields.get(3).equals("total") || fields.get(3).equals("watermark")) {
                    continue;
                }
                StatementLine.Part part = StatementLine.Part.valueOf(fields.get(3).toUpperCase(java.util.Locale.ROOT));
                switch (fields.get(4)) {
                    case "opening" -> openings.put(part, amount);
                    case "closing_read" -> reads.put(part, amount);
                    case "held_at_close" -> held = amount;
                    case "closing" -> { }
                    default -> lines.computeIfAbsent(part, any -> new EnumMap<>(StatementLine.class))
                            .put(StatementLine.parse(fields.get(4)).orElseThrow(), amount);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<StatementLine.Part, PartFigures> parts = new EnumMap<>(StatementLine.Part.class);
        for (StatementLine.Part part : StatementLine.Part.values()) {
            parts.put(part, new PartFigures(openings.getOrDefault(part, 0L),
                    lines.getOrDefault(part, new EnumMap<>(StatementLine.class)), reads.getOrDefault(part, 0L)));
        }
        return new LiabilityStatement(region, currency, month, Optional.of(closed), parts, held);
    }

    /** Every line of the part at zero, to add the month's rows to, in the statement's order. */
    static Map<StatementLine, Long> zeroLines(StatementLine.Part part) {
        Map<StatementLine, Long> lines = new EnumMap<>(StatementLine.class);
        part.lines().forEach(line -> lines.put(line, 0L));
        return lines;
    }
}
