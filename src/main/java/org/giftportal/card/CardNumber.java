package org.giftportal.card;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A card's public identity, printed on the card beside its secret claim code: 16 digits under the retailer's prefix,
 * random, the last a Luhn check digit, so a till or a member of staff who mistypes one digit is told so before anything
 * is looked up. A card number finds, activates or blocks a card; it never redeems or pays anything.
 *
 * <p>The prefix must stay clear of the payment card networks' ranges (ISO/IEC 7812 major industry identifiers 2 to 6:
 * Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro), so a gift card number is never mistaken for a
 * payment card by a till, a fraud filter or a data-loss scanner.
 */
public final class CardNumber {
    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String digits;

    private CardNumber(String digits) {
        this.digits = digits;
    }

    /** A fresh random number under the prefix. */
    public static CardNumber generate(String prefix) {
        checkPrefix(prefix);
        StringBuilder body = new StringBuilder(prefix);
        while (body.length() < LENGTH - 1) {
            body.append(RANDOM.nextInt(10));
        }
        return new CardNumber(body.toString() + checkDigit(body));
    }

    /** Reads a number as typed or scanned: spaces and dashes don't matter; empty if it isn't a valid card number. */
    public static Optional<CardNumber> parse(String input) {
        if (input == null || input.length() > 40) {
            return Optional.empty();
        }
        String digits = input.replaceAll("[\\s-]", "");
        if (digits.length() != LENGTH || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return checkDigit(digits.substring(0, LENGTH - 1)) == digits.charAt(LENGTH - 1) - '0'
                ? Optional.of(new CardNumber(digits)) : Optional.empty();
    }

    /** Refuses a prefix a payment network might issue under (see the class comment), or one that isn't digits. */
    public static void checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[0-9]{1,8}")) {
            throw new IllegalArgumentException("A card number prefix is 1 to 8 digits, not " + prefix);
        }
        if ("23456".indexOf(prefix.charAt(0)) >= 0) {
            throw new IllegalArgumentException("The card number prefix " + prefix
                    + " is in the payment card networks' ranges (2 to 6): choose one starting with 0, 1, 7, 8 or 9");
        }
    }

    /** The Luhn digit that makes the whole number check. */
    static int checkDigit(CharSequence body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    public String digits() {
        return digits;
    }

    /** As printed: four groups of four. */
    public String formatted() {
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8, 12) + " "
                + digits.substring(12);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber number && number.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return formatted();
    }
}
