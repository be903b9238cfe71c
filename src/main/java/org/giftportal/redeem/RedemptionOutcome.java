package org.giftportal.redeem;

import org.giftportal.ledger.LedgerEntry;

/** What came of a shopper's attempt to redeem a code: the ledger entry that credited it, or the problem. */
public sealed interface RedemptionOutcome {

    record Redeemed(LedgerEntry entry) implements RedemptionOutcome {
    }

    /** Redeemed, but held for the retailer's check before it is credited (a rule of {@link RiskRules} matched). */
    record HeldForReview(RedemptionReview review) implements RedemptionOutcome {
    }

    /** Nothing moved yet: the shopper reads a scam warning first, and one more press goes on. */
    record WarnFirst(ScamWarnings.Rule rule) implements RedemptionOutcome {
    }

    record Refused(CodeProblem problem) implements RedemptionOutcome {
    }
}
