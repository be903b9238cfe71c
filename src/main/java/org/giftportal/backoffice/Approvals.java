package org.giftportal.backoffice;

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
import org.giftportal.ledger.Money;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;

/**
 * The two-person rule for value. A request within its requester's limits (per action, and their own actions over the
 * last 24 hours, per currency) is carried out at once; above them it waits until another admin approves or rejects
 * it. Every step is one transaction with its audit entry. A member of staff's requests are counted one after the
 * other under a lock of theirs, so two tabs or two instances can't both slip under the daily limit.
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
            request.requestedBySubject = requester.subject();
            request.requestedByName = requester.name();
            request.requestedAt = now;
            request.status = ValueRequest.Status.PENDING;
            request.needsApproval = overLimits(requester, request, now);
            request.persist();
            if (request.needsApproval) {
                audit.recorded(requester, auditName(request.kind, "request"), AuditEntry.Outcome.REQUESTED,
                        approvalTarget(request), request.reason, null, request.summary);
                return new Result.Waiting(request);
            }
            return carryOut(action, request, requester, null, now);
        });
    }

    /** A second admin approves: the request is carried out now, if its facts still allow it. */
    public Result approve(Actor approver, long requestId, long seenVersion) {
        return decide(approver, requestId, seenVersion, "approve", (request, now) -> {
            ValueAction action = actionFor(request.kind);
            Optional<String> problem = action.problem(request, approver);
            if (problem.isPresent()) {
                request.failed(approver, problem.get(), now);
                audit.recorded(approver, auditName(request.kind, "approve"), AuditEntry.Outcome.REFUSED,
                        approvalTarget(request), request.reason, "pending", "could not be carried out: "
                                + problem.get());
                return new Result.Refused(problem.get());
            }
            audit.recorded(approver, auditName(request.kind, "approve"), AuditEntry.Outcome.APPROVED,
                    approvalTarget(request), request.reason, "pending", "approved");
            return carryOut(action, request, approver, approver, now);
        });
    }

    /** A second admin says no, and why. Nothing is changed but the request. */
    public Result reject(Actor approver, long requestId, long seenVersion, String note) {
        return decide(approver, requestId, seenVersion, "reject", (request, now) -> {
            request.rejected(approver, note, now);
            audit.recorded(approver, auditName(request.kind, "reject"), AuditEntry.Outcome.REJECTED,
                    approvalTarget(request), note, "pending", "rejected");
            return new Result.Rejected(request);
        });
    }

    /** Carries the request out and records what it changed, in the request and in the audit log. */
    private Result carryOut(ValueAction action, ValueRequest request, Actor actor, Actor approver, Instant now) {
        ValueAction.Done done = action.carryOut(request, actor);
        request.done(approver, done.after(), now);
        audit.done(actor, auditName(request.kind, "done"), action.target(request), request.reason
                + (approver == null ? "" : " (asked by " + request.requestedByName + ", request " + request.id + ")"),
                done.before(), done.after());
        return new Result.Done(request, done);
    }

    private interface Decision {
        Result apply(ValueRequest request, Instant now);
    }

    private Result decide(Actor approver, long requestId, long seenVersion, String verb, Decision decision) {
        return retries.inTransaction("value-" + verb, () -> {
            Optional<ValueRequest> found = ValueRequest.findByIdOptional(requestId, LockModeType.PESSIMISTIC_WRITE);
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            ValueRequest request = found.get();
            if (request.version() != seenVersion || !request.isPending()) {
                return new Result.ChangedMeanwhile();
            }
            if (request.requestedBy(approver)) {
                String why = "You asked for this yourself: another admin must decide it.";
                audit.refused(approver, auditName(request.kind, verb), approvalTarget(request), null, why);
                return new Result.Refused(why);
            }
            return decision.apply(request, clock.instant().truncatedTo(ChronoUnit.MICROS));
        });
    }

    /**
     * Whether the request needs a second admin: over the per-action limit, or over the per-day limit together with
     * what the requester did alone in the last 24 hours. The requester's lock for the currency is held.
     */
    private boolean overLimits(Actor requester, ValueRequest request, Instant now) {
        PortalConfig.Limits limit = limits.limits().get(request.currency);
        if (limit == null) {
            return true;
        }
        long doneAlone = ValueRequest.getEntityManager().createQuery("select coalesce(sum(r.amountMinor), 0)"
                        + " from ValueRequest r where r.requestedBySubject = ?1 and r.currency = ?2"
                        + " and r.needsApproval = false and r.status = ?3 and r.requestedAt > ?4", Long.class)
                .setParameter(1, requester.subject()).setParameter(2, request.currency)
                .setParameter(3, ValueRequest.Status.DONE).setParameter(4, now.minus(DAY)).getSingleResult();
        Currency currency = Currency.getInstance(request.currency);
        return request.amountMinor > Money.ofWholeUnits(limit.perAction(), currency).minorUnits()
                || Math.addExact(doneAlone, request.amountMinor) > Money.ofWholeUnits(limit.perDay(), currency)
                        .minorUnits();
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

    public long pendingCount() {
        return ValueRequest.count("status", ValueRequest.Status.PENDING);
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
