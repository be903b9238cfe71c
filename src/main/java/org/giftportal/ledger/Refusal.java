package org.giftportal.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Why a money rule said no, in the money's own terms: each caller (the store API, the till) turns it into its own
 * words in one place. Nothing was changed by a refused operation.
 */
public sealed interface Refusal {

    /** A value of the request is out of its range: {@code field} names it, {@code rule} says what it must be. */
    record Invalid(String field, String rule) implements Refusal {
    }

    /** No shopper with this subject has an account. */
    record NoAccount() implements Refusal {
    }

    /** The balance is kept in another currency than the one asked. */
    record WrongCurrency(String accountCurrency, String asked) implements Refusal {
    }

    /** Every line item is in a category the balance can't pay for in the account's region. */
    record NothingEligible(String region, List<Holds.LineItem> excluded) implements Refusal {
    }

    /** Nothing of the balance is available: it is empty, or all of it is held for other orders. */
    record NothingAvailable(String currency, long held) implements Refusal {
    }

    /**
     * The account is frozen while the retailer looks into it: it can't spend, and holds it had were voided. Said
     * neutrally to the checkout and the till; the shopper is asked to contact support.
     */
    record AccountFrozen() implements Refusal {
    }

    record NoSuchHold(long holdId) implements Refusal {
    }

    record NoSuchCapture(long captureId) implements Refusal {
    }

    /** The hold was captured, voided or lapsed: it keeps nothing aside any more. */
    record HoldEnded(long holdId, Hold.Status status, Instant expiresAt) implements Refusal {
    }

    /** A capture asked for more than the hold keeps aside. */
    record MoreThanHeld(long holdId, long held, String currency) implements Refusal {
    }

    /** A refund asked for more than is left of the capture. */
    record MoreThanRefundable(long captureId, long captured, long refunded, String currency) implements Refusal {
        public long refundable() {
            return captured - refunded;
        }
    }
}
