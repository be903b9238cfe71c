package org.giftportal.web;

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
            case 413 -> new ErrorPage(413, "That was too much to send",
                    "The form or file you sent is larger than we accept. Send something smaller.", null);
            case 415 -> new ErrorPage(415, "We couldn't read that form",
                    "The form arrived in a format we don't accept. Reload the page and try again.", null);
            default -> status >= 500
                    ? new ErrorPage(status, "Something went wrong on our side",
                            "Nothing was changed. Please try again in a few minutes.", null)
                    : new ErrorPage(status, "We couldn't do that",
                            "Go back and try again, or start from the home page.", null);
        };
    }

    ErrorPage withIncident(String incidentId) {
        return new ErrorPage(status, title, message, incidentId);
    }
}
