package org.giftportal.card;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.giftportal.delivery.CodeCards;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.Sweep;

/** The cards' answers to the outbox: whether a card's code may still go out, and the codes never to send again. */
@ApplicationScoped
class CardCodeMails implements CodeCards, Sweep {

    @Override
    public Sendable sendable(long cardId) {
        GiftCard card = GiftCard.findById(cardId);
        if (card == null || card.status.isFinal()) {
            return Sendable.never("the card is " + (card == null ? "gone" : card.status));
        }
        return card.status == CardStatus.BLOCKED ? Sendable.notNow("the card is blocked") : Sendable.YES;
    }

    @Override
    public Optional<String> number(long cardId) {
        return GiftCard.<GiftCard>findByIdOptional(cardId).map(card -> card.cardNumber);
    }

    /** Housekeeping's part: erases the codes of unsent mails whose card was redeemed or cancelled meanwhile. */
    @Override
    public int forget(int batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxMail> unusable = OutboxMail.<OutboxMail>find("codeCipher is not null and status in ?1"
                    + " and giftCardId in (select c.id from GiftCard c where c.status in ?2)",
                    List.of(OutboxMail.Status.PENDING, OutboxMail.Status.FAILED), CardStatus.FINAL)
                    .page(0, batch).list();
            unusable.forEach(mail -> mail.voided("the card was redeemed or cancelled"));
            return unusable.size();
        });
    }
}
