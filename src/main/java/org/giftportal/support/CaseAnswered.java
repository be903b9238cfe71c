package org.giftportal.support;

/** Fired in the transaction where staff answered (or resolved) a case, with the message the shopper is emailed. */
public record CaseAnswered(long accountId, long caseId, String reference, long messageId, boolean resolved) {
}
