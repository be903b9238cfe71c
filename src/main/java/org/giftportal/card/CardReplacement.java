package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * Replaces a lost or stolen card, in one transaction: the old card is cancelled, a new one of the same value,
 * currency, region and pre-block status is issued, the two point at each other, and the new code is emailed to the
 * shopper on the case (never shown to staff). A card already redeemed is never replaced: its value is in a balance.
 * Only the card the case is about is replaced: a case whose shopper typed a card's code names that card; for a case
 * that names none, staff attach the card, and a second admin always confirms it (nothing proves it is the shopper's).
 */
@ApplicationScoped
public class CardReplacement implements ValueAction {
    private final CardIssuing issuing;
    private final Event<CardReplaced> replaced;
    private final Regions regions;
    private final RegionFormats formats;

    private final CardEvents events;

    CardReplacement(CardIssuing issuing, Event<CardReplaced> replaced, Regions regions, RegionFormats formats,
            CardEvents events) {
        this.events = events;
        this.issuing = issuing;
        this.replaced = replaced;
        this.regions = regions;
        this.formats = formats;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.REPLACE;
    }

    @Override
    public Rule rule(ValueRequest request, Limits backOffice) {
        // A case names its card when the shopper typed its code or its printed number (and it matched: see problem).
        boolean named = ShopperCase.find(request.caseReference).map(ShopperCase::namesACard).orElse(false);
        return new Rule(Desk.BACK_OFFICE, backOffice, request.amountMinor, named ? Optional.empty()
                : Optional.of("the shopper's case doesn't name this card: a second admin confirms it is theirs"));
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return new Audit.Target(org.giftportal.audit.AuditEntry.TargetType.CARD, request.cardId,
                GiftCard.<GiftCard>findByIdOptional(request.cardId).map(card -> card.cardNumber).orElse(null));
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<GiftCard> found = GiftCard.findByIdOptional(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Optional.of("That card doesn't exist.");
        }
        GiftCard card = found.get();
        Optional<String> notNow = cardProblem(card, request.cardVersion);
        if (notNow.isPresent()) {
            return notNow;
        }
        if (CardDesk.isOwn(card, actor)) {
            return Optional.of("Staff may not replace their own card: ask a colleague.");
        }
        Optional<ShopperCase> shopperCase = ShopperCase.find(request.caseReference);
        if (shopperCase.isEmpty()) {
            return Optional.of("No case has the reference " + request.caseReference + ".");
        }
        if (shopperCase.get().accountId() == (actor.ownAccountId() == null ? -1 : actor.ownAccountId())) {
            return Optional.of("Case " + request.caseReference + " is your own: ask a colleague.");
        }
        if (shopperCase.get().namesACard() && !shopperCase.get().names(card)) {
            return Optional.of("Case " + request.caseReference + " is about another card.");
        }
        Account shopper = Account.findById(shopperCase.get().accountId());
        if (shopper.verifiedEmail().isEmpty()) {
            return Optional.of("The shopper on case " + request.caseReference + " has no verified email address, so"
                    + " the new code couldn't reach them. Ask them to verify it in their account first.");
        }
        return Optional.empty();
    }

    /** Why the card can't be replaced as it is now, with the facts staff need. */
    private Optional<String> cardProblem(GiftCard card, Long seenVersion) {
        if (card.status == CardStatus.REDEEMED) {
            Account redeemer = Account.findById(card.redeemedByAccountId);
            return Optional.of("This card can't be replaced: it was redeemed on " + formats.dateTime(card.redeemedAt,
                    regions.orDefault(card.region)) + " by " + redeemer.displayName + " (" + (redeemer.email == null
                            ? "account " + redeemer.id : redeemer.email) + "), so its value is in their balance."
                    + " A replacement would create the money twice.");
        }
        if (card.status == CardStatus.IN_REVIEW) {
            return Optional.of("This card's redemption is held for review: release or refuse it in the review queue"
                    + " first.");
        }
        if (card.status == CardStatus.CANCELLED) {
            return Optional.of("This card is cancelled already" + (card.replacedByCardId == null ? "."
                    : ", and was replaced by card " + GiftCard.<GiftCard>findById(card.replacedByCardId)
                            .formattedCardNumber() + "."));
        }
        if (seenVersion == null || card.version() != seenVersion) {
            return Optional.of("Someone changed this card since the replacement was asked for (it is now "
                    + card.status.label() + "): look at it again and ask anew if it still needs"
                    + " replacing.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        GiftCard lost = GiftCard.findById(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        String before = CardDesk.describe(lost);
        CardStatus status = lost.status == CardStatus.BLOCKED ? lost.statusBeforeBlock : lost.status;
        IssuedCard replacement = issuing.issueReplacement(lost, status);
        lost.replacedBy(replacement.card());
        events.told(lost, CardChanged.What.REPLACED);
        long shopper = ShopperCase.find(request.caseReference).orElseThrow().accountId();
        replaced.fire(new CardReplaced(actor, lost, replacement, shopper, request.caseReference));
        return Done.changed("card " + lost.cardNumber + ": " + before, "card " + lost.cardNumber + " cancelled and"
                + " replaced by card " + replacement.card().cardNumber + " (" + status + ", same value); its code is"
                + " emailed to the shopper on case " + request.caseReference);
    }

    /** The shopper's case a replacement is for: whose it is, and the card it is about, if any. */
    private record ShopperCase(long accountId, byte[] cardHash, String cardNumber) {
        static Optional<ShopperCase> find(String reference) {
            List<Object[]> rows = GiftCard.getEntityManager().createQuery("select c.accountId, c.cardCodeHash,"
                    + " c.cardNumber from SupportCase c where c.reference = ?1", Object[].class)
                    .setParameter(1, reference).getResultList();
            return rows.stream().findFirst().map(row -> new ShopperCase((Long) row[0], (byte[]) row[1],
                    (String) row[2]));
        }

        boolean namesACard() {
            return cardHash != null || cardNumber != null;
        }

        /** Whether the shopper's typed code or number is this card's. */
        boolean names(GiftCard card) {
            return cardHash != null ? Arrays.equals(cardHash, card.codeHash) : card.cardNumber.equals(cardNumber);
        }
    }
}
