package org.giftportal.ledger;

/** Fired in the transaction that stored a run of the money checks that found mismatches. */
public record MoneyChecksFailed(long runId, long mismatches, String report) {
}
