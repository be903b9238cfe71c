package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** Tells listeners what became of a card, in the transaction of the change: every path that changes one calls it. */
@ApplicationScoped
public class CardEvents {
    private final Event<CardChanged> changed;

    CardEvents(Event<CardChanged> changed) {
        this.changed = changed;
    }

    public void told(GiftCard card, CardChanged.What what) {
        changed.fire(new CardChanged(card.id, what, card.maskedNumber(), card.amountMinor, card.currency,
                card.region));
    }
}
