package org.giftportal.backoffice;

import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;

/**
 * How one kind of value request is carried out, by the feature that owns its rules (the ledger adjusts balances, the
 * card package issues, activates and replaces cards). {@link Approvals} decides when; this decides whether and how.
 * Every method runs inside the transaction of the request.
 */
public interface ValueAction {

    ValueRequest.Kind kind();

    /** What the request works on, for the audit log. */
    Audit.Target target(ValueRequest request);

    /**
     * Why the request can't be carried out now, if it can't: the facts it needs (a balance that covers a debit, a card
     * still unused), and that the member of staff acting is not the one it benefits (their own account, card or
     * case). Asked when the request is made and again, for whoever carries it out, just before. Changes nothing.
     */
    Optional<String> problem(ValueRequest request, Actor actor);

    /** Carries the request out, once {@link #problem} found nothing; locks what it changes. */
    Done carryOut(ValueRequest request, Actor actor);

    /**
     * What carrying out changed, before and after, for the audit log and the request; and a file handed over once, as
     * the response to the POST that carried it out (a new batch's claim codes), if any. Nothing keeps that file.
     */
    record Done(String before, String after, Optional<Download> handOver) {
        public static Done changed(String before, String after) {
            return new Done(before, after, Optional.empty());
        }
    }

    /** A file for the browser to save. */
    record Download(String filename, String contentType, byte[] body) {
    }
}
