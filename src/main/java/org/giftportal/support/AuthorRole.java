package org.giftportal.support;

/** Who wrote a message on a case. */
public enum AuthorRole {
    CUSTOMER, SUPPORT, SYSTEM
}
