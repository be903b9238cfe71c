package org.giftportal.ledger;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a history, between two entries: keyset pagination on (created_at, id), so pages stay put while
 * new entries arrive. Shown in links as {@code <epoch microseconds>.<entry id>}.
 */
public record HistoryCursor(Instant createdAt, long id) {
    private static final Instant LATEST = Instant.parse("2101-01-01T00:00:00Z");
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");

    static HistoryCursor of(LedgerEntry entry) {
        return new HistoryCursor(entry.createdAt, entry.id);
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                createdAt.getNano() / 1_000L);
        return micros + "." + id;
    }

    /** The cursor in a link, or empty if the text isn't one (a mangled or hand-edited link). */
    public static Optional<HistoryCursor> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(matcher.group(1));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            // Only positions a history can have: anything else is a mangled link, not a query for year 292278994.
            if (at.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new HistoryCursor(at, Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
