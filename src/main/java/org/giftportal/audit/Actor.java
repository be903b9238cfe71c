package org.giftportal.audit;

/** The member of staff acting: their identity provider subject, their name, and their own account (if any). */
public record Actor(String subject, String name, Long ownAccountId) {
}
