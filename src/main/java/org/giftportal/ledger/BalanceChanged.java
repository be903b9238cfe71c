package org.giftportal.ledger;

/**
 * Fired in the transaction of every ledger entry, after it is written: who, why, how much, and the balance after. For
 * listeners that report balance changes elsewhere (webhooks); it carries no code.
 */
public record BalanceChanged(long entryId, long accountId, EntryType type, long amountMinor, long balanceAfterMinor,
        String currency, java.time.Instant at, String reference, Long cardId) {
}
