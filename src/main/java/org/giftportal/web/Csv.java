package org.giftportal.web;

/**
 * Text fields of the CSV files the portal hands out (histories, the audit log, a batch's codes), and the records of
 * files staff upload (RFC 4180: quoted fields may hold separators, quotes and line breaks).
 */
public final class Csv {
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
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /**
     * Reads a CSV file one record at a time, so a large upload is never held whole in memory. A record is its fields
     * and the line it started on; a byte-order mark is skipped.
     */
    public static final class Reader {
        /** Far beyond any real field: a record this big is a broken file, not something to hold in memory. */
        static final int MAX_FIELD = 10_000;
        static final int MAX_FIELDS = 1_000;
        private final java.io.Reader in;
        private int line = 1;
        private int peeked = -2;

        public Reader(java.io.Reader in) {
            this.in = in instanceof java.io.BufferedReader ? in : new java.io.BufferedReader(in);
        }

        /** One record: its fields, and the line of the file it starts on. */
        public record Line(int number, java.util.List<String> fields) {
            /** Whether the record is a blank line. */
            public boolean isBlank() {
                return fields.size() == 1 && fields.get(0).isBlank();
            }
        }

        /** The next record, or empty at the end of the file; an exception for a quote that is never closed. */
        public java.util.Optional<Line> next() throws java.io.IOException {
            int c = read();
            if (c == 0xFEFF && line == 1) {
                c = read();
            }
            if (c == -1) {
                return java.util.Optional.empty();
            }
            int start = line;
            java.util.List<String> fields = new java.util.ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new java.io.IOException("A quote opened on line " + start + " is never closed");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        countLine(c);
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(field.toString());
                    return java.util.Optional.of(new Line(start, java.util.List.copyOf(fields)));
                } else {
                    field.append((char) c);
                }
                if (field.length() > MAX_FIELD || fields.size() > MAX_FIELDS) {
                    throw new java.io.IOException("Line " + start + " has a field longer than " + MAX_FIELD
                            + " characters or more than " + MAX_FIELDS + " fields: is a quote left open?");
                }
                c = read();
            }
        }

        private void countLine(int c) throws java.io.IOException {
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
        }

        private int read() throws java.io.IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        private int peek() throws java.io.IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }
    }
}
