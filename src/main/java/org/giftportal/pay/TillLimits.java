package org.giftportal.pay;

import java.util.Currency;
import org.giftportal.approvals.ValueAction;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;

/** What one cashier may do alone at the till, in minor units, from the till's configuration. */
final class TillLimits {
    private TillLimits() {
    }

    /** Refunds: up to the store's limit per payment (all its refunds together), and the cashier's daily limit. */
    static ValueAction.Limits refunds(PortalConfig.Till settings, String currency) {
        Long perPayment = settings.refundApprovalAbove().get(currency);
        Long perDay = settings.dailyLimit().get(currency);
        if (perPayment == null || perDay == null) {
            return ValueAction.Limits.NONE;
        }
        return new ValueAction.Limits(minor(perPayment, currency), minor(perDay, currency));
    }

    /** Cards sold: any card's value (the store sells what it stocks), within the cashier's daily limit. */
    static ValueAction.Limits sales(PortalConfig.Till settings, String currency) {
        Long perDay = settings.dailyLimit().get(currency);
        return perDay == null ? ValueAction.Limits.NONE : new ValueAction.Limits(Long.MAX_VALUE, minor(perDay,
                currency));
    }

    private static long minor(long wholeUnits, String currency) {
        return Money.ofWholeUnits(wholeUnits, Currency.getInstance(currency)).minorUnits();
    }
}
