package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.giftportal.card.GiftCard;
import org.giftportal.card.TillSales;
import org.giftportal.ledger.Capture;
import org.giftportal.site.Money;
import org.giftportal.ledger.Refusal;
import org.giftportal.site.RegionFormats;

/**
 * What the till tells a cashier when the money rules or a card sale say no, in one place: amounts in the store's money
 * format, states in words, what to do next. Never minor units, ids or the API's words.
 */
@ApplicationScoped
class TillWords {
    private final RegionFormats formats;

    TillWords(RegionFormats formats) {
        this.formats = formats;
    }

    String money(long minor, Stores.Store store) {
        return formats.money(Money.of(minor, store.currency()), store.region());
    }

    /** A refund asked for more than is left of the payment. */
    String refundTooMuch(Capture capture, long askedMinor, Stores.Store store) {
        if (capture.refundableMinor() == 0) {
            return "All " + money(capture.amountMinor, store) + " of this payment is refunded already: nothing is left"
                    + " to refund.";
        }
        return "At most " + money(capture.refundableMinor(), store) + " of this payment can still be refunded"
                + (capture.refundedMinor > 0 ? " (" + money(capture.refundedMinor, store) + " of "
                        + money(capture.amountMinor, store) + " is refunded already)" : "") + ", not "
                + money(askedMinor, store) + ".";
    }

    /** A money rule's refusal, as the till puts it. */
    String refusal(Refusal refusal, Stores.Store store) {
        if (refusal instanceof Refusal.AccountFrozen) {
            return "This balance can't be used right now: nothing was taken. Take the payment another way; the shopper"
                    + " can contact customer support about their account.";
        }
        if (refusal instanceof Refusal.NothingAvailable) {
            return "Nothing is available on this balance (any money on it is kept for an order in progress). Take the"
                    + " payment another way.";
        }
        if (refusal instanceof Refusal.WrongCurrency wrong) {
            return "This balance is in " + wrong.accountCurrency() + " and this store takes " + store.currency()
                    + ": it can only be spent in its own region. Nothing was taken.";
        }
        if (refusal instanceof Refusal.HoldEnded ended) {
            return switch (ended.status()) {
                case CAPTURED -> "This payment was taken already. To give money back, refund it.";
                case VOIDED -> "This payment was cancelled: nothing was taken. Scan a new pay code to start again.";
                default -> "This payment ran out before it was taken: nothing was taken. Scan a new pay code.";
            };
        }
        if (refusal instanceof Refusal.MoreThanRefundable more) {
            return more.refundable() == 0 ? "All " + money(more.captured(), store) + " of this payment is refunded"
                    + " already: nothing is left to refund." : "At most " + money(more.refundable(), store)
                            + " of this payment can still be refunded.";
        }
        if (refusal instanceof Refusal.Invalid) {
            return "Type an amount of at least " + money(1, store) + ".";
        }
        return "The balance can't pay this. Take the payment another way.";
    }

    /** Why a card can't be sold or activated at this till, in the cashier's words. */
    String saleRefusal(TillSales.Refusal refusal, Stores.Store store) {
        return switch (refusal.reason()) {
            case NOT_A_CARD_NUMBER -> "Type or scan the 16-digit number printed on the card (not the code under the"
                    + " scratch strip).";
            case NO_REFERENCE -> "Type the receipt number of the sale.";
            case NO_SUCH_CARD -> "No card has this number. Check it against the card.";
            case NOT_UNSOLD -> "This card can't be sold: it is " + state(refusal.card().orElseThrow()) + ".";
            case OTHER_CURRENCY -> "This card is for another region: it is in " + refusal.card().orElseThrow().currency
                    + ", and this store sells cards in " + store.currency() + ".";
            case OTHER_AMOUNT -> "This card is worth " + money(refusal.card().orElseThrow().amountMinor, store)
                    + ". Check the amount the customer paid.";
            case NO_SUCH_SALE -> "There is no such sale at this store.";
            case VOIDED_ALREADY -> "This sale was cancelled already.";
            case CARD_MOVED_ON -> "The card is " + state(refusal.card().orElseThrow()) + " now: its sale can't be"
                    + " undone.";
        };
    }

    /** A card's state as a cashier would say it. */
    private static String state(GiftCard card) {
        return switch (card.status) {
            case ISSUED -> "unsold";
            case ACTIVE -> "active already (sold before)";
            default -> card.status.name().toLowerCase(Locale.ROOT);
        };
    }
}
