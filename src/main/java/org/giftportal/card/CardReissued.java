package org.giftportal.card;

import org.giftportal.audit.Actor;

/**
 * Fired in the transaction that gave a taken card's value back to its shopper as a new card: its code goes to them
 * by email (encrypted until it is sent), and their case says so. The code lives only in memory here.
 */
public record CardReissued(Actor actor, GiftCard taken, IssuedCard reissue, long shopperAccountId,
        String caseReference) {
}
