package org.giftportal.card;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A gift card claim code: 15 characters shown as {@code XXXX-XXXXXX-XXXXX}, the last one a check character.
 *
 * <p>The alphabet has no look-alikes: it keeps 0, 1, 5 and 8 and drops O, I, L, S and B, so a shopper who types
 * one of those gets the character they meant. Its 31 symbols are a prime count, which lets the weighted check
 * character catch every single wrong character and every swap of two neighbours before any database look-up.
 *
 * <p>A claim code is a secret: {@link #toString()} never reveals it; only {@link #formatted()} does, for the one
 * moment it is shown to the person who bought it.
 */
public final class ClaimCode {
    static final String ALPHABET = "0123456789ACDEFGHJKMNPQRTUVWXYZ";
    public static final int LENGTH = 15;
    /** Longest input worth reading: the code with dashes and generous spaces. Anything longer is not a code. */
    public static final int MAX_INPUT_LENGTH = 40;
    private static final int BASE = ALPHABET.length();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 15⁻¹ modulo 31: the check character is weighted by its position, 15. */
    private static final int INVERSE_OF_CHECK_WEIGHT = modularInverse(LENGTH);

    private final String value;

    private ClaimCode(String value) {
        this.value = value;
    }

    /** Why a shopper's input is not a claim code, found without looking anything up. */
    public enum FormatProblem {
        EMPTY, TOO_LONG, WRONG_CHARACTERS, WRONG_LENGTH, CHECK_FAILED
    }

    /** The result of reading what a shopper typed: a code, or why it can't be one. */
    public record Parsed(ClaimCode code, FormatProblem problem) {
        public boolean isValid() {
            return code != null;
        }
    }

    /** A fresh random code. */
    public static ClaimCode generate() {
        return fromBody(randomBody(RANDOM));
    }

    static ClaimCode fromBody(String body) {
        return new ClaimCode(body + ALPHABET.charAt(checkIndex(body)));
    }

    static String randomBody(java.util.Random random) {
        StringBuilder body = new StringBuilder(LENGTH - 1);
        for (int i = 0; i < LENGTH - 1; i++) {
            body.append(ALPHABET.charAt(random.nextInt(BASE)));
        }
        return body.toString();
    }

    /**
     * Reads what a shopper typed or pasted: spaces, dashes and case don't matter, and the usual look-alikes
     * (O for 0, I or L for 1, S for 5, B for 8) are read as the character the alphabet has.
     */
    public static Parsed parse(String input) {
        if (input == null || input.isBlank()) {
            return new Parsed(null, FormatProblem.EMPTY);
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            return new Parsed(null, FormatProblem.TOO_LONG);
        }
        StringBuilder normalised = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = Character.toUpperCase(input.charAt(i));
            if (Character.isWhitespace(c) || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2013') {
                continue;
            }
            char read = lookAlike(c);
            if (ALPHABET.indexOf(read) < 0) {
                return new Parsed(null, FormatProblem.WRONG_CHARACTERS);
            }
            normalised.append(read);
        }
        if (normalised.length() != LENGTH) {
            return new Parsed(null, FormatProblem.WRONG_LENGTH);
        }
        String candidate = normalised.toString();
        if (checkIndex(candidate.substring(0, LENGTH - 1)) != ALPHABET.indexOf(candidate.charAt(LENGTH - 1))) {
            return new Parsed(null, FormatProblem.CHECK_FAILED);
        }
        return new Parsed(new ClaimCode(candidate), null);
    }

    private static char lookAlike(char c) {
        return switch (c) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            case 'S' -> '5';
            case 'B' -> '8';
            default -> c;
        };
    }

    /** Σ position·value ≡ 0 (mod 31) over all 15 characters, positions counted from 1. */
    private static int checkIndex(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(body.charAt(i));
        }
        // Solve sum + 15·x ≡ 0 (mod 31): x = -sum · 15⁻¹.
        return Math.floorMod(-sum * INVERSE_OF_CHECK_WEIGHT, BASE);
    }

    private static int modularInverse(int a) {
        for (int x = 1; x < BASE; x++) {
            if ((a * x) % BASE == 1) {
                return x;
            }
        }
        throw new IllegalStateException("no inverse of " + a + " modulo " + BASE);
    }

    /**
     * What goes back into a code field when a form is shown again (a gift email's link, a retry): the code tidied
     * up when it is one, what was typed otherwise, nothing when that is too long to be a code.
     */
    public static String forField(String input) {
        if (input == null) {
            return "";
        }
        Parsed parsed = parse(input);
        if (parsed.isValid()) {
            return parsed.code().formatted();
        }
        String trimmed = input.strip();
        return trimmed.length() > MAX_INPUT_LENGTH ? "" : trimmed;
    }

    /** The code as printed on cards: {@code XXXX-XXXXXX-XXXXX}. Only for showing it to its buyer once. */
    public String formatted() {
        return value.substring(0, 4) + "-" + value.substring(4, 10) + "-" + value.substring(10);
    }

    /** The canonical form the hash is computed over. */
    public String canonical() {
        return value;
    }

    /** The last four characters, the only part of a code the portal keeps and shows. */
    public String lastFour() {
        return value.substring(LENGTH - 4);
    }

    /** How a code is shown after it was used: only its last four characters. */
    public static String masked(String lastFour) {
        return "••••-••••••-•" + lastFour.toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimCode code && code.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never the code: a code must not end up in a log line through string concatenation. */
    @Override
    public String toString() {
        return "ClaimCode[ending " + lastFour() + "]";
    }
}
