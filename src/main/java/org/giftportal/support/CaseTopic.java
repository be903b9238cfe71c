package org.giftportal.support;

/** What a case is about: one of the troubleshooting problems, a lost or stolen card, or something else. */
public enum CaseTopic {
    INVALID_CODE("My claim code doesn't work", "invalid-code"),
    ALREADY_REDEEMED("The card says it's already redeemed", "already-redeemed"),
    CODE_LOCKED("Redeeming is paused after too many tries", "claim-code-locked"),
    NOT_ACTIVATED("The card isn't activated", "card-not-activated"),
    WRONG_ACCOUNT("I redeemed a card to the wrong account", "balance-on-wrong-account"),
    REGION("The card is for another country", "region-restrictions"),
    LOST_OR_STOLEN("Report a lost or stolen card", "lost-or-stolen-card"),
    CASH_OUT("Pay my small balance in cash", "balance-in-cash"),
    OTHER("Something else", null);

    private final String label;
    private final String helpSlug;

    CaseTopic(String label, String helpSlug) {
        this.label = label;
        this.helpSlug = helpSlug;
    }

    public String label() {
        return label;
    }

    /** The article that may solve it without a case; null for "something else". */
    public String helpSlug() {
        return helpSlug;
    }

    /** One topic as a form's list offers it. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** The topics a form offers, in order, {@code selected} chosen (its name, or anything else for none). */
    static java.util.List<Choice> choices(String selected, java.util.function.Predicate<CaseTopic> offered) {
        return java.util.Arrays.stream(values()).filter(offered)
                .map(topic -> new Choice(topic.name(), topic.label(), topic.name().equals(selected))).toList();
    }

    public static java.util.Optional<CaseTopic> parse(String value) {
        for (CaseTopic topic : values()) {
            if (topic.name().equals(value)) {
                return java.util.Optional.of(topic);
            }
        }
        return java.util.Optional.empty();
    }
}
