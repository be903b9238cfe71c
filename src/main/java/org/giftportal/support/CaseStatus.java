package org.giftportal.support;

/** Where a case stands, as the shopper reads it. */
public enum CaseStatus {
    OPEN("Open: we're looking into it"),
    WAITING_ON_CUSTOMER("Waiting on you: please reply"),
    RESOLVED("Resolved"),
    ESCALATED("Escalated to a senior team member");

    private final String label;

    CaseStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
