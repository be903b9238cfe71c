package org.giftportal.approvals;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.site.Money;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;

/**
 * The two-person rule for value, the one implementation of it: the back office's adjustments, cards and gifts and the
 * tills' refunds and card sales alike. A request within its requester's limits (per action, and their own actions at
 * the same desk over the last 24 hours, per currency) is carried out at once; above them, or when its kind always
 * needs one, it waits until a second person of the same desk approves or rejects it, or whoever asked withdraws it.
 * Each kind's {@link ValueAction} says who decides and under which limits. Every step is one transaction with its
 * audit entry. A member of staff's requests are counted one after the other under a lock of theirs, so two tabs or
 * two instances can't both slip under the daily limit.
 */
@ApplicationScoped
public class Approvals {
    static final Duration DAY = Duration.ofHours(24);
    private final Map<ValueRequest.Kind, ValueAction> actions = new EnumMap<>(ValueRequest.Kind.class);
    private final PortalConfig.Approvals limits;
    private final Audit audit;
    private final Retries retries;
    private final Clock clock;

    Approvals(@All List<ValueAction> actions, PortalConfig config, Audit audit, Retries retries, Clock clock) {
        actions.forEach(action -> this.actions.put(action.kind(), action));
        this.limits = config.approvals();
        this.audit = audit;
        this.retries = retries;
        this.clock = clock;
    }

    /** What became of a request or a decision. */
    public sealed interface Result {
        /** Carried out; the hand-over is for the response of the POST that did it. */
        record Done(ValueRequest request, ValueAction.Done done) implements Result {
        }

        /** Over the limits: waiting for a second admin. */
        record Waiting(ValueRequest request) implements Result {
        }

        /** The same form again: the request it made the first time. */
        record AlreadyAsked(ValueRequest request) implements Result {
        }

        record Rejected(ValueRequest request) implements Result {
        }

        /** Not done, and why (audited). */
        record Refused(String why) implements Result {
        }

        record ChangedMeanwhile() implements Result {
        }

        record Withdrawn(ValueRequest request) implements Result {
        }

        record NotFound() implements Result {
        }
    }

    /**
     * Asks for a value action: {@code request} filled in with its kind, value, reason, key and what it works on. It is
     * carried out now if within the requester's limits, or waits for a second admin.
     */
    public Result request(Actor requester, ValueRequest request) {
        ValueAction action = actionFor(request.kind);
        return retries.inTransaction("value-request", () -> {
            // First the requester's lock: the same form sent twice at once is looked up after the first one committed.
            lockRequester(requester, request.currency);
            request.forgetAttempt(); // a retried attempt inserts anew what the rolled-back one had inserted
            Optional<ValueRequest> earlier = ValueRequest.find("requestKey", request.requestKey)
                    .singleResultOptional();
            if (earlier.isPresent()) {
                return new Result.AlreadyAsked(earlier.get());
            }
            Optional<String> problem = action.problem(request, requester);
            if (problem.isPresent()) {
                audit.refused(requester, auditName(request.kind, "request"), action.target(request), request.reason,
                        problem.get());
                return new Result.Refused(problem.get());
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ValueAction.Rule rule = action.rule(request, backOfficeLimits(request.currency));
            request.desk = rule.desk().key();
            request.requestedBySubject = requester.subject();
            request.requestedByName = requester.name();
            request.requestedAt = now;
            request.status = ValueRequest.Status.PENDING;
            request.needsApproval = needsSecondPerson(requester, request, rule, now);
            request.persist();
            if (request.needsApproval) {
                audit.recorded(requester, auditName(request.kind, "request"), AuditEntry.Outcome.REQUESTED,
                        approvalTarget(request), request.reason, null, request.summary);
                return new Result.Waiting(request);
            }
            return carryOut(action, request, requester, null, now);
        });
    }

    /**
     * A second person of the request's desk approves: the request is carried out now, if its facts still allow it.
     *
     * @param desk where the approver works (the back office, or their store's till): a request of another desk is
     *        not found there
     */
    public Result approve(Actor approver, Desk desk, long requestId, long seenVersion) {
        return decide(approver, desk, requestId, seenVersion, "approve", (request, now) -> {
            ValueAction action = actionFor(request.kind);
            Optional<String> problem = action.problem(request, approver);
            if (problem.isPresent()) {
                return notDone(request, approver, approver, problem.get(), now);
            }
            audit.recorded(approver, auditName(request.kind, "approve"), AuditEntry.Outcome.APPROVED,
                    approvalTarget(request), request.reason, "pending", "approved");
            return carryOut(action, request, approver, approver, now);
        });
    }

    /** A second person of the desk says no, and why. Nothing is changed but the request. */
    public Result reject(Actor approver, Desk desk, long requestId, long seenVersion, String note) {
        return decide(approver, desk, requestId, seenVersion, "reject", (request, now) -> {
            request.rejected(approver, note, now);
            audit.recorded(approver, auditName(request.kind, "reject"), AuditEntry.Outcome.REJECTED,
                    approvalTarget(request), note, "pending", "rejected");
            return new Result.Rejected(request);
        });
    }

    /**
     * Whoever asked takes a waiting request back (a sale the customer walked away from, a request made by mistake).
     * Nothing is changed but the request.
     */
    public Result withdraw(Actor requester, Desk desk, long requestId, long seenVersion) {
        return retries.inTransaction("value-withdraw", () -> {
            Optional<ValueRequest> found = lockAtDesk(requestId, desk);
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            ValueRequest request = found.get();
            if (request.version() != seenVersion || !request.isPending()) {
                return new Result.ChangedMeanwhile();
            }
            if (!request.requestedBy(requester)) {
                return new Result.Refused("Only whoever asked for it can withdraw it: approve it or turn it down.");
            }
            request.withdrawn(requester, clock.instant().truncatedTo(ChronoUnit.MICROS));
            audit.recorded(requester, auditName(request.kind, "withdraw"), AuditEntry.Outcome.WITHDRAWN,
                    approvalTarget(request), null, "pending", "withdrawn by whoever asked");
            return new Result.Withdrawn(request);
        });
    }

    /** Carries the request out and records what it changed, in the request and in the audit log. */
    private Result carryOut(ValueAction action, ValueRequest request, Actor actor, Actor approver, Instant now) {
        ValueAction.Done done;
        try {
            done = action.carryOut(request, actor);
        } catch (ValueAction.NotPossible notPossible) {
            return notDone(request, actor, approver, notPossible.getMessage(), now);
        }
        request.done(approver, done.after(), now);
        audit.done(actor, auditName(request.kind, "done"), action.target(request), request.reason
                + (approver == null ? "" : " (asked by " + request.requestedByName + ", request " + request.id + ")"),
                done.before(), done.after());
        return new Result.Done(request, done);
    }

    /** The request can't be carried out after all: it is kept as not done, with why; nothing else was changed. */
    private Result notDone(ValueRequest request, Actor actor, Actor approver, String why, Instant now) {
        request.failed(approver, why, now);
        audit.recorded(actor, auditName(request.kind, approver == null ? "request" : "approve"),
                AuditEntry.Outcome.REFUSED, approvalTarget(request), request.reason, "pending",
                "could not be carried out: " + why);
        return new Result.Refused(why);
    }

    private static Optional<ValueRequest> lockAtDesk(long requestId, Desk desk) {
        return ValueRequest.<ValueRequest>findByIdOptional(requestId, LockModeType.PESSIMISTIC_WRITE)
                .filter(request -> request.desk.equals(desk.key()));
    }

    private interface Decision {
        Result apply(ValueRequest request, Instant now);
    }

    private Result decide(Actor approver, Desk desk, long requestId, long seenVersion, String verb,
            Decision decision) {
        return retries.inTransaction("value-" + verb, () -> {
            Optional<ValueRequest> found = lockAtDesk(requestId, desk);
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            ValueRequest request = found.get();
            if (request.version() != seenVersion || !request.isPending()) {
                return new Result.ChangedMeanwhile();
            }
            if (request.requestedBy(approver)) {
                String why = "You asked for this yourself: " + (desk.store().isPresent()
                        ? "another person of the store must decide it." : "another admin must decide it.");
                audit.refused(approver, auditName(request.kind, verb), approvalTarget(request), null, why);
                return new Result.Refused(why);
            }
            return decision.apply(request, clock.instant().truncatedTo(ChronoUnit.MICROS));
        });
    }

    /**
     * Whether the request needs a second person: its kind says so, or it is over the per-action limit (what the rule
     * counts), or over the per-day limit together with what the requester did alone at the same desk in the last 24
     * hours. The requester's lock for the currency is held.
     */
    private boolean needsSecondPerson(Actor requester, ValueRequest request, ValueAction.Rule rule, Instant now) {
        if (rule.secondPersonBecause().isPresent()) {
            return true;
        }
        long doneAlone = ValueRequest.getEntityManager().createQuery("select coalesce(sum(r.amountMinor), 0)"
                        + " from ValueRequest r where r.requestedBySubject = ?1 and r.currency = ?2 and r.desk = ?3"
                        + " and r.needsApproval = false and r.status = ?4 and r.requestedAt > ?5", Long.class)
                .setParameter(1, requester.subject()).setParameter(2, request.currency)
                .setParameter(3, rule.desk().key()).setParameter(4, ValueRequest.Status.DONE)
                .setParameter(5, now.minus(DAY)).getSingleResult();
        return rule.counted() > rule.limits().perActionMinor()
                || Math.addExact(doneAlone, request.amountMinor) > rule.limits().perDayMinor();
    }

    /** The back office's limits for a currency, in minor units; none configured: every action needs a second admin. */
    private ValueAction.Limits backOfficeLimits(String currency) {
        PortalConfig.Limits limit = limits.limits().get(currency);
        if (limit == null) {
            return ValueAction.Limits.NONE;
        }
        Currency unit = Currency.getInstance(currency);
        return new ValueAction.Limits(Money.ofWholeUnits(limit.perAction(), unit).minorUnits(),
                Money.ofWholeUnits(limit.perDay(), unit).minorUnits());
    }

    /** Takes the member of staff's lock for the currency until the transaction ends (creating it the first time). */
    private static void lockRequester(Actor requester, String currency) {
        ValueRequest.getEntityManager().createNativeQuery("INSERT INTO value_guard (subject, currency, touched_at)"
                + " VALUES (?1, ?2, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE touched_at = UTC_TIMESTAMP(6)")
                .setParameter(1, requester.subject()).setParameter(2, currency).executeUpdate();
    }

    /** The limits of one currency, in whole units; empty when every action needs a second admin. */
    public Optional<PortalConfig.Limits> limitsFor(String currency) {
        return Optional.ofNullable(limits.limits().get(currency));
    }

    /** Requests waiting for a second person at this desk. */
    public long pendingCount(Desk desk) {
        return ValueRequest.count("status = ?1 and desk = ?2", ValueRequest.Status.PENDING, desk.key());
    }

    private ValueAction actionFor(ValueRequest.Kind kind) {
        ValueAction action = actions.get(kind);
        if (action == null) {
            throw new IllegalStateException("Nothing carries out " + kind);
        }
        return action;
    }

    /** The audit log's name of a step, e.g. "adjustment.request", "issue.approve". */
    private static String auditName(ValueRequest.Kind kind, String step) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "." + step;
    }

    private static Audit.Target approvalTarget(ValueRequest request) {
        return new Audit.Target(AuditEntry.TargetType.APPROVAL, request.id, "request " + request.id);
    }
}
