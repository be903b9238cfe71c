package org.giftportal.redeem;

import java.time.Instant;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;

/** Why a claim code could not be used: from reading it, from the guessing lock, or from the card itself. */
public sealed interface CodeProblem {

    /** Whether the problem counts towards the guessing lock: only look-ups that reached the card store do. */
    default boolean countsAsFailedLookUp() {
        return false;
    }

    record Mistyped(ClaimCode.FormatProblem reason) implements CodeProblem {
    }

    record Locked(Instant until, LockScope scope) implements CodeProblem {
    }

    /** Another look-up of the same account is still running, and didn't end within the wait. */
    record Busy() implements CodeProblem {
    }

    /** The database kept failing; the card is known not to have been credited. */
    record NotDone(java.time.Duration retryAfter) implements CodeProblem {
    }

    record NotFound() implements CodeProblem {
        @Override
        public boolean countsAsFailedLookUp() {
            return true;
        }
    }

    record CardRefused(CardVerdict verdict) implements CodeProblem {
        @Override
        public boolean countsAsFailedLookUp() {
            // Finding your own redeemed card again is no sign of guessing.
            return !(verdict instanceof CardVerdict.AlreadyRedeemedByYou
                    || verdict instanceof CardVerdict.InReviewForYou);
        }
    }
}
