package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A till sells a physical card: the card, named by its printed number (never its claim code), goes from unsold to
 * active once the amount paid matches its value; a sale cancelled before anyone redeemed the card makes it unsold
 * again. Each in the caller's transaction, the rows locked first; the database keeps one sale in force per card.
 * A sale belongs to the till (the API client, or a store's till) that made it: no other can read or cancel it.
 */
@ApplicationScoped
public class TillSales {
    private final Clock clock;
    private final org.giftportal.site.Regions regions;

    private final CardEvents events;

    TillSales(Clock clock, org.giftportal.site.Regions regions, CardEvents events) {
        this.events = events;
        this.clock = clock;
        this.regions = regions;
    }

    /** What the till asked: the card's number, what the customer paid for it, and the till's own receipt reference. */
    public record Sale(String cardNumber, Long amount, String currency, String storeReference) {
    }

    /** Why a sale or its cancellation can't be done; each till puts it in its own words. */
    public enum Reason {
        NOT_A_CARD_NUMBER, NO_REFERENCE, NO_SUCH_CARD, NOT_UNSOLD, OTHER_CURRENCY, OTHER_AMOUNT, NO_SUCH_SALE,
        VOIDED_ALREADY,
        /** The card was redeemed, blocked or cancelled since it was sold: its sale can't be undone. */
        CARD_MOVED_ON
    }

    /** A refusal, with the card as it is (for its status, currency or value) when there is one. */
    public record Refusal(Reason reason, Optional<GiftCard> card) {
        static Refusal of(Reason reason) {
            return new Refusal(reason, Optional.empty());
        }

        static Refusal of(Reason reason, GiftCard card) {
            return new Refusal(reason, Optional.of(card));
        }
    }

    /** A sale done, or why not. */
    public record Outcome(Optional<TillSale> sale, Optional<GiftCard> card, Optional<Refusal> refusal) {
        static Outcome refused(Refusal refusal) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.of(refusal));
        }

        static Outcome done(TillSale sale, GiftCard card) {
            return new Outcome(Optional.of(sale), Optional.of(card), Optional.empty());
        }
    }

    public Outcome activate(String client, Sale sale) {
        Optional<CardNumber> number = CardNumber.parse(sale.cardNumber());
        if (number.isEmpty()) {
            return Outcome.refused(Refusal.of(Reason.NOT_A_CARD_NUMBER));
        }
        if (sale.storeReference() == null || sale.storeReference().isBlank() || sale.storeReference().length() > 100
                || sale.storeReference().codePoints().anyMatch(Character::isISOControl)) {
            return Outcome.refused(Refusal.of(Reason.NO_REFERENCE));
        }
        Optional<GiftCard> found = GiftCard.find("cardNumber", number.get().digits())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return Outcome.refused(Refusal.of(Reason.NO_SUCH_CARD));
        }
        GiftCard card = found.get();
        Optional<Refusal> refusal = saleProblem(card, sale.amount(), sale.currency());
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        Instant now = now();
        card.activate(now, regions.orDefault(card.region));
        events.told(card, CardChanged.What.ACTIVATED);
        TillSale done = new TillSale();
        done.giftCardId = card.id;
        done.clientId = client;
        done.storeReference = sale.storeReference().strip();
        done.amountMinor = sale.amount();
        done.currency = card.currency;
        done.status = TillSale.Status.ACTIVE;
        done.createdAt = now;
        done.persist();
        return Outcome.done(done, card);
    }

    /** Why this card can't be sold for this amount in this currency now, if it can't. */
    public static Optional<Refusal> saleProblem(GiftCard card, Long amount, String currency) {
        if (card.status != CardStatus.ISSUED) {
            return Optional.of(Refusal.of(Reason.NOT_UNSOLD, card));
        }
        if (!card.currency.equals(currency)) {
            return Optional.of(Refusal.of(Reason.OTHER_CURRENCY, card));
        }
        if (amount == null || amount != card.amountMinor) {
            return Optional.of(Refusal.of(Reason.OTHER_AMOUNT, card));
        }
        return Optional.empty();
    }

    /** A sale of this client's, as it is now; another client's is not found. */
    public Optional<TillSale> ofClient(long saleId, String client) {
        return TillSale.<TillSale>find("id = ?1 and clientId = ?2", saleId, client).firstResultOptional();
    }

    /** The sale was cancelled at the till that made it: the card is unsold again, unless it moved on meanwhile. */
    public Outcome cancel(String client, long saleId) {
        // The sale's row locked first, as its client's: another client's sale is no sale at all to this one.
        Optional<TillSale> found = TillSale.<TillSale>find("id = ?1 and clientId = ?2", saleId, client)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return Outcome.refused(Refusal.of(Reason.NO_SUCH_SALE));
        }
        TillSale sale = found.get();
        GiftCard card = GiftCard.findById(sale.giftCardId, LockModeType.PESSIMISTIC_WRITE);
        if (sale.status == TillSale.Status.VOIDED) {
            return Outcome.refused(Refusal.of(Reason.VOIDED_ALREADY, card));
        }
        if (card.status != CardStatus.ACTIVE) {
            return Outcome.refused(Refusal.of(Reason.CARD_MOVED_ON, card));
        }
        Instant voidedAt = now();
        card.deactivate(voidedAt);
        events.told(card, CardChanged.What.SALE_VOIDED);
        sale.status = TillSale.Status.VOIDED;
        sale.voidedAt = voidedAt;
        return Outcome.done(sale, card);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
