package org.giftportal.redeem;

import java.time.Instant;
import org.giftportal.ledger.Money;

/** Fired inside the redeeming transaction; observers act only once it committed. Carries no claim code. */
record CardRedeemed(String email, String displayName, String region, Money amount, String maskedCode,
        Money balanceAfter, Instant redeemedAt) {
}
