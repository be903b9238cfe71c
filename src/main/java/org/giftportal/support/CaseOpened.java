package org.giftportal.support;

/** Fired inside the transaction that opened a case; the confirmation email goes out once it committed. */
record CaseOpened(String email, String displayName, String reference, String topic, String cardNote) {
}
