package org.giftportal.support;

/**
 * Fired inside the transaction that opened a case, with the rows the confirmation email reports on: the case, and the
 * portal's note about the card if one was looked up.
 */
public record CaseOpened(long accountId, long caseId, String reference, Long cardNoteId) {
}
