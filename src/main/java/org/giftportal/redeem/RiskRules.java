package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;

/**
 * Whether a typed code's redemption looks like a gift card scam's and waits for review: the rules of the card's
 * region ({@code portal.regions.<code>.review.*}). The patterns are those scams leave: a brand-new account taking in
 * a lot at once, many cards in minutes, a card that was once reported lost, a network that was just guessing codes.
 * Judged on the redemption's {@link FraudSignals}, read once with the scam warnings'.
 */
@ApplicationScoped
public class RiskRules {
    /** One rule that matched, in staff's words, and its name in metrics. */
    public record Hit(String metric, String words) {
    }

    private final org.giftportal.site.Regions regions;
    private final MeterRegistry metrics;

    RiskRules(org.giftportal.site.Regions regions, MeterRegistry metrics) {
        this.regions = regions;
        this.metrics = metrics;
    }

    /** How long reviews usually take in the region, in hours: what the shopper is told. */
    public int usualHours(String region) {
        return settings(region).usualHours();
    }

    private PortalConfig.Review settings(String region) {
        return regions.settings(region).review();
    }

    /** The rules this redemption matches, from its signals; none: it is credited at once. */
    List<Hit> matches(Account account, GiftCard card, FraudSignals.Signals signals, Instant now) {
        PortalConfig.Review rules = settings(card.region);
        boolean young = rules.newAccountValue() > 0 && account.createdAt.isAfter(now.minus(rules.newAccountAge()));
        List<Hit> hits = new ArrayList<>();
        long cards = signals.cards() + 1;
        long value = signals.value() + card.amountMinor;
        long limit = Money.ofWholeUnits(rules.newAccountValue(), Currency.getInstance(card.currency)).minorUnits();
        if (young && value > limit) {
            hits.add(new Hit("new_account_value", "an account younger than " + words(rules.newAccountAge())
                    + " redeemed " + Money.of(value, card.currency).plain()
                    + " within " + words(rules.newAccountWindow())));
        }
        if (rules.maxCards() > 0 && cards > rules.maxCards()) {
            hits.add(new Hit("many_cards", cards + " cards redeemed within " + words(rules.cardsWindow())));
        }
        if (rules.onceBlocked() && signals.onceBlocked()) {
            hits.add(new Hit("once_blocked", "the card was reported lost or stolen before"));
        }
        if (!rules.trippedAddress().isZero() && signals.networkLockedUntil() != null
                && signals.networkLockedUntil().isAfter(now.minus(rules.trippedAddress()))) {
            hits.add(new Hit("tripped_address", "its network was locked for guessing claim codes within the last "
                    + words(rules.trippedAddress())));
        }
        hits.forEach(hit -> metrics.counter("portal.fraud.rule.hits", "rule", hit.metric()).increment());
        return hits;
    }

    /** "1 hour", "10 minutes", "1 day": a rule's time as staff read it. */
    private static String words(java.time.Duration duration) {
        if (duration.toDays() > 0 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
