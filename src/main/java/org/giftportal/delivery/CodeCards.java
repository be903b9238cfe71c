package org.giftportal.delivery;

import java.util.Optional;

/**
 * What the outbox must know of the card whose code a mail carries, answered by the cards' own package: the outbox
 * carries a card's id as an opaque reference and knows no card rule.
 */
public interface CodeCards {

    /** Whether a code may go out now, and if not, why: for now (a blocked card) or for good (its mail is void). */
    record Sendable(boolean now, boolean never, String why) {
        public static final Sendable YES = new Sendable(true, false, null);

        public static Sendable notNow(String why) {
            return new Sendable(false, false, why);
        }

        public static Sendable never(String why) {
            return new Sendable(false, true, why);
        }
    }

    Sendable sendable(long cardId);

    /** The card's printed number, for staff; empty if there is no such card. */
    Optional<String> number(long cardId);
}
