package org.giftportal.support;

/** Where a case stands: as the shopper reads it, and as support staff do (whose "you" is someone else). */
public enum CaseStatus {
    OPEN("Open: we're looking into it", "Open: needs us"),
    WAITING_ON_CUSTOMER("Waiting on you: please reply", "Waiting for the shopper's reply"),
    RESOLVED("Resolved", "Resolved"),
    ESCALATED("Escalated to a senior team member", "Escalated to a senior team member");

    private final String label;
    private final String staffLabel;

    CaseStatus(String label, String staffLabel) {
        this.label = label;
        this.staffLabel = staffLabel;
    }

    /** The shopper's words. */
    public String label() {
        return label;
    }

    /** Support staff's words. */
    public String staffLabel() {
        return staffLabel;
    }
}
