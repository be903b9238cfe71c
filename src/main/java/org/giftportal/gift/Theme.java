package org.giftportal.gift;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a gift looks in its email and on its page: a heading and a colour (from configuration). */
public enum Theme {
    BIRTHDAY("Happy birthday!"), THANK_YOU("Thank you!"), CONGRATULATIONS("Congratulations!"),
    SEASONAL("Season's greetings!");

    private final String greeting;

    Theme(String greeting) {
        this.greeting = greeting;
    }

    public String greeting() {
        return greeting;
    }

    /** As staff write it in a form or a file: "thank-you", "Thank you", "THANK_YOU". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label() {
        String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static Optional<Theme> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Arrays.stream(values()).filter(theme -> theme.key().equals(key)).findFirst();
    }
}
