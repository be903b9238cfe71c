package org.giftportal.balance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.web.Csv;

/**
 * A history as CSV: a header row, one row per entry, ISO-8601 times in UTC, amounts as plain decimals. Text a
 * spreadsheet would run as a formula is defused with a leading apostrophe.
 */
final class HistoryCsv {
    static final String HEADER = "date,type,description,card_last4,reference,amount,balance_after,currency\r\n";

    private HistoryCsv() {
    }

    static void writeRow(Writer out, LedgerEntry entry) {
        try {
            out.write(String.join(",",
                    DateTimeFormatter.ISO_INSTANT.format(entry.createdAt),
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
