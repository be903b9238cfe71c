package org.giftportal.gift;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.site.Region;

/**
 * The rules of one gift as staff type it (in the form, or as a line of an uploaded file): each problem said the way
 * the admin fixes it. The same rules for both, so a file never lets through what the form refuses.
 */
final class GiftLines {
    static final int MAX_NAME = 100;
    /** A gift is delivered within a year; a later date is almost always a typo. */
    static final Duration FURTHEST = Duration.ofDays(366);
    /** A time typed as "now" a minute ago is not in the past. */
    private static final Duration GRACE = Duration.ofMinutes(5);
    /** A date alone is delivered in the morning of that day. */
    private static final LocalTime MORNING = LocalTime.of(9, 0);

    private GiftLines() {
    }

    /** A gift as typed: every field text. */
    record Typed(String recipientName, String recipientEmail, String amount, String message, String senderName,
            String deliverAt, String theme) {
    }

    /** A gift that passed every rule, in the values it is stored with. */
    record Valid(String recipientName, String recipientEmail, long amountMinor, String message, String senderName,
            Instant deliverAt, Theme theme) {
        /** What makes two lines of a file the same gift twice. */
        String sameness() {
            return recipientEmail.toLowerCase(Locale.ROOT) + "\n" + amountMinor + "\n" + message.strip() + "\n"
                    + recipientName.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** A valid gift, or what is wrong with it. */
    record Checked(Optional<Valid> gift, String problem) {
        static Checked wrong(String problem) {
            return new Checked(Optional.empty(), problem);
        }
    }

    static Checked check(Typed typed, Region region, ZoneId zone, Instant now) {
        String recipientName = strip(typed.recipientName());
        if (recipientName.isEmpty() || recipientName.length() > MAX_NAME) {
            return Checked.wrong("Give the recipient's name (up to " + MAX_NAME + " characters).");
        }
        if (hasControlCharacters(recipientName)) {
            return Checked.wrong("The recipient's name holds control characters: type it as plain text.");
        }
        String email = strip(typed.recipientEmail());
        if (!isEmailAddress(email)) {
            return Checked.wrong(email.isEmpty() ? "Give the recipient's email address."
                    : "\"" + shorten(email) + "\" is not an email address.");
        }
        Optional<Long> amount = wholeUnits(typed.amount());
        if (amount.isEmpty() || amount.get() < region.minDenomination() || amount.get() > region.maxDenomination()) {
            return Checked.wrong("The amount must be a whole number from " + region.minDenomination() + " to "
                    + region.maxDenomination() + " " + region.currency().getCurrencyCode() + (strip(typed.amount())
                            .isEmpty() ? "." : ", not \"" + shorten(strip(typed.amount())) + "\"."));
        }
        String message = typed.message() == null ? "" : typed.message().replace("\r\n", "\n").replace('\r', '\n')
                .strip();
        if (message.codePointCount(0, message.length()) > Gift.MAX_MESSAGE) {
            return Checked.wrong("The message has " + message.codePointCount(0, message.length())
                    + " characters: shorten it to " + Gift.MAX_MESSAGE + ".");
        }
        if (message.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return Checked.wrong("The message holds control characters: keep it to plain text.");
        }
        String senderName = strip(typed.senderName());
        if (senderName.isEmpty() || senderName.length() > MAX_NAME) {
            return Checked.wrong("Say who the gift is from (up to " + MAX_NAME + " characters).");
        }
        if (hasControlCharacters(senderName)) {
            return Checked.wrong("The sender's name holds control characters: type it as plain text.");
        }
        Optional<Theme> theme = Theme.parse(typed.theme());
        if (theme.isEmpty()) {
            return Checked.wrong((strip(typed.theme()).isEmpty() ? "Choose a theme" : "\""
                    + shorten(strip(typed.theme())) + "\" is not a theme") + ": birthday, thank-you, congratulations"
                    + " or seasonal.");
        }
        Optional<Instant> deliverAt = deliveryTime(typed.deliverAt(), zone, now);
        if (deliverAt.isEmpty()) {
            return Checked.wrong("Give the delivery time as 2026-12-24 09:00 (in " + zone.getId() + "), or leave it"
                    + " empty to send the gift now.");
        }
        if (deliverAt.get().isBefore(now.minus(GRACE))) {
            return Checked.wrong("The delivery time " + strip(typed.deliverAt()) + " (" + zone.getId() + ") is in the"
                    + " past: give a later one, or leave it empty to send the gift now.");
        }
        if (deliverAt.get().isAfter(now.plus(FURTHEST))) {
            return Checked.wrong("The delivery time is more than a year away: gifts are sent within a year.");
        }
        Instant when = deliverAt.get().isBefore(now) ? now : deliverAt.get();
        return new Checked(Optional.of(new Valid(recipientName, email, region.minorUnits(amount.get()), message,
                senderName, when, theme.get())), null);
    }

    static boolean isEmailAddress(String text) {
        return org.giftportal.site.EmailAddress.isValid(text);
    }

    /** Names go into an email's subject and headers, where a line break or other control character never belongs. */
    private static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    /** "25" or "25.00"; empty for anything else (a fraction of a unit, a sign, letters). */
    private static Optional<Long> wholeUnits(String text) {
        String amount = strip(text);
        if (!amount.matches("[0-9]{1,9}(\\.0{1,2})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(amount).longValueExact());
    }

    /** Empty is now; otherwise a local date and time (or a date: its morning) in the sender's zone. */
    private static Optional<Instant> deliveryTime(String text, ZoneId zone, Instant now) {
        String when = strip(text);
        if (when.isEmpty()) {
            return Optional.of(now);
        }
        try {
            if (when.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(when).atTime(MORNING).atZone(zone).toInstant());
            }
            if (when.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}")) {
                return Optional.of(LocalDateTime.parse(when.replace(' ', 'T')).atZone(zone).toInstant());
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String strip(String text) {
        return org.giftportal.site.Typed.text(text);
    }

    /** A bad value quoted back, never so long that the report becomes unreadable. */
    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
