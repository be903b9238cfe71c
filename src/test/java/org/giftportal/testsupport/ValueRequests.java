package org.giftportal.testsupport;

import java.sql.SQLException;
import java.util.UUID;
import org.giftportal.approvals.ValueRequest;

/** Value requests as the back office's forms make them, for tests that ask the approval engine directly. */
public final class ValueRequests {
    private ValueRequests() {
    }

    public static ValueRequest of(ValueRequest.Kind kind, String summary) {
        ValueRequest request = new ValueRequest();
        request.kind = kind;
        request.summary = summary;
        request.reason = "A scripted sequence of staff actions.";
        request.requestKey = UUID.randomUUID().toString();
        return request;
    }

    /** A balance adjustment in USD on one of the account's cases: positive credits, negative debits. */
    public static ValueRequest adjust(long accountId, long signedMinor, String caseReference) {
        ValueRequest request = of(ValueRequest.Kind.ADJUSTMENT, "Adjust for the script");
        request.currency = "USD";
        request.accountId = accountId;
        request.signedAmountMinor = signedMinor;
        request.amountMinor = Math.abs(signedMinor);
        request.caseReference = caseReference;
        request.shopperText = "Scripted correction";
        return request;
    }

    /** A replacement of a USD card of this value, as it is now, for the shopper of the case. */
    public static ValueRequest replace(long cardId, long valueMinor, String caseReference) throws SQLException {
        ValueRequest request = of(ValueRequest.Kind.REPLACE, "Replace for the script");
        request.currency = "USD";
        request.amountMinor = valueMinor;
        request.cardId = cardId;
        request.cardVersion = Database.number("SELECT version FROM gift_card WHERE id = ?", cardId);
        request.caseReference = caseReference;
        return request;
    }

    /** A batch of US cards of one value, issued unsold (physical) or active at once (online). */
    public static ValueRequest issue(int count, long valueMinor, boolean physical) {
        ValueRequest request = of(ValueRequest.Kind.ISSUE, "Issue for the script");
        request.currency = "USD";
        request.region = "US";
        request.cardCount = count;
        request.cardValueMinor = valueMinor;
        request.amountMinor = valueMinor * count;
        request.physical = physical;
        request.batchName = "Scripted";
        request.batchReference = "B-SCRIPT-" + UUID.randomUUID().toString().substring(0, 8);
        return request;
    }

    /** Activating the unsold cards of a batch, worth this much together. */
    public static ValueRequest activate(String batchReference, long valueMinor) {
        ValueRequest request = of(ValueRequest.Kind.ACTIVATE, "Activate for the script");
        request.currency = "USD";
        request.amountMinor = valueMinor;
        request.batchReference = batchReference;
        return request;
    }

    /** A shopper's case, opened without a card, as the support form opens one; its reference. */
    public static String caseOf(long accountId) throws SQLException {
        String reference = "GC-T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        Database.update("INSERT INTO support_case (reference, account_id, topic, status, description, created_at,"
                + " updated_at) VALUES (?, ?, 'OTHER', 'OPEN', 'A scripted case.', NOW(6), NOW(6))", reference,
                accountId);
        return reference;
    }

    /** The refunds of a till payment waiting for a second person: id and version of each, oldest first. */
    public static java.util.List<long[]> waitingOnPayment(long payment) throws SQLException {
        java.util.List<long[]> found = new java.util.ArrayList<>();
        for (long id : Database.numbers("SELECT id FROM value_request WHERE till_payment_id = ? AND status = 'PENDING'"
                + " ORDER BY id", payment)) {
            found.add(new long[] {id, Database.number("SELECT version FROM value_request WHERE id = ?", id)});
        }
        return found;
    }
}
