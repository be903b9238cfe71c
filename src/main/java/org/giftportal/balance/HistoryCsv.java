package org.giftportal.balance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.web.Csv;

/**
 * A history as CSV: a header row, one row per entry; each time in UTC (ISO-8601) and as the shopper's page shows it,
 * in their region's time zone, both to the whole second; amounts as plain decimals. Text a spreadsheet would run as a
 * formula is defused with a leading apostrophe.
 */
final class HistoryCsv {
    static final String HEADER = "date,local_time,time_zone,type,description,card_last4,reference,amount,"
            + "balance_after,currency\r\n";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HistoryCsv() {
    }

    static void writeRow(Writer out, LedgerEntry entry, java.time.ZoneId zone) {
        java.time.Instant at = entry.createdAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            out.write(String.join(",",
                    DateTimeFormatter.ISO_INSTANT.format(at),
                    LOCAL.format(at.atZone(zone)),
                    zone.getId(),
                    entry.type.name(),
                    Csv.field(entry.description),
                    Csv.field(entry.cardLast4),
                    Csv.field(entry.reference),
                    entry.amount().decimal().toPlainString(),
                    entry.balanceAfter().decimal().toPlainString(),
                    entry.currency));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
