package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.Holds;
import org.giftportal.ledger.Ruling;
import org.giftportal.site.PortalConfig;

/**
 * A refund at the till, as a value request of the store's desk: a cashier gives part of a payment taken at their
 * store back to the shopper's balance. Alone up to the store's limit, counted with what was refunded of the same
 * payment before (so five refunds of 100 are what one of 500 is), and within the cashier's daily limit; above either,
 * another cashier of the store approves. Never more than is left of the payment, never to one's own balance.
 */
@ApplicationScoped
public class TillRefunds implements ValueAction {
    private final Holds holds;
    private final Stores stores;
    private final TillWords words;
    private final MailOutbox outbox;
    private final PortalConfig.Till settings;

    TillRefunds(Holds holds, Stores stores, TillWords words, MailOutbox outbox, PortalConfig config) {
        this.holds = holds;
        this.stores = stores;
        this.words = words;
        this.outbox = outbox;
        this.settings = config.till();
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.TILL_REFUND;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Till.target(request.accountId);
    }

    @Override
    public Rule rule(ValueRequest request, Limits backOffice) {
        long refundedBefore = TillPayment.<TillPayment>findByIdOptional(request.tillPaymentId)
                .flatMap(payment -> Capture.ofHold(payment.holdId)).map(capture -> capture.refundedMinor).orElse(0L);
        return new Rule(request.desk(), TillLimits.refunds(settings, request.currency),
                Math.addExact(refundedBefore, request.amountMinor), Optional.empty());
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<TillPayment> payment = paymentAtDesk(request);
        if (payment.isEmpty()) {
            return Optional.of("There is no such payment at this store.");
        }
        if (Till.isOwn(actor, payment.get())) {
            return Optional.of(request.id == null ? "This is your own balance: another cashier refunds it."
                    : "This is your own balance: another person of the store approves its refunds.");
        }
        // Locked until the refund is written: nothing moves what is left of the payment in between.
        Optional<Capture> taken = Capture.<Capture>find("holdId", payment.get().holdId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        return refundProblem(taken, request.amountMinor, store(payment.get()));
    }

    /** Why the amount can't be refunded from this payment's capture as it stands, in the cashier's words. */
    Optional<String> refundProblem(Optional<Capture> taken, long amountMinor, Stores.Store store) {
        if (taken.isEmpty()) {
            return Optional.of("Nothing was taken for this payment, so there is nothing to refund.");
        }
        Capture capture = taken.get();
        if (amountMinor > capture.refundableMinor()) {
            return Optional.of(words.refundTooMuch(capture, amountMinor, store));
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        TillPayment payment = paymentAtDesk(request).orElseThrow();
        Stores.Store store = store(payment);
        Capture capture = Capture.ofHold(payment.holdId).orElseThrow();
        long refundedBefore = capture.refundedMinor;
        Ruling<Holds.Refunded> ruling = holds.refund(capture.id, request.amountMinor, store.name(), request.id);
        if (ruling instanceof Ruling.Refused<Holds.Refunded> refused) {
            throw new NotPossible(words.refusal(refused.why(), store));
        }
        Holds.Refunded done = ((Ruling.Done<Holds.Refunded>) ruling).value();
        Account account = Account.findById(payment.accountId);
        if (account.verifiedEmail().isPresent()) {
            outbox.queue(OutboxMail.to(account.id, OutboxMail.Kind.TILL_REFUND)
                    .aboutLedgerEntry(done.refund().ledgerEntryId));
        }
        return Done.changed("Taken " + words.money(capture.amountMinor, store) + ", refunded "
                + words.money(refundedBefore, store), "Refunded " + words.money(request.amountMinor, store)
                        + " of receipt " + payment.reference + " at " + store.name());
    }

    /** The request's payment, if it was taken at the store whose desk the request is at. */
    private static Optional<TillPayment> paymentAtDesk(ValueRequest request) {
        return request.desk().store().flatMap(store -> TillPayment.atStore(request.tillPaymentId, store));
    }

    private Stores.Store store(TillPayment payment) {
        return stores.find(payment.storeCode).orElseThrow(() -> new IllegalStateException("Store "
                + payment.storeCode + " is no longer configured"));
    }
}
