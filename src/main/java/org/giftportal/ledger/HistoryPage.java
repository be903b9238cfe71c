package org.giftportal.ledger;

import java.util.List;
import java.util.Optional;

/** One page of a history, newest first, with where the older and the newer pages start (if there are any). */
public record HistoryPage(List<LedgerEntry> entries, Optional<HistoryCursor> older, Optional<HistoryCursor> newer) {
}
