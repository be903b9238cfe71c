package org.giftportal.approvals;

import java.util.Optional;

/**
 * Where a value request is decided, and whose limits it is held to: the back office (another admin approves, under
 * the back office's limits), or one store's till (another cashier of that store approves, under the till's limits).
 * A member of staff decides only at their own desk: a cashier never sees the back office's requests or another
 * store's, an admin never a till's.
 */
public record Desk(String key) {
    public static final Desk BACK_OFFICE = new Desk("backoffice");
    private static final String TILL = "till:";

    public static Desk till(String storeCode) {
        return new Desk(TILL + storeCode);
    }

    /** The store whose till this desk is, if it is one. */
    public Optional<String> store() {
        return key.startsWith(TILL) ? Optional.of(key.substring(TILL.length())) : Optional.empty();
    }
}
