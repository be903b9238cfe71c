package org.giftportal.site;

/**
 * What a person typed into a form field, as every form reads it: without the spaces around it, and empty when the
 * field was missing. The one place that says so, instead of a null check and a strip at every field.
 */
public final class Typed {
    private Typed() {
    }

    public static String text(String raw) {
        return raw == null ? "" : raw.strip();
    }
}
