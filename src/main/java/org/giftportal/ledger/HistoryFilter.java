package org.giftportal.ledger;

import java.time.Instant;
import java.util.Optional;

/** Which entries of a history to show: of one type, and within [from, to). Empty parts don't filter. */
public record HistoryFilter(Optional<EntryType> type, Optional<Instant> from, Optional<Instant> toExclusive) {

    public static HistoryFilter everything() {
        return new HistoryFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
