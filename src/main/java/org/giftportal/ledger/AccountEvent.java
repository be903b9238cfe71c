package org.giftportal.ledger;

/**
 * Fired in the transaction of a change to an account that isn't a balance entry: frozen or unfrozen for a case, a
 * card's value given back (reissued as a new card or a credit), for listeners that report it elsewhere (webhooks).
 *
 * @param reissuedAs for a reissue, "card" or "credit"; else null
 */
public record AccountEvent(long accountId, What what, String caseReference, Long cardId, Long amountMinor,
        String currency, String reissuedAs) {

    public enum What {
        FROZEN, UNFROZEN, VALUE_REISSUED
    }
}
