package org.giftportal.card;

import org.giftportal.audit.Actor;

/**
 * Fired in the transaction that replaced a lost or stolen card: the new card's code goes to the shopper on the case
 * (encrypted until its email is sent), and the case tells them what happened. The code lives only in memory here.
 */
public record CardReplaced(Actor actor, GiftCard lost, IssuedCard replacement, long shopperAccountId,
        String caseReference) {
}
