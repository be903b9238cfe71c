package org.giftportal.redeem;

/** Fired inside the redeeming transaction, with the rows it made. Carries no claim code. */
public record CardRedeemed(long accountId, long cardId, long ledgerEntryId) {
}
