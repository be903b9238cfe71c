package org.giftportal.web;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files the portal hands out (histories, the audit log, a batch's codes, a gift order's report) and the files
 * staff upload, read and written by Apache Commons CSV (RFC 4180: quoted fields may hold separators, quotes and line
 * breaks). What the portal adds: the formula guard on every text it writes, and limits on what it reads.
 */
public final class Csv {
    /** RFC 4180 with CRLF line ends, as spreadsheets expect. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private Csv() {
    }

    /**
     * A text as one CSV field: quoted when it holds a separator, a quote or a line break; with a leading apostrophe
     * when a spreadsheet would run it as a formula (=, +, -, @, tab, carriage return).
     */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return FORMAT.format(safe);
    }

    /**
     * Reads a CSV file one record at a time, so a large upload is never held whole in memory. A record is its fields
     * and the line it started on; a byte-order mark is skipped.
     */
    public static final class Reader {
        /** Far beyond any real field: a record this big is a broken file (a quote left open), not gift lines. */
        static final int MAX_FIELD = 10_000;
        static final int MAX_FIELDS = 1_000;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        /** The lines read so far: the next record starts on the one after. */
        private long linesRead;

        public Reader(java.io.Reader in) throws IOException {
            this.parser = CSVParser.builder().setReader(withoutByteOrderMark(in)).setFormat(FORMAT).get();
            this.records = parser.iterator();
        }

        /** One record: its fields, and the line of the file it starts on. */
        public record Line(int number, List<String> fields) {
            /** Whether the record is a blank line. */
            public boolean isBlank() {
                return fields.size() == 1 && fields.get(0).isBlank();
            }
        }

        /** The next record, or empty at the end of the file; an exception for a quote that is never closed. */
        public Optional<Line> next() throws IOException {
            int start = (int) linesRead + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return Optional.empty();
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.nio.charset.CharacterCodingException notText) {
                    throw notText; // the file isn't text in its encoding: said as such, not as a CSV problem
                }
                throw new IOException(e.getCause() != null && String.valueOf(e.getCause().getMessage())
                        .contains("EOF reached before encapsulated token finished")
                        ? "A quote opened on line " + start + " is never closed"
                        : "Line " + start + " can't be read as CSV: " + e.getCause().getMessage(), e);
            }
            linesRead = parser.getCurrentLineNumber();
            List<String> fields = record.toList();
            if (fields.size() > MAX_FIELDS || fields.stream().anyMatch(field -> field.length() > MAX_FIELD)) {
                throw new IOException("Line " + start + " has a field longer than " + MAX_FIELD
                        + " characters or more than " + MAX_FIELDS + " fields: is a quote left open?");
            }
            return Optional.of(new Line(start, List.copyOf(fields)));
        }

        private static java.io.Reader withoutByteOrderMark(java.io.Reader in) throws IOException {
            PushbackReader reader = new PushbackReader(in instanceof java.io.BufferedReader ? in
                    : new java.io.BufferedReader(in), 1);
            int first = reader.read();
            if (first != -1 && first != 0xFEFF) {
                reader.unread(first);
            }
            return reader;
        }
    }
}
