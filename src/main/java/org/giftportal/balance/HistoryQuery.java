package org.giftportal.balance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.ledger.EntryType;
import org.giftportal.ledger.HistoryFilter;
import org.giftportal.site.Region;
import org.giftportal.site.Typed;

/**
 * The history filter as the shopper set it in the form (type, from date, to date, both inclusive, in their region's
 * time zone), read strictly: anything that isn't a type or a date gets a message saying which field is wrong.
 */
public record HistoryQuery(String type, String from, String to, HistoryFilter filter, String problem,
        java.util.Set<String> invalidFields) {

    static HistoryQuery read(String type, String from, String to, Region region) {
        String typeText = Typed.text(type);
        String fromText = Typed.text(from);
        String toText = Typed.text(to);
        Optional<EntryType> entryType;
        try {
            entryType = typeText.isEmpty() ? Optional.empty()
                    : Optional.of(EntryType.valueOf(typeText.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return invalid(typeText, fromText, toText, "Choose a type of activity from the list.", "type");
        }
        Optional<LocalDate> fromDate;
        Optional<LocalDate> toDate;
        fromDate = date(fromText);
        if (fromDate == null) {
            return invalid(typeText, fromText, toText, "The 'from' date isn't a date between 2000 and 2100: use"
                    + " the form 2026-11-25.", "from");
        }
        toDate = date(toText);
        if (toDate == null) {
            return invalid(typeText, fromText, toText, "The 'to' date isn't a date between 2000 and 2100: use"
                    + " the form 2026-11-25.", "to");
        }
        if (fromDate.isPresent() && toDate.isPresent() && fromDate.get().isAfter(toDate.get())) {
            return invalid(typeText, fromText, toText, "The 'from' date is after the 'to' date: swap them, or"
                    + " change one.", "from", "to");
        }
        Optional<Instant> start = fromDate.map(date -> date.atStartOfDay(region.timeZone()).toInstant());
        Optional<Instant> end = toDate.map(date -> date.plusDays(1).atStartOfDay(region.timeZone()).toInstant());
        return new HistoryQuery(typeText.toUpperCase(Locale.ROOT), fromText, toText,
                new HistoryFilter(entryType, start, end), null, java.util.Set.of());
    }

    /** Empty for no date, the date if it is one in a range a history can have, null if it isn't. */
    private static Optional<LocalDate> date(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return date.getYear() >= 2000 && date.getYear() <= 2100 ? Optional.of(date) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** No filter: all activity. */
    static HistoryQuery everything() {
        return new HistoryQuery("", "", "", HistoryFilter.everything(), null, java.util.Set.of());
    }

    /** The same filter with a message to show above it. */
    HistoryQuery withProblem(String message) {
        return new HistoryQuery(type, from, to, filter, message, invalidFields);
    }

    public boolean fromInvalid() {
        return invalidFields.contains("from");
    }

    public boolean toInvalid() {
        return invalidFields.contains("to");
    }

    public boolean isValid() {
        return problem == null;
    }

    public boolean isFiltered() {
        return !type.isEmpty() || !from.isEmpty() || !to.isEmpty();
    }

    /** The filter as query parameters, for page and download links. */
    String asQueryString() {
        StringBuilder query = new StringBuilder();
        append(query, "type", type);
        append(query, "from", from);
        append(query, "to", to);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A filter that can't be applied: its fields as typed, marked, and what all the activity shown instead is. */
    private static HistoryQuery invalid(String type, String from, String to, String problem, String... fields) {
        return new HistoryQuery(type, from, to, null, problem + " Below is all your activity, unfiltered, until the"
                + " filter is fixed.", java.util.Set.of(fields));
    }
}
