package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardReplaced;
import org.giftportal.card.CardUnblocked;
import org.giftportal.ops.Retries;
import org.giftportal.site.Typed;

/**
 * What staff do on a case, each in one transaction with its audit entry: reply to the shopper (then it waits on them,
 * and they get an email), leave an internal note, take the case, resolve it with an answer, hand it to a senior
 * colleague. On the case as the member of staff saw it (its version), never on their own case; the same form sent
 * twice does its work once.
 */
@ApplicationScoped
public class CaseDesk {
    static final int MAX_TEXT = SupportCases.MAX_DESCRIPTION;
    private final Audit audit;
    private final Retries retries;
    private final Clock clock;
    private final Event<CaseAnswered> answered;

    CaseDesk(Audit audit, Retries retries, Clock clock, Event<CaseAnswered> answered) {
        this.audit = audit;
        this.retries = retries;
        this.clock = clock;
        this.answered = answered;
    }

    /** The staff actions on a case, with their audit log names. */
    public enum Action {
        REPLY("case.reply", true), NOTE("case.note", true), ASSIGN_TO_ME("case.assign", false),
        RESOLVE("case.resolve", true), ESCALATE("case.escalate", true);

        private final String auditName;
        private final boolean needsText;

        Action(String auditName, boolean needsText) {
            this.auditName = auditName;
            this.needsText = needsText;
        }

        public String auditName() {
            return auditName;
        }
    }

    /** What came of an action. */
    public sealed interface Result {
        record Done() implements Result {
        }

        record Refused(String why) implements Result {
        }

        record ChangedMeanwhile() implements Result {
        }

        record NotFound() implements Result {
        }
    }

    /** What is wrong with the text of an action that needs one. */
    public static Optional<String> textProblem(Action action, String text) {
        String body = Typed.text(text);
        if (action.needsText && body.isEmpty()) {
            return Optional.of(switch (action) {
                case REPLY -> "Write the reply before sending it.";
                case NOTE -> "Write the note before saving it.";
                case RESOLVE -> "Write the answer the shopper will read with the resolution.";
                default -> "Say why, in a few words: it goes into the audit log and the case.";
            });
        }
        if (body.length() > MAX_TEXT) {
            return Optional.of("Keep it under " + MAX_TEXT + " characters.");
        }
        return Optional.empty();
    }

    public Result act(Actor actor, Action action, String reference, long seenVersion, String text, String requestId) {
        String body = Typed.text(text);
        return retries.inTransaction("case-desk", () -> {
            Optional<SupportCase> found = SupportCase.find("reference", reference)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            SupportCase supportCase = found.get();
            if (requestId != null && CaseMessage.existsForRequest(supportCase.id, requestId)) {
                return new Result.Done(); // the same form again: done the first time
            }
            if (supportCase.version() != seenVersion) {
                return new Result.ChangedMeanwhile();
            }
            Audit.Target target = Audit.Target.supportCase(supportCase.id, supportCase.reference);
            if (Long.valueOf(supportCase.accountId).equals(actor.ownAccountId())) {
                String refusal = "Staff may not work their own case: ask a colleague.";
                audit.refused(actor, action.auditName(), target, summary(body), refusal);
                return new Result.Refused(refusal);
            }
            Optional<String> notNow = notAllowedNow(supportCase, action);
            if (notNow.isPresent()) {
                audit.refused(actor, action.auditName(), target, summary(body), notNow.get());
                return new Result.Refused(notNow.get());
            }
            String before = describe(supportCase);
            apply(actor, action, supportCase, body, requestId, clock.instant());
            audit.done(actor, action.auditName(), target, summary(body), before, describe(supportCase));
            return new Result.Done();
        });
    }

    private void apply(Actor actor, Action action, SupportCase supportCase, String body, String requestId,
            Instant now) {
        switch (action) {
            case REPLY, RESOLVE -> answer(actor, supportCase, body, action == Action.RESOLVE, requestId, now);
            case NOTE -> CaseMessage.addInternal(supportCase, actor.name(), body, now, requestId);
            case ASSIGN_TO_ME -> supportCase.assignTo(actor.subject(), actor.name(), now);
            case ESCALATE -> {
                supportCase.escalateByStaff(now);
                CaseMessage.addInternal(supportCase, actor.name(), "Escalated to a senior colleague: " + body, now,
                        requestId);
            }
        }
    }

    /** A message to the shopper, on their case page and by email; the case then waits on them (or is resolved). */
    private void answer(Actor actor, SupportCase supportCase, String body, boolean resolves, String requestId,
            Instant now) {
        supportCase.supportReplied(now, resolves);
        CaseMessage message = CaseMessage.add(supportCase, AuthorRole.SUPPORT, actor.name(), body, now, requestId);
        if (supportCase.assignedTo == null) {
            supportCase.assignTo(actor.subject(), actor.name(), now);
        }
        answered.fire(new CaseAnswered(supportCase.accountId, supportCase.id, supportCase.reference, message.id,
                resolves));
    }

    /** A replaced card: the shopper on the case reads what happened (the new code comes in its own email). */
    void onCardReplaced(@Observes CardReplaced replaced) {
        SupportCase.<SupportCase>find("reference", replaced.caseReference()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResultOptional().ifPresent(supportCase -> answer(replaced.actor(), supportCase,
                        "We've replaced your card " + replaced.lost().maskedCode() + ". It can't be used any more."
                                + " Your new card, worth the same, is on its way in a separate email with its claim"
                                + " code. If it hasn't arrived within an hour, check your spam folder, then reply"
                                + " here.", false, null, clock.instant()));
    }

    /** A taken card's value given back as a new card: the shopper on the case reads that its code is on the way. */
    void onCardReissued(@Observes org.giftportal.card.CardReissued reissued) {
        SupportCase.<SupportCase>find("reference", reissued.caseReference()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResultOptional().ifPresent(supportCase -> answer(reissued.actor(), supportCase,
                        "We've looked into card " + reissued.taken().maskedCode() + " and are giving you its value"
                                + " back as a new gift card. Its claim code is on its way in a separate email. If it"
                                + " hasn't arrived within an hour, check your spam folder, then reply here.", false,
                        null, clock.instant()));
    }

    /** An unblocked card: the shoppers whose open cases are about it read that it works again. */
    void onCardUnblocked(@Observes CardUnblocked unblocked) {
        SupportCase.<SupportCase>list("cardCodeHash = ?1 and status <> ?2", unblocked.card().codeHash(),
                CaseStatus.RESOLVED).forEach(supportCase -> answer(unblocked.actor(), supportCase,
                        "We've checked your report about card " + unblocked.card().maskedCode() + " and unblocked it:"
                                + " it can be used again.", false, null, clock.instant()));
    }

    private static Optional<String> notAllowedNow(SupportCase supportCase, Action action) {
        if (action == Action.ESCALATE && (supportCase.status == CaseStatus.ESCALATED
                || supportCase.status == CaseStatus.RESOLVED)) {
            return Optional.of("Only an open case can be escalated.");
        }
        if (action == Action.RESOLVE && supportCase.status == CaseStatus.RESOLVED) {
            return Optional.of("This case is resolved already.");
        }
        return Optional.empty();
    }

    private static String describe(SupportCase supportCase) {
        return "status " + supportCase.status + (supportCase.assignedToName == null ? ", unassigned"
                : ", assigned to " + supportCase.assignedToName);
    }

    /** What the audit log keeps of a message: its beginning (the case keeps all of it). */
    private static String summary(String body) {
        return body.isEmpty() ? null : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
