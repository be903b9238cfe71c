package org.giftportal.web;

/** Text fields of the CSV files the portal hands out (histories, the audit log, a batch's codes). */
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
}
