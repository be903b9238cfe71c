package org.giftportal.support;

/** Fired in the transaction where staff answered a case; the shopper's email goes out once it committed. */
record CaseAnswered(String email, String displayName, String reference, String answer, boolean resolved) {
}
