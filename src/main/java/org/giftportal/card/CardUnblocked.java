package org.giftportal.card;

import org.giftportal.audit.Actor;

/** Fired in the transaction that unblocked a card after review: the shoppers' open cases about it are told. */
public record CardUnblocked(Actor actor, GiftCard card) {
}
