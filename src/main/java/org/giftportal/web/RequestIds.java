package org.giftportal.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one-time id a form carries, so the same form sent twice (a double click, a reload, a retry after a lost answer)
 * does its work once: the second submission finds the first one's result by it.
 */
public final class RequestIds {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RequestIds() {
    }

    /** A new id for a form about to be shown. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** The id a form came back with, or a new one if it brought none that looks like one of ours. */
    public static String orNew(String submitted) {
        return isOurs(submitted) ? submitted : fresh();
    }

    /** Whether a form brought back an id shaped like the ones {@link #fresh()} makes. */
    public static boolean isOurs(String submitted) {
        return submitted != null && FORMAT.matcher(submitted).matches();
    }
}
