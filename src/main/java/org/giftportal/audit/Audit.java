package org.giftportal.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Writes the audit log. A done action is recorded in its own transaction, so it commits with the change or not at
 * all; a refused one in a transaction of its own, since the action's rolls back.
 */
@ApplicationScoped
public class Audit {
    private static final int MAX_REASON = 500;
    private static final int MAX_STATE = 1000;
    private final Clock clock;

    Audit(Clock clock) {
        this.clock = clock;
    }

    /** What a staff action touched and how. */
    public record Target(AuditEntry.TargetType type, Long id, String label) {
        public static Target card(long id, String cardNumber) {
            return new Target(AuditEntry.TargetType.CARD, id, cardNumber);
        }

        public static Target account(long id, String label) {
            return new Target(AuditEntry.TargetType.ACCOUNT, id, label);
        }

        public static Target supportCase(long id, String reference) {
            return new Target(AuditEntry.TargetType.CASE, id, reference);
        }

        public static Target webhook(long id, String url) {
            return new Target(AuditEntry.TargetType.WEBHOOK, id, url.length() > 64 ? url.substring(0, 61) + "..."
                    : url);
        }
    }

    /** Records an action done, in the transaction that did it. */
    public void done(Actor actor, String action, Target target, String reason, String before, String after) {
        QuarkusTransaction.joiningExisting().run(() ->
                write(actor, action, AuditEntry.Outcome.DONE, target, reason, before, after));
    }

    /** Records a step of a two-person action (asked, approved, rejected), in the transaction that took it. */
    public void recorded(Actor actor, String action, AuditEntry.Outcome outcome, Target target, String reason,
            String before, String after) {
        QuarkusTransaction.joiningExisting().run(() -> write(actor, action, outcome, target, reason, before, after));
    }

    /** Records something staff saw rather than changed (a card looked up by its secret code), on its own. */
    public void noted(Actor actor, String action, Target target) {
        QuarkusTransaction.requiringNew().run(() ->
                write(actor, action, AuditEntry.Outcome.DONE, target, null, null, null));
    }

    /** Records an action refused (and why), whatever becomes of the transaction around it. */
    public void refused(Actor actor, String action, Target target, String reason, String why) {
        QuarkusTransaction.requiringNew().run(() ->
                write(actor, action, AuditEntry.Outcome.REFUSED, target, reason, null, why));
    }

    private void write(Actor actor, String action, AuditEntry.Outcome outcome, Target target, String reason,
            String before, String after) {
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entry.actorSubject = actor.subject();
        entry.actorName = actor.name();
        entry.action = action;
        entry.outcome = outcome;
        entry.targetType = target.type();
        entry.targetId = target.id();
        entry.targetLabel = target.label();
        entry.reason = cut(reason, MAX_REASON);
        entry.before = cut(before, MAX_STATE);
        entry.after = cut(after, MAX_STATE);
        entry.persist();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
