package org.giftportal.card;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the features built on cards know of one card, for its staff page: each feature that sends cards as gifts or
 * keeps cases about them answers from its own tables, so the card package reads none of theirs.
 */
public interface CardNotes {

    /** The gift the card was sent as: its id, and whom to with where its email stands, in words. */
    record Gift(long id, String to) {
    }

    /** A support case that names the card (by its code or its printed number). */
    record Case(String reference, String status, Instant opened) {
    }

    default Optional<Gift> gift(GiftCard card) {
        return Optional.empty();
    }

    /** Newest first. */
    default List<Case> cases(GiftCard card) {
        return List.of();
    }
}
