package org.giftportal.card;

/** A newly issued card with its claim code: the only moment the code is known, to hand to its buyer. */
public record IssuedCard(ClaimCode code, GiftCard card) {
}
