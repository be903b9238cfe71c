package org.giftportal.approvals;

import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;

/**
 * How one kind of value request is carried out, by the feature that owns its rules (the ledger adjusts balances, the
 * card package issues, activates and replaces cards, the till refunds and sells cards). {@link Approvals} decides when;
 * this decides whether, how, and under which rule of four eyes. Every method runs inside the transaction of the
 * request.
 */
public interface ValueAction {

    ValueRequest.Kind kind();

    /** What the request works on, for the audit log. */
    Audit.Target target(ValueRequest request);

    /**
     * Who decides requests of this kind and what one person may do alone. By default: the back office, under its
     * configured limits for the request's currency ({@code backOffice}), counting the request's own amount.
     */
    default Rule rule(ValueRequest request, Limits backOffice) {
        return new Rule(Desk.BACK_OFFICE, backOffice, request.amountMinor, Optional.empty());
    }

    /**
     * Why the request can't be carried out now, if it can't: the facts it needs (a balance that covers a debit, a card
     * still unused), and that the member of staff acting is not the one it benefits (their own account, card or
     * case). Asked when the request is made and again, for whoever carries it out, just before; it locks what
     * {@link #carryOut} will change, so that nothing changes in between.
     */
    Optional<String> problem(ValueRequest request, Actor actor);

    /**
     * Carries the request out, once {@link #problem} found nothing. If it finds it can't after all, it throws
     * {@link NotPossible} before it has written anything: the request is then marked as not done, with the reason.
     */
    Done carryOut(ValueRequest request, Actor actor);

    /**
     * What one person may do alone, in minor units of the request's currency: per request, and over the last 24
     * hours at the same desk (their requests done alone, together).
     */
    record Limits(long perActionMinor, long perDayMinor) {
        /** Every request needs a second person. */
        public static final Limits NONE = new Limits(0, 0);
    }

    /**
     * The four-eyes rule of one request: where it is decided, the limits of whoever asks, what counts against the
     * per-request limit (a refund counts with what was refunded of the same payment before it, so that splitting it
     * gains nothing), and a reason why it needs a second person whatever its amount, if it does.
     */
    record Rule(Desk desk, Limits limits, long counted, Optional<String> secondPersonBecause) {
    }

    /** Found while carrying out, before anything was written: the request can't be done (why, in plain words). */
    final class NotPossible extends RuntimeException {
        public NotPossible(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * What carrying out changed, before and after, for the audit log and the request; and a file handed over once, as
     * the response to the POST that carried it out (a new batch's claim codes), if any. Nothing keeps that file.
     */
    record Done(String before, String after, Optional<Download> handOver) {
        public static Done changed(String before, String after) {
            return new Done(before, after, Optional.empty());
        }
    }

    /**
     * A file for the browser to save, with what was done (in staff words, for the page that hands it over) and the
     * page of what it made, where staff go on from there.
     */
    record Download(String filename, String contentType, byte[] body, String done, String next) {
    }
}
