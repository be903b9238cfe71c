package org.giftportal.redeem;

/**
 * A problem in a shopper's words: what happened, what to do, and the help article that solves it.
 *
 * @param status the HTTP status of the page that shows it
 * @param goodNews nothing went wrong for the shopper (the card is in their balance already): shown as information,
 *        not as an error
 */
public record ProblemExplanation(String title, String detail, String helpSlug, String helpLinkText, int status,
        java.time.Duration retryAfter, boolean goodNews) {

    public ProblemExplanation(String title, String detail, String helpSlug, String helpLinkText, int status) {
        this(title, detail, helpSlug, helpLinkText, status, null, false);
    }

    public ProblemExplanation(String title, String detail, String helpSlug, String helpLinkText, int status,
            java.time.Duration retryAfter) {
        this(title, detail, helpSlug, helpLinkText, status, retryAfter, false);
    }

    public String helpUrl() {
        return "/help/" + helpSlug;
    }

    /**
     * Where the shopper asks the retailer to look into it, when only the retailer can: a card someone else redeemed
     * (the case becomes an investigation). Null otherwise.
     */
    public String caseUrl() {
        return !goodNews && "already-redeemed".equals(helpSlug) ? "/support/cases/new?topic=ALREADY_REDEEMED" : null;
    }

    /** What the code field says: its error, or nothing when the news is good (the field holds no mistake). */
    public String fieldError() {
        return goodNews ? "" : title;
    }
}
