package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.giftportal.card.CardNotes;
import org.giftportal.card.GiftCard;

/** Tells a card's staff page the shoppers' cases that name it, by its code or by its printed number. */
@ApplicationScoped
class CaseCardNotes implements CardNotes {

    @Override
    public List<CardNotes.Case> cases(GiftCard card) {
        return SupportCase.<SupportCase>list("cardCodeHash = ?1 or cardNumber = ?2 order by createdAt desc",
                card.codeHash(), card.cardNumber).stream().map(found -> new CardNotes.Case(found.reference,
                        found.status.name(), found.createdAt)).toList();
    }
}
