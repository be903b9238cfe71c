package org.giftportal.gift;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.card.CardNotes;
import org.giftportal.card.GiftCard;

/** Tells a card's staff page the gift it was sent as: to whom, and where its email stands. */
@ApplicationScoped
class GiftCardNotes implements CardNotes {

    @Override
    public Optional<CardNotes.Gift> gift(GiftCard card) {
        return org.giftportal.gift.Gift.<org.giftportal.gift.Gift>find("giftCardId", card.id).firstResultOptional()
                .map(gift -> new CardNotes.Gift(gift.id, gift.recipientName + " (" + gift.recipientEmail + "), email "
                        + GiftDeliveries.stateOf(GiftDeliveries.latestMail(gift)).label().toLowerCase(Locale.ROOT)));
    }
}
