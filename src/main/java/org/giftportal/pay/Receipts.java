package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.site.Money;
import org.giftportal.site.RegionFormats;

/**
 * What a till payment came to, in the store's formats: the cashier's screen and printed receipt, and the shopper's
 * emailed receipt, read the same facts. Nothing of the shopper's beyond this payment and the balance it left.
 */
@ApplicationScoped
public class Receipts {
    private final Stores stores;
    private final RegionFormats formats;
    private final Clock clock;

    Receipts(Stores stores, RegionFormats formats, Clock clock) {
        this.stores = stores;
        this.formats = formats;
        this.clock = clock;
    }

    /** Where a payment stands: held (waiting for the cashier), taken, cancelled, or lapsed. */
    public enum State {
        HELD("Waiting to be taken"), TAKEN("Paid"), CANCELLED("Cancelled"), LAPSED("Ran out");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The state as the till's list of payments says it. */
        public String label() {
            return label;
        }
    }

    /** A refund of the payment, as the receipt lists it. */
    public record RefundLine(long id, String amount, String reason, String status, String askedBy, String decidedBy,
            boolean pending, String when) {
    }

    /** What became of a till request, in the cashier's words. */
    static String status(ValueRequest request) {
        return switch (request.status) {
            case PENDING -> "Waiting for a second person";
            case DONE -> request.kind == ValueRequest.Kind.TILL_REFUND ? "Refunded" : "Sold";
            case REJECTED -> "Turned down";
            case FAILED -> "Could not be done: " + request.outcome;
            case WITHDRAWN -> "Withdrawn";
        };
    }

    /** The refunds asked of a payment, oldest first. */
    static List<ValueRequest> refundsOf(long paymentId) {
        return ValueRequest.list("kind = ?1 and tillPaymentId = ?2 order by id", ValueRequest.Kind.TILL_REFUND,
                paymentId);
    }

    /**
     * The payment's facts, formatted, in the words of a receipt: no account or ledger numbers, which mean nothing to
     * the shopper (staff find a payment by its receipt reference). {@code taken} and {@code remaining} only once it is
     * taken.
     */
    public record Receipt(long id, String reference, String storeName, String when, State state, String held,
            String taken, String stillToPay, String remaining, String cashier,
            String holdEnds, String refundable, boolean canRefund, List<RefundLine> refunds) {
        /** Held and waiting for the cashier to take it or cancel. */
        public boolean waiting() {
            return state == State.HELD;
        }

        public boolean paid() {
            return state == State.TAKEN;
        }

        public boolean cancelled() {
            return state == State.CANCELLED;
        }
    }

    public Receipt of(TillPayment payment) {
        Stores.Store store = stores.find(payment.storeCode).orElseThrow(() -> new IllegalStateException(
                "Store " + payment.storeCode + " is no longer configured"));
        Hold hold = Hold.findById(payment.holdId);
        Optional<Capture> capture = Capture.ofHold(hold.id);
        Optional<LedgerEntry> entry = capture.map(taken -> LedgerEntry.findById(taken.ledgerEntryId));
        State state = capture.isPresent() ? State.TAKEN : switch (hold.status) {
            case ACTIVE -> hold.isCapturable(clock.instant()) ? State.HELD : State.LAPSED;
            case VOIDED -> State.CANCELLED;
            default -> State.LAPSED;
        };
        long paid = capture.map(taken -> taken.amountMinor).orElse(hold.amountMinor);
        String stillToPay = payment.askedMinor == null || payment.askedMinor <= paid ? null
                : money(payment.askedMinor - paid, store);
        List<RefundLine> refunds = refundsOf(payment.id).stream().map(refund -> new RefundLine(refund.id,
                money(refund.amountMinor, store), refund.reason, status(refund), refund.requestedByName,
                refund.decidedByName, refund.isPending(), formats.dateTime(refund.requestedAt, store.region())))
                .toList();
        return new Receipt(payment.id, payment.reference, store.name(), formats.dateTime(capture.map(taken ->
                taken.createdAt).orElse(payment.createdAt), store.region()), state, money(hold.amountMinor, store),
                capture.map(taken -> money(taken.amountMinor, store)).orElse(null), stillToPay, entry.map(e -> formats.money(e.balanceAfter(), store.region())).orElse(null), payment.cashierName,
                formats.dateTime(hold.expiresAt, store.region()),
                capture.map(taken -> money(taken.refundableMinor(), store)).orElse(null),
                capture.map(taken -> taken.refundableMinor() > 0).orElse(false), refunds);
    }

    /** The payment a purchase entry of the ledger came from, if it was made at a till. */
    static Optional<TillPayment> paymentOfPurchase(long ledgerEntryId) {
        return Capture.<Capture>find("ledgerEntryId", ledgerEntryId).firstResultOptional()
                .flatMap(capture -> TillPayment.ofHold(capture.holdId));
    }

    private String money(long minor, Stores.Store store) {
        return formats.money(Money.of(minor, store.currency()), store.region());
    }
}
