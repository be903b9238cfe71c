package org.giftportal.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.giftportal.account.Account;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.Holds;
import org.giftportal.ledger.Refund;

/** What the store API answers, as JSON: amounts in minor units with their ISO currency, times in UTC. */
public final class StoreViews {
    private StoreViews() {
    }

    @Schema(description = "A shopper's balance: all of it, what holds keep aside, and what is available.")
    public record Balance(String account, String currency, long balance, long held, long available) {
        static Balance of(Account account) {
            return new Balance(account.subject, account.currency, account.balanceMinor, account.heldMinor,
                    account.availableMinor());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A hold on a balance for one store order.")
    public record HoldView(long id,
            @Schema(enumeration = { "active", "captured", "voided", "expired" }) String status,
            String account, String currency, String orderReference,
            @Schema(description = "What the balance was asked to pay: the amount, or the eligible line items") long eligible,
            @Schema(description = "What is held: the eligible amount capped by the available balance") long amount,
            boolean partial, Instant expiresAt, Instant createdAt, Instant endedAt, Long captureId,
            @Schema(description = "On creation: the order's whole amount") Long orderTotal,
            @Schema(description = "On creation: what another payment method must pay") Long remainingToPay,
            @Schema(description = "On creation: line items in restricted categories, never paid from the balance")
            List<Holds.LineItem> excludedItems) {
        static HoldView of(Hold hold, String subject, Long captureId) {
            return new HoldView(hold.id, hold.status.name().toLowerCase(Locale.ROOT), subject, hold.currency,
                    hold.orderReference, hold.requestedMinor, hold.amountMinor, hold.amountMinor < hold.requestedMinor,
                    hold.expiresAt, hold.createdAt, hold.endedAt, captureId, null, null, null);
        }

        static HoldView placed(Holds.Placed placed, String subject) {
            HoldView view = of(placed.hold(), subject, null);
            return new HoldView(view.id, view.status, view.account, view.currency, view.orderReference, view.eligible,
                    view.amount, view.partial, view.expiresAt, view.createdAt, view.endedAt, null,
                    placed.orderTotal(), placed.orderTotal() - placed.hold().amountMinor, placed.excludedItems());
        }
    }

    @Schema(description = "A part of a capture given back to the balance.")
    public record RefundView(long id, long captureId, String currency, long amount, Instant createdAt) {
        static RefundView of(Refund refund, String currency) {
            return new RefundView(refund.id, refund.captureId, currency, refund.amountMinor, refund.createdAt);
        }
    }

    @Schema(description = "A captured hold: a purchase paid from the balance, and its refunds.")
    public record CaptureView(long id, long holdId, String account, String currency, String orderReference, long amount,
            @Schema(description = "What the hold kept aside beyond the capture, given back") long released,
            long refunded, long refundable, Instant createdAt, List<RefundView> refunds) {
        static CaptureView of(Capture capture, Hold hold, String subject) {
            return of(capture, hold, subject, Refund.ofCapture(capture.id).stream()
                    .map(refund -> RefundView.of(refund, capture.currency)).toList());
        }

        /** A capture just made: it has no refunds yet, so none are looked for. */
        static CaptureView made(Capture capture, Hold hold, String subject) {
            return of(capture, hold, subject, List.of());
        }

        private static CaptureView of(Capture capture, Hold hold, String subject, List<RefundView> refunds) {
            return new CaptureView(capture.id, hold.id, subject, capture.currency, hold.orderReference,
                    capture.amountMinor, hold.amountMinor - capture.amountMinor, capture.refundedMinor,
                    capture.refundableMinor(), capture.createdAt, refunds);
        }
    }
}
