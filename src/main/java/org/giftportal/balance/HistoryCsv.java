package org.giftportal.balance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.giftportal.ledger.LedgerEntry;

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
                    text(entry.description),
                    text(entry.cardLast4),
                    text(entry.reference),
                    entry.amount().decimal().toPlainString(),
                    entry.balanceAfter().decimal().toPlainString(),
                    entry.currency));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
