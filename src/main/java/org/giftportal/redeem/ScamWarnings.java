package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.giftportal.card.GiftCard;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.PortalConfig;

/**
 * The scam warning: one plain page before a typed code's value moves, when the redemption has the shape of a scam's
 * (high-value cards in quick succession; a code another account looked up minutes ago, as a "support agent" checking
 * a victim's card would). Each rule warns at most once per signed-in session: the session's row says it was shown, and
 * the next submission goes on. How often each is shown and continued past is counted.
 */
@ApplicationScoped
public class ScamWarnings {
    /** Why the warning shows. */
    public enum Rule {
        HIGH_VALUE_CARDS("high_value_cards"), LOOKED_UP_ELSEWHERE("looked_up_elsewhere");

        private final String key;

        Rule(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Optional<Rule> byKey(String key) {
            return Arrays.stream(values()).filter(rule -> rule.key.equals(key)).findFirst();
        }
    }

    private final org.giftportal.site.Regions regions;
    private final EntityManager em;
    private final MeterRegistry metrics;

    ScamWarnings(org.giftportal.site.Regions regions, EntityManager em, MeterRegistry metrics) {
        this.regions = regions;
        this.em = em;
        this.metrics = metrics;
    }

    /**
     * The warning this redemption must show first, if one is due and this session hasn't seen it: recorded as shown,
     * in the redemption's transaction. Empty: go on.
     */
    Optional<Rule> due(GiftCard card, FraudSignals.Signals signals, String sessionKey, Instant now) {
        PortalConfig.Warning rules = settings(card.region);
        boolean high = rules.highValueCards() > 0 && signals.highValueCard();
        boolean lookUps = !rules.lookedUpElsewhere().isZero();
        List<Rule> due = new java.util.ArrayList<>();
        if (lookUps && signals.lookedUpElsewhere()) {
            due.add(Rule.LOOKED_UP_ELSEWHERE);
        }
        if (high && signals.highValueCards() + 1 >= rules.highValueCards()) {
            due.add(Rule.HIGH_VALUE_CARDS);
        }
        // The first that this session hasn't seen: one seen already never hides another.
        Optional<Rule> unseen = due.stream().filter(rule -> !signals.warningsSeen().contains(rule.key())).findFirst();
        unseen.ifPresent(rule -> shown(sessionKey, rule, now));
        return unseen;
    }

    private void shown(String sessionKey, Rule rule, Instant now) {
        em.createNativeQuery("INSERT IGNORE INTO scam_warning (session_key, rule, shown_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, sessionKey).setParameter(2, rule.key()).setParameter(3, DatabaseTime.of(now))
                .executeUpdate();
        metrics.counter("portal.fraud.warnings", "rule", rule.key(), "step", "shown").increment();
    }

    /** The shopper pressed "continue" on a warning this session was shown: counted, once. */
    public void continued(String sessionKey, String ruleKey, Instant now) {
        Optional<Rule> rule = Rule.byKey(ruleKey);
        if (rule.isEmpty()) {
            return;
        }
        int marked = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE scam_warning SET continued_at = ?1 WHERE session_key = ?2 AND rule = ?3"
                        + " AND continued_at IS NULL").setParameter(1, DatabaseTime.of(now))
                .setParameter(2, sessionKey).setParameter(3, rule.get().key()).executeUpdate());
        if (marked == 1) {
            metrics.counter("portal.fraud.warnings", "rule", rule.get().key(), "step", "continued").increment();
        }
    }

    /** A card the shopper found by its code on the check page: remembered (by its keyed code hash) for a while. */
    void lookedUp(GiftCard card, long accountId, Instant now) {
        if (settings(card.region).lookedUpElsewhere().isZero()) {
            return;
        }
        em.createNativeQuery("INSERT INTO code_look_up (code_hash, account_id, looked_up_at) VALUES (?1, ?2, ?3)"
                + " ON DUPLICATE KEY UPDATE looked_up_at = VALUES(looked_up_at)").setParameter(1, card.codeHash())
                .setParameter(2, accountId).setParameter(3, DatabaseTime.of(now)).executeUpdate();
    }

    private PortalConfig.Warning settings(String region) {
        return regions.settings(region).warning();
    }
}
