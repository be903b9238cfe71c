package org.giftportal.site;

import java.util.regex.Pattern;

/** What the portal takes as an email address it may write to: one @, a dotted domain, nothing a header could abuse. */
public final class EmailAddress {
    /** The longest address a mail server takes (RFC 5321's path limit less its angle brackets). */
    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s\"<>,;]+@[^@\\s\"<>,;]+\\.[^@\\s\"<>,;.]+");

    private EmailAddress() {
    }

    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && SHAPE.matcher(text).matches()
                && text.codePoints().noneMatch(Character::isISOControl);
    }
}
