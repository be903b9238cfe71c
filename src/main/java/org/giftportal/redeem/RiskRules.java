package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;

/**
 * Whether a typed code's redemption looks like a gift card scam's and waits for review: the rules of the card's
 * region ({@code portal.regions.<code>.review.*}). The patterns are those scams leave: a brand-new account taking in
 * a lot at once, many cards in minutes, a card that was once reported lost, a network that was just guessing codes.
 * Read in one statement, in the redemption's transaction (the account's look-ups are queued, so the counts hold).
 */
@ApplicationScoped
public class RiskRules {
    /** One rule that matched, in staff's words, and its name in metrics. */
    public record Hit(String metric, String words) {
    }

    private final PortalConfig config;
    private final EntityManager em;
    private final MeterRegistry metrics;

    RiskRules(PortalConfig config, EntityManager em, MeterRegistry metrics) {
        this.config = config;
        this.em = em;
        this.metrics = metrics;
    }

    /** How long reviews usually take in the region, in hours: what the shopper is told. */
    public int usualHours(String region) {
        return settings(region).usualHours();
    }

    private PortalConfig.Review settings(String region) {
        PortalConfig.RegionConfig found = config.regions().get(region);
        if (found == null) {
            throw new IllegalStateException("No region " + region);
        }
        return found.review();
    }

    /** The rules this redemption matches; none: it is credited at once. */
    List<Hit> matches(Account account, GiftCard card, String clientAddress, Instant now) {
        PortalConfig.Review rules = settings(card.region);
        boolean young = rules.newAccountValue() > 0 && account.createdAt.isAfter(now.minus(rules.newAccountAge()));
        Instant valueSince = now.minus(rules.newAccountWindow());
        Instant cardsSince = now.minus(rules.cardsWindow());
        Instant since = valueSince.isBefore(cardsSince) ? valueSince : cardsSince;
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT COALESCE(SUM(CASE WHEN r.at > ?3 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.at > ?4 THEN r.amount_minor ELSE 0 END), 0),
                       (SELECT COUNT(*) FROM audit_log l WHERE l.target_type = 'CARD' AND l.target_id = ?5
                          AND l.action = 'card.block' AND l.outcome = 'DONE'),
                       (SELECT g.locked_until FROM claim_guard g WHERE g.scope_key = ?6)
                FROM (SELECT e.amount_minor, e.created_at AS at FROM ledger_entry e
                      WHERE e.account_id = ?1 AND e.entry_type = 'REDEMPTION' AND e.created_at > ?2
                      UNION ALL
                      SELECT v.amount_minor, v.held_at FROM redemption_review v
                      WHERE v.account_id = ?1 AND v.status = 'WAITING' AND v.held_at > ?2) r""")
                .setParameter(1, account.id).setParameter(2, DatabaseTime.of(since))
                .setParameter(3, DatabaseTime.of(cardsSince)).setParameter(4, DatabaseTime.of(valueSince))
                .setParameter(5, card.id).setParameter(6, ClaimGuard.addressScope(clientAddress)).getSingleResult();
        List<Hit> hits = new ArrayList<>();
        long cards = ((Number) row[0]).longValue() + 1;
        long value = ((Number) row[1]).longValue() + card.amountMinor;
        long limit = Money.ofWholeUnits(rules.newAccountValue(), Currency.getInstance(card.currency)).minorUnits();
        if (young && value > limit) {
            hits.add(new Hit("new_account_value", "an account younger than " + words(rules.newAccountAge())
                    + " redeemed " + Money.of(value, card.currency).decimal().toPlainString() + " " + card.currency
                    + " within " + words(rules.newAccountWindow())));
        }
        if (rules.maxCards() > 0 && cards > rules.maxCards()) {
            hits.add(new Hit("many_cards", cards + " cards redeemed within " + words(rules.cardsWindow())));
        }
        if (rules.onceBlocked() && ((Number) row[2]).longValue() > 0) {
            hits.add(new Hit("once_blocked", "the card was reported lost or stolen before"));
        }
        if (!rules.trippedAddress().isZero() && row[3] != null
                && DatabaseTime.read(row[3]).isAfter(now.minus(rules.trippedAddress()))) {
            hits.add(new Hit("tripped_address", "its network was locked for guessing claim codes within the last "
                    + words(rules.trippedAddress())));
        }
        hits.forEach(hit -> metrics.counter("portal.fraud.rule.hits", "rule", hit.metric()).increment());
        return hits;
    }

    /** "1 hour", "10 minutes", "1 day": a rule's time as staff read it. */
    static String words(java.time.Duration duration) {
        if (duration.toDays() > 0 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s").toLowerCase(Locale.ROOT);
    }
}
