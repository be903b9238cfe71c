package org.giftportal.gift;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Optional;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Typed;

/**
 * An admin corrects a gift's address before its code reached anyone: the unsent mails to the old address are
 * withdrawn, the old address gets a short notice without the code, and the gift goes to the new one (at its delivery
 * time, if that is still to come). That moves a live code to another mailbox, so a second admin always approves it,
 * whatever the card is worth. Once an email with the code went out, the code is out there: the card is cancelled
 * instead, and a new gift sent. Never to the admin's own address.
 */
@ApplicationScoped
public class GiftAddressCorrection implements ValueAction {
    private final MailOutbox outbox;
    private final Clock clock;

    GiftAddressCorrection(MailOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The request to send an issued gift to another address: as valuable as its card, decided by two admins. */
    static ValueRequest requestFor(Gift gift, GiftCard card, String email, String reason, String requestKey) {
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.GIFT_ADDRESS;
        request.giftId = gift.id;
        request.cardId = card.id;
        request.newAddress = Typed.text(email);
        request.currency = card.currency;
        request.amountMinor = card.amountMinor;
        request.summary = "Send gift " + gift.id + " (card " + card.formattedCardNumber() + ") to "
                + request.newAddress + " instead of " + gift.recipientEmail;
        request.reason = reason;
        request.requestKey = requestKey;
        return request;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.GIFT_ADDRESS;
    }

    @Override
    public Rule rule(ValueRequest request, Limits backOffice) {
        return new Rule(Desk.BACK_OFFICE, backOffice, request.amountMinor, Optional.of("a gift's code moves to"
                + " another mailbox only when a second admin agrees"));
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Gift.<Gift>findByIdOptional(request.giftId).filter(gift -> gift.giftCardId != null)
                .flatMap(gift -> GiftCard.<GiftCard>findByIdOptional(gift.giftCardId))
                .map(card -> Audit.Target.card(card.id, card.cardNumber))
                .orElse(new Audit.Target(org.giftportal.audit.AuditEntry.TargetType.APPROVAL, request.id,
                        "gift " + request.giftId));
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<Gift> found = Gift.findByIdOptional(request.giftId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty() || found.get().giftCardId == null) {
            return Optional.of("This gift isn't issued yet.");
        }
        Gift gift = found.get();
        GiftCard card = GiftCard.findById(gift.giftCardId, LockModeType.PESSIMISTIC_WRITE);
        return GiftDeliveries.correctionProblem(gift, card, request.newAddress, actor);
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Gift gift = Gift.findById(request.giftId);
        if (!outbox.withdrawGift(gift.id, "the address was corrected")) {
            throw new NotPossible("The email was being sent at that moment. Look at the gift again: if it went out,"
                    + " cancel the card instead; if not, ask again.");
        }
        String oldAddress = gift.recipientEmail;
        outbox.queue(OutboxMail.toAddress(oldAddress, OutboxMail.Kind.GIFT_ADDRESS_CHANGED).aboutGift(gift.id)
                .aboutCard(gift.giftCardId));
        gift.recipientEmail = request.newAddress;
        gift.mailId = outbox.queue(OutboxMail.toAddress(gift.recipientEmail, OutboxMail.Kind.GIFT)
                .aboutGift(gift.id).aboutCard(gift.giftCardId).notBefore(gift.deliverAt)).id;
        return Done.changed("to " + oldAddress, "to " + gift.recipientEmail + (gift.deliverAt.isAfter(clock
                .instant()) ? " at its delivery time" : " now") + "; " + oldAddress + " told, without the code");
    }
}
