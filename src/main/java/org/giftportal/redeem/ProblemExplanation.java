package org.giftportal.redeem;

/**
 * A problem in a shopper's words: what happened, what to do, and the help article that solves it.
 *
 * @param status the HTTP status of the page that shows it
 */
public record ProblemExplanation(String title, String detail, String helpSlug, String helpLinkText, int status,
        java.time.Duration retryAfter) {

    public ProblemExplanation(String title, String detail, String helpSlug, String helpLinkText, int status) {
        this(title, detail, helpSlug, helpLinkText, status, null);
    }

    public String helpUrl() {
        return "/help/" + helpSlug;
    }
}
