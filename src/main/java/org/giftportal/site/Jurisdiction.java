package org.giftportal.site;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.Optional;

/**
 * The gift card law of the places a region can sell in, kept in the code rather than in the configuration it checks:
 * a region names its jurisdiction ({@code portal.regions.<code>.jurisdiction}) and the portal refuses to start when
 * the region's card validity breaks it ({@link LawfulRegionsCheck}). The portal never guesses a shopper's state or
 * country: the region decides. It takes no fees of any kind (no inactivity, dormancy or service fee exists in it), so
 * no jurisdiction's fee rule can be broken; the rights text says so.
 *
 * <p>To add one: a constant with its key (ISO 3166 country or subdivision code), its name, the shortest validity its
 * law allows (none: any, including none), whether cards may expire at all, a cash-out right (the balance below which
 * a shopper may ask for cash, in minor units of its currency), and the source of each rule in the comment. See
 * docs/finance.md.
 */
public enum Jurisdiction {
    /**
     * United States, federal law. Credit CARD Act of 2009 (15 U.S.C. 1693l-1) and Regulation E, 12 CFR 1005.20(e): a
     * gift card's funds may not expire within five years of issue or last load; 12 CFR 1005.20(d): no dormancy,
     * inactivity or service fee unless there was no activity for 12 months. No federal cash-out right.
     */
    US("US", "United States federal law", Optional.of(Period.ofYears(5)), true, Optional.empty(), "USD"),
    /**
     * California. Civil Code 1749.45(a): a gift certificate may not carry an expiration date, nor (1749.45(b)) a
     * service fee, including a dormancy fee. Civil Code 1749.5(b)(2): a balance under 10 dollars is redeemable in cash
     * on the holder's request.
     */
    US_CA("US-CA", "California law", Optional.empty(), false, Optional.of(1_000L), "USD"),
    /**
     * Ireland. Consumer Protection (Gift Vouchers) Act 2019, s.3: a gift voucher is valid for at least five years from
     * its sale; s.5: no fee to keep or use it while valid. No cash-out right.
     */
    IE("IE", "Irish law", Optional.of(Period.ofYears(5)), true, Optional.empty(), "EUR"),
    /**
     * United Kingdom. No statute sets a minimum validity or a cash-out right for gift cards; the Consumer Rights Act
     * 2015 only requires the terms (including any expiry) to be fair and told before purchase.
     */
    GB("GB", "UK law", Optional.empty(), true, Optional.empty(), "GBP"),
    /**
     * India. Reserve Bank of India, Master Directions on Prepaid Payment Instruments (2021), para 9.4 (gift PPIs): a
     * minimum validity of one year from issue. No cash-out right for gift PPIs.
     */
    IN("IN", "Indian law", Optional.of(Period.ofYears(1)), true, Optional.empty(), "INR"),
    /**
     * Australia. Competition and Consumer Act 2010, Sch. 2 (Australian Consumer Law) s.99B, from 1 November 2019: a
     * gift card is valid for at least three years from its supply; s.99C: no post-supply fees. No cash-out right.
     */
    AU("AU", "Australian law", Optional.of(Period.ofYears(3)), true, Optional.empty(), "AUD");

    private final String key;
    private final String title;
    private final Optional<Period> minimumValidity;
    private final boolean mayExpire;
    private final Optional<Long> cashOutBelowMinor;
    private final String currency;

    Jurisdiction(String key, String title, Optional<Period> minimumValidity, boolean mayExpire,
            Optional<Long> cashOutBelowMinor, String currency) {
        this.key = key;
        this.title = title;
        this.minimumValidity = minimumValidity;
        this.mayExpire = mayExpire;
        this.cashOutBelowMinor = cashOutBelowMinor;
        this.currency = currency;
    }

    /** The jurisdiction a region names, by its key ("US-CA"). */
    public static Optional<Jurisdiction> of(String key) {
        return Arrays.stream(values()).filter(jurisdiction -> jurisdiction.key.equalsIgnoreCase(key)).findFirst();
    }

    public String key() {
        return key;
    }

    /** How a sentence names it: "California law". */
    public String title() {
        return title;
    }

    /** The currency its amounts (the cash-out threshold) are in. */
    public String currency() {
        return currency;
    }

    /**
     * Why a region's card validity breaks this law, if it does: cards that may not expire at all, or expire sooner
     * than the shortest validity allowed.
     */
    public Optional<String> validityProblem(Optional<Period> validity) {
        if (validity.isEmpty()) {
            return Optional.empty();
        }
        if (!mayExpire) {
            return Optional.of("gift cards may not expire under " + title + ", but cards expire after "
                    + validity.get() + ": remove card-validity");
        }
        if (minimumValidity.isPresent() && isShorter(validity.get(), minimumValidity.get())) {
            return Optional.of("cards expire after " + validity.get() + ", but " + title
                    + " requires at least " + minimumValidity.get() + " from the sale");
        }
        return Optional.empty();
    }

    /** The balance (minor units) below which a shopper may ask for it in cash, where the law gives that right. */
    public Optional<Long> cashOutBelowMinor() {
        return cashOutBelowMinor;
    }

    /** Periods of months and days compare by where they land from one day (a month is not a fixed number of days). */
    private static boolean isShorter(Period validity, Period minimum) {
        LocalDate from = LocalDate.of(2001, 1, 31);
        return from.plus(validity).isBefore(from.plus(minimum));
    }
}
