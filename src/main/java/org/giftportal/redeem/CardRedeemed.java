package org.giftportal.redeem;

/**
 * Fired inside the redeeming transaction, with the rows it made. Carries no claim code. The card's batch says where
 * it came from, so a listener for one kind of card (a gift's) need not look for the others.
 */
public record CardRedeemed(long accountId, long cardId, String batchReference, long ledgerEntryId) {
}
