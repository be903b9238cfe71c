package org.giftportal.balance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Period;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.ledger.CashOuts;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;

/**
 * What the law where a region sells gives its shoppers, in plain words, for the balance and card check pages: how
 * long a card lasts, that no fees are taken, and where the region's jurisdiction gives it, that a small balance can be
 * paid in cash (with the way to ask, when the balance qualifies now).
 */
@ApplicationScoped
public class Rights {
    private final CashOuts cashOuts;
    private final RegionFormats formats;

    Rights(CashOuts cashOuts, RegionFormats formats) {
        this.cashOuts = cashOuts;
        this.formats = formats;
    }

    /**
     * @param cash the cash right in words, or null where the law gives none
     * @param mayAsk whether this shopper's balance qualifies now (the page then offers to ask)
     */
    public record View(String cardsLast, String noFees, String cash, boolean mayAsk) {
    }

    /** The rights of a shopper with this account, about their balance. */
    public View of(Account account, Region region) {
        return new View(cardsLast(region) + " Your balance itself doesn't expire.", NO_FEES,
                cash(region, "you can ask for your balance in cash while it is under ").orElse(null),
                cashOuts.mayAsk(account));
    }

    /** The rights that go with a card of this region, for someone checking it. */
    public View ofCards(Region region) {
        return new View(cardsLast(region), NO_FEES,
                cash(region, "once a card is in your balance, you can ask for the balance in cash while it is under ")
                        .orElse(null), false);
    }

    private static final String NO_FEES = "We never take fees from your gift cards or your balance: nothing for buying,"
            + " keeping, using or not using them.";

    private static String cardsLast(Region region) {
        return region.cardValidity().map(validity -> "A gift card for " + region.inSentence() + " lasts "
                + inWords(validity) + " from the day it is bought or activated, and its expiry date is on the card"
                + " check.").orElse("Gift cards for " + region.inSentence() + " never expire.");
    }

    private Optional<String> cash(Region region, String prefix) {
        return region.jurisdiction().cashOutBelowMinor().map(limit -> "Under "
                + region.jurisdiction().title() + ", " + prefix
                + formats.money(Money.of(limit, region.currency().getCurrencyCode()), region) + ".");
    }

    /** "5 years", "18 months", "1 year and 6 months". */
    static String inWords(Period period) {
        Period normal = period.normalized();
        StringBuilder words = new StringBuilder();
        part(words, normal.getYears(), "year");
        part(words, normal.getMonths(), "month");
        part(words, normal.getDays(), "day");
        return words.toString();
    }

    private static void part(StringBuilder words, int count, String unit) {
        if (count == 0) {
            return;
        }
        words.append(words.isEmpty() ? "" : " and ").append(count).append(' ').append(unit).append(count == 1 ? "" : "s");
    }
}
