package org.giftportal.redeem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Regions;

/**
 * What the review rules and the scam warnings look at, read in one statement in the redemption's transaction (the
 * account's look-ups are queued by the claim-code lock, so the counts hold): the account's redemptions in the rules'
 * windows (credited or held), the client network's last lock, whether another
 * account looked the code up lately, and the warnings this session has seen.
 */
@ApplicationScoped
class FraudSignals {
    /**
     * How many of the account's newest redemptions (and, apart, held ones) in the rules' windows are looked at: along
     * the ledger's index, never the whole of a busy account's hour. More than this within the windows trips the
     * many-cards rule (5 by default) long before; with that rule off, the value rule sums these newest.
     */
    static final int NEWEST = 32;

    private final Regions regions;
    private final EntityManager em;

    FraudSignals(Regions regions, EntityManager em) {
        this.regions = regions;
        this.em = em;
    }

    /**
     * @param cards redeemed within the review rule's cards window, before this one
     * @param value redeemed within the new-account window, before this one, in minor units
     * @param highValueCards cards worth at least the warning's high value within its window, before this one
     * @param highValueCard whether this card is worth that much too
     * @param onceBlocked the card was reported lost or stolen before (the card says so itself)
     * @param warningsSeen the warning rules' keys this session was shown (none without a session)
     */
    record Signals(long cards, long value, long highValueCards, boolean highValueCard, boolean onceBlocked,
            Instant networkLockedUntil,
            boolean lookedUpElsewhere, List<String> warningsSeen) {
    }

    Signals read(Account account, GiftCard card, String clientAddress, String sessionKey, Instant now) {
        PortalConfig.Review review = regions.settings(card.region).review();
        PortalConfig.Warning warning = regions.settings(card.region).warning();
        Instant cardsSince = now.minus(review.cardsWindow());
        Instant valueSince = now.minus(review.newAccountWindow());
        Instant highSince = now.minus(warning.highValueWindow());
        Instant since = Stream.of(cardsSince, valueSince, highSince).min(Instant::compareTo).orElseThrow();
        long highValue = Money.ofWholeUnits(warning.highValue(), Currency.getInstance(card.currency)).minorUnits();
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT COALESCE(SUM(CASE WHEN r.at > ?3 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.at > ?4 THEN r.amount_minor ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.at > ?5 AND r.amount_minor >= ?6 THEN 1 ELSE 0 END), 0),
                       (SELECT g.locked_until FROM claim_guard g WHERE g.scope_key = ?7),
                       (SELECT COUNT(*) FROM code_look_up k WHERE k.code_hash = ?8 AND k.account_id <> ?1
                          AND k.looked_up_at > ?9),
                       (SELECT GROUP_CONCAT(w.rule) FROM scam_warning w WHERE w.session_key = ?10)
                FROM ((SELECT e.amount_minor, e.created_at AS at FROM ledger_entry e
                       WHERE e.account_id = ?1 AND e.entry_type = 'REDEMPTION' AND e.created_at > ?2
                       ORDER BY e.created_at DESC LIMIT %1$d)
                      UNION ALL
                      (SELECT v.amount_minor, v.held_at FROM redemption_review v
                       WHERE v.account_id = ?1 AND v.status = 'WAITING' AND v.held_at > ?2
                       ORDER BY v.held_at DESC LIMIT %1$d)) r""".formatted(NEWEST))
                .setParameter(1, account.id).setParameter(2, DatabaseTime.of(since))
                .setParameter(3, DatabaseTime.of(cardsSince)).setParameter(4, DatabaseTime.of(valueSince))
                .setParameter(5, DatabaseTime.of(highSince)).setParameter(6, highValue)
                .setParameter(7, ClaimGuard.addressScope(clientAddress)).setParameter(8, card.codeHash())
                .setParameter(9, DatabaseTime.of(now.minus(warning.lookedUpElsewhere())))
                .setParameter(10, sessionKey == null ? "" : sessionKey).getSingleResult();
        return new Signals(number(row[0]), number(row[1]), number(row[2]), card.amountMinor >= highValue,
                card.firstBlockedAt != null,
                row[3] == null ? null : DatabaseTime.read(row[3]), number(row[4]) > 0,
                row[5] == null ? List.of() : List.of(row[5].toString().split(",")));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
