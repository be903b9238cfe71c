package org.giftportal.web;

import java.time.Duration;

/** What a shopper reads when a page can't be shown: plain words and, where one helps, a next step. */
public record ErrorPage(int status, String title, String message, String incident) {

    static ErrorPage forStatus(int status) {
        return switch (status) {
            case 400 -> new ErrorPage(400, "We couldn't accept that form",
                    "The form was incomplete, had expired, or was sent from another site. Go back, reload the page"
                            + " and try again.", null);
            case 403 -> new ErrorPage(403, "This page isn't available to your account",
                    "You're signed in, but your account doesn't have access to this page. If you think it should,"
                            + " contact support.", null);
            case 404 -> new ErrorPage(404, "We can't find that page",
                    "The link may be out of date or mistyped. Start again from the home page.", null);
            case 405 -> new ErrorPage(405, "That didn't work",
                    "This page can't be used that way. Start again from the home page.", null);
            case 409 -> new ErrorPage(409, "This changed while you were working on it",
                    "Someone else changed the same thing at the same moment, so we didn't save yours. Go back,"
                            + " reload the page to see the latest version, and try again.", null);
            case 411, 413 -> new ErrorPage(status, "That was too much to send",
                    "The form or file you sent is larger than we accept. Send something smaller.", null);
            case 414 -> new ErrorPage(414, "That web address is too long",
                    "The link may have been damaged when it was copied. Go back and follow it again, or start from"
                            + " the home page.", null);
            case 415 -> new ErrorPage(415, "We couldn't read that form",
                    "The form arrived in a format we don't accept. Reload the page and try again.", null);
            case 431 -> new ErrorPage(431, "Your browser sent more than we accept",
                    "Your browser is sending too many cookies for this site. We've asked it to drop the sign-in"
                            + " cookies we no longer need: reload the page. If this page comes back, clear this"
                            + " site's cookies in your browser's settings.", null);
            default -> status >= 500
                    ? new ErrorPage(status, "Something went wrong on our side",
                            "We couldn't finish this. If you were sending a form, it may or may not have gone"
                                    + " through: check your balance or your support case before you send it again.",
                            null)
                    : new ErrorPage(status, "We couldn't do that",
                            "Go back and try again, or start from the home page.", null);
        };
    }

    /** Too many requests in a short time: when to try again, in words. */
    static ErrorPage tooManyRequests(Duration wait) {
        return new ErrorPage(429, "Please slow down",
                "You've sent a lot of requests in a short time. Wait " + inWords(wait) + ", then try again.", null);
    }

    /** The database kept failing and nobody can say for sure whether the work was done. */
    static ErrorPage busy() {
        return new ErrorPage(503, "We're very busy right now",
                "We couldn't finish what you asked, and it may or may not have gone through. Please check your"
                        + " balance or your support case in a minute before you try again.", null);
    }

    ErrorPage withIncident(String incidentId) {
        return new ErrorPage(status, title, message, incidentId);
    }

    /** A wait as the whole seconds of a Retry-After header, rounded up. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    /** "about 2 minutes", "30 seconds": a wait as a shopper would say it. */
    static String inWords(Duration wait) {
        long seconds = retryAfterSeconds(wait);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return "about " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 59) / 60;
        return "about " + hours + (hours == 1 ? " hour" : " hours");
    }
}
