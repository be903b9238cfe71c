package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A till sells a physical card: the card, named by its printed number (never its claim code), goes from unsold to
 * active once the amount paid matches its value; a sale cancelled before anyone redeemed the card makes it unsold
 * again. Each in the caller's transaction, the card's row locked; the database keeps one sale in force per card.
 */
@ApplicationScoped
public class TillSales {
    private final Clock clock;

    TillSales(Clock clock) {
        this.clock = clock;
    }

    /** What the till asked: the card's number, what the customer paid for it, and the till's own receipt reference. */
    public record Sale(String cardNumber, Long amount, String currency, String storeReference) {
    }

    /** Why a sale or its cancellation can't be done: a problem type, and what to tell the till. */
    public record Refusal(int status, String type, String detail) {
    }

    /** A sale done, or why not. */
    public record Outcome(Optional<TillSale> sale, Optional<GiftCard> card, Optional<Refusal> refusal) {
        static Outcome refused(int status, String type, String detail) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.of(new Refusal(status, type, detail)));
        }

        static Outcome done(TillSale sale, GiftCard card) {
            return new Outcome(Optional.of(sale), Optional.of(card), Optional.empty());
        }
    }

    public Outcome activate(String client, Sale sale) {
        Optional<CardNumber> number = CardNumber.parse(sale.cardNumber());
        if (number.isEmpty()) {
            return Outcome.refused(422, "invalid-request", "cardNumber must be the 16 digits printed on the card.");
        }
        if (sale.storeReference() == null || sale.storeReference().isBlank() || sale.storeReference().length() > 100) {
            return Outcome.refused(422, "invalid-request", "storeReference (the till's receipt) is required, up to"
                    + " 100 characters.");
        }
        Optional<GiftCard> found = GiftCard.find("cardNumber", number.get().digits())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return Outcome.refused(404, "card-not-found", "No card has this number.");
        }
        GiftCard card = found.get();
        if (card.status != CardStatus.ISSUED) {
            return Outcome.refused(409, "card-not-unsold", "Only an unsold card can be activated; this one is "
                    + card.status.name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!card.currency.equals(sale.currency())) {
            return Outcome.refused(422, "currency-mismatch", "The card is in " + card.currency + ", not "
                    + sale.currency() + ".");
        }
        if (sale.amount() == null || sale.amount() != card.amountMinor) {
            return Outcome.refused(422, "amount-mismatch", "The card is worth " + card.amountMinor + " " + card.currency
                    + " (minor units): the amount paid must be that.");
        }
        Instant now = now();
        card.activate(now);
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

    /** The sale was cancelled at the till: the card is unsold again, unless someone redeemed it meanwhile. */
    public Outcome cancel(long saleId) {
        Optional<TillSale> found = TillSale.findByIdOptional(saleId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Outcome.refused(404, "activation-not-found", "There is no activation " + saleId + ".");
        }
        TillSale sale = found.get();
        if (sale.status == TillSale.Status.VOIDED) {
            return Outcome.refused(409, "activation-voided", "Activation " + saleId + " was voided already.");
        }
        GiftCard card = GiftCard.findById(sale.giftCardId, LockModeType.PESSIMISTIC_WRITE);
        if (card.status != CardStatus.ACTIVE) {
            return Outcome.refused(409, "card-" + card.status.name().toLowerCase(Locale.ROOT), "The card is "
                    + card.status.name().toLowerCase(Locale.ROOT) + ": its sale can't be undone"
                    + (card.status == CardStatus.REDEEMED ? " (its value is in a shopper's balance)." : "."));
        }
        card.deactivate();
        sale.status = TillSale.Status.VOIDED;
        sale.voidedAt = now();
        return Outcome.done(sale, card);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
