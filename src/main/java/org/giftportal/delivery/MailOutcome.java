package org.giftportal.delivery;

/**
 * What became of a mail, told in the transaction that records it: sent, refused for good by the receiving mail server
 * (the address doesn't exist, say: trying again would not help), or given up after the last attempt. Features that
 * report on their mails (a gift's email, to the retailer's systems) listen.
 */
public record MailOutcome(long mailId, OutboxMail.Kind kind, Long giftId, Long giftCardId, What what, int attempts,
        String detail) {
    public enum What {
        SENT, REFUSED, GIVEN_UP
    }
}
