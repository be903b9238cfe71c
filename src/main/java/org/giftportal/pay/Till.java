package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardNumber;
import org.giftportal.card.TillSale;
import org.giftportal.card.TillSales;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ledger.Money;
import org.giftportal.ops.Retries;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.RegionFormats;
import org.giftportal.store.Capture;
import org.giftportal.store.Hold;
import org.giftportal.store.Holds;
import org.giftportal.web.Problem;

/**
 * The counter's rules, each in one transaction (again if the database asks): a pay code becomes a store API hold on
 * its balance (at most the shopper's maximum and the available balance), which the cashier takes (a capture: the
 * purchase in the ledger, named after the store) or cancels (a void); refunds of the store's payments, never more than
 * was taken, above the store's limit only with a second person; cards sold at the counter activated. Every step is
 * audited under the cashier's name. Wrong pay codes count against the cashier's till, which locks after a few.
 */
@ApplicationScoped
public class Till {
    /** The client id the till's holds and card sales carry, per store (the API's clients carry theirs). */
    static final String CLIENT_PREFIX = "till:";
    /** No counter payment, refund or card is worth more than this many whole units: a typo, not a sale. */
    static final long MAX_WHOLE_UNITS = 1_000_000;
    private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final PayCodes payCodes;
    private final Holds holds;
    private final TillSales sales;
    private final ClaimGuard guard;
    private final Retries retries;
    private final Audit audit;
    private final MailOutbox outbox;
    private final RegionFormats formats;
    private final Clock clock;
    private final PortalConfig.Till settings;

    Till(PayCodes payCodes, Holds holds, TillSales sales, ClaimGuard guard, Retries retries, Audit audit,
            MailOutbox outbox, RegionFormats formats, Clock clock, PortalConfig config) {
        this.payCodes = payCodes;
        this.holds = holds;
        this.sales = sales;
        this.guard = guard;
        this.retries = retries;
        this.audit = audit;
        this.outbox = outbox;
        this.formats = formats;
        this.clock = clock;
        this.settings = config.till();
    }

    /** What a till action came to: the payment it worked on, or what to tell the cashier at which field. */
    public record Outcome(TillPayment payment, String field, String message) {
        static Outcome of(TillPayment payment) {
            return new Outcome(payment, null, null);
        }

        static Outcome refused(String field, String message) {
            return new Outcome(null, field, message);
        }

        public boolean done() {
            return message == null;
        }
    }

    /** What the cashier typed to take a payment: the code, an amount (or the whole balance), the form's attempt id. */
    public record Charge(String code, String amount, boolean wholeBalance, String attempt) {
    }

    /**
     * Holds what the pay code's balance can pay towards the amount asked. A double-tapped form finds the payment its
     * twin made; any other second use of a code is refused. Nothing is taken yet: see {@link #take}.
     */
    public Outcome hold(Stores.Store store, Actor cashier, Charge charge) {
        Optional<Long> asked = Optional.empty();
        if (!charge.wholeBalance()) {
            Optional<Money> typed = amount(charge.amount(), store);
            if (typed.isEmpty()) {
                return Outcome.refused("amount", "Type the amount the balance should pay, in " + store.currency()
                        + " (such as 25 or 12.50), or tick \u201cUse the whole balance\u201d.");
            }
            asked = typed.map(Money::minorUnits);
        }
        if (charge.code() == null || charge.code().isBlank()) {
            return Outcome.refused("code", "Scan the shopper's pay code, or type its 12 digits.");
        }
        if (!isFormKey(charge.attempt())) {
            return Outcome.refused("code", "This form is out of date. Scan the code again.");
        }
        // A card is never payment at the till: its value is spent once it is in a balance. Neither a card's number
        // nor its claim code is looked up here, nor counted as a wrong pay code.
        String typed = charge.code().replaceAll("[\\s-]", "");
        if (typed.length() == CardNumber.LENGTH && typed.chars().allMatch(Character::isDigit)) {
            return Outcome.refused("code", "That is a gift card's number, and the till takes pay codes only. The"
                    + " shopper adds the card to their balance first (Redeem, on their phone), then shows a pay code.");
        }
        if (!typed.chars().allMatch(Character::isDigit)) {
            return Outcome.refused("code", "A pay code is 12 digits. If that was the code from the back of a gift"
                    + " card, the shopper adds it to their balance first (Redeem, on their phone), then shows a pay"
                    + " code.");
        }
        Optional<Long> amount = asked;
        try {
            return retries.inTransaction("till-hold", () -> holdUnderGuard(store, cashier, charge, amount));
        } catch (Problem.ProblemException refused) {
            return Outcome.refused("code", switch (slug(refused)) {
                case "insufficient-balance" -> "Nothing is available on this balance (any money on it is kept for"
                        + " an order in progress). Take the payment another way.";
                default -> "The balance can't pay this: " + refused.problem().detail();
            });
        }
    }

    private Outcome holdUnderGuard(Stores.Store store, Actor cashier, Charge charge, Optional<Long> asked) {
        String scope = tillScope(store, cashier);
        Optional<Instant> locked = guard.admitScope(scope);
        if (locked.isPresent()) {
            return Outcome.refused("code", lockedMessage(store, locked.get()));
        }
        Optional<PayCode> found = payCodes.find(charge.code());
        if (found.isEmpty()) {
            return Outcome.refused("code", guard.failScope(scope, budget()).map(until -> lockedMessage(store, until))
                    .orElse("That isn't a pay code. Check the 12 digits with the shopper, or ask them to show a new"
                            + " code. Nothing was taken."));
        }
        // The account first, then its code, as the pay page locks them: a new code and a scan never deadlock.
        Account account = Account.lockById(found.get().accountId);
        PayCode code = found.get();
        // Read again, locked: under the account's lock this is the code as the last committed scan left it.
        PayCode.getEntityManager().refresh(code, LockModeType.PESSIMISTIC_WRITE);
        Optional<TillPayment> earlier = TillPayment.ofPayCode(code.id);
        if (earlier.isPresent()) {
            return earlier.get().attemptId.equals(charge.attempt()) && earlier.get().storeCode.equals(store.code())
                    ? Outcome.of(earlier.get())
                    : Outcome.refused("code", "This pay code has been used. Ask the shopper to show a new one.");
        }
        Instant now = now();
        if (!code.isUsable(now)) {
            return Outcome.refused("code", "This pay code has run out (a code works for a couple of minutes, and a"
                    + " new one ends the one before). Ask the shopper to show a new one. Nothing was taken.");
        }
        if (account.id.equals(cashier.ownAccountId())) {
            return Outcome.refused("code", "This is your own balance: another cashier takes your payments.");
        }
        if (!account.currency.equals(store.currency())) {
            return Outcome.refused("code", "This balance is in " + account.currency + " and this store takes "
                    + store.currency() + ": it can only be spent in its own region. Nothing was taken.");
        }
        long wanted = asked.orElse(account.availableMinor());
        if (code.maxMinor != null) {
            wanted = Math.min(wanted, code.maxMinor);
        }
        String reference = reference(store, charge.attempt());
        Holds.Placed placed = holds.place(CLIENT_PREFIX + store.code(), new Holds.HoldRequest(account.subject,
                store.currency(), reference, Math.max(wanted, 1), null), settings.holdLifetime());
        code.usedAt = now;
        TillPayment payment = new TillPayment();
        payment.reference = reference;
        payment.storeCode = store.code();
        payment.payCodeId = code.id;
        payment.attemptId = charge.attempt();
        payment.holdId = placed.hold().id;
        payment.accountId = account.id;
        payment.askedMinor = asked.orElse(null);
        payment.currency = store.currency();
        payment.cashierSubject = cashier.subject();
        payment.cashierName = cashier.name();
        payment.createdAt = now;
        payment.persist();
        audit.done(cashier, "till-hold", target(account), null, null, "Held " + money(placed.hold().amountMinor,
                store) + " at " + store.name() + " for receipt " + reference);
        return Outcome.of(payment);
    }

    /** Takes a held payment: the purchase, with the store's name, and the shopper's receipt by email. */
    public Outcome take(Stores.Store store, Actor cashier, long paymentId) {
        try {
            return onPayment("till-take", store, paymentId, payment -> {
                Holds.Captured captured = holds.capture(payment.holdId, Optional.empty(), store.name());
                Account account = Account.findById(payment.accountId);
                if (account.verifiedEmail().isPresent()) {
                    outbox.queue(OutboxMail.to(account.id, OutboxMail.Kind.TILL_RECEIPT)
                            .aboutLedgerEntry(captured.capture().ledgerEntryId));
                }
                audit.done(cashier, "till-payment", target(account), null, "Held " + money(captured.hold()
                        .amountMinor, store), "Took " + money(captured.capture().amountMinor, store) + " at "
                        + store.name() + " (receipt " + payment.reference + ", ledger entry "
                        + captured.capture().ledgerEntryId + ")");
                return Outcome.of(payment);
            });
        } catch (Problem.ProblemException refused) {
            return switch (slug(refused)) {
                // The twin of a double tap: the payment was taken once, and this is its receipt.
                case "hold-captured" -> Outcome.of(TillPayment.<TillPayment>findById(paymentId));
                case "hold-voided" -> Outcome.refused("payment", "This payment was cancelled: nothing was taken."
                        + " Scan a new pay code to start again.");
                default -> Outcome.refused("payment", "This payment ran out before it was taken (a held payment"
                        + " waits " + minutes(settings.holdLifetime()) + "): nothing was taken. Scan a new pay code.");
            };
        }
    }

    /** Cancels a held payment: the balance gets back what it kept aside. */
    public Outcome cancel(Stores.Store store, Actor cashier, long paymentId) {
        try {
            return onPayment("till-cancel", store, paymentId, payment -> {
                Hold hold = holds.voidHold(payment.holdId);
                audit.done(cashier, "till-cancel", target(Account.findById(hold.accountId)), null, "Held "
                        + money(hold.amountMinor, store), "Cancelled at " + store.name() + " (receipt "
                        + payment.reference + "): nothing taken");
                return Outcome.of(payment);
            });
        } catch (Problem.ProblemException refused) {
            return slug(refused).equals("hold-captured")
                    ? Outcome.refused("payment", "This payment was taken already. To give money back, refund it.")
                    : Outcome.of(TillPayment.<TillPayment>findById(paymentId));
        }
    }

    /** What the cashier typed to refund: an amount, why, and the form's key (the same form sent twice asks once). */
    public record RefundAsked(String amount, String reason, String key) {
    }

    /** Refunds part of a payment taken at this store, at once up to the store's limit, else once approved. */
    public Outcome refund(Stores.Store store, Actor cashier, long paymentId, RefundAsked asked) {
        Optional<Money> amount = amount(asked.amount(), store);
        if (amount.isEmpty()) {
            return Outcome.refused("refund-amount", "Type the amount to give back to the balance, in "
                    + store.currency() + ", such as 10 or 4.99.");
        }
        String reason = asked.reason() == null ? "" : asked.reason().strip();
        if (reason.length() < 3 || reason.length() > 300 || reason.codePoints().anyMatch(Character::isISOControl)) {
            return Outcome.refused("refund-reason", "Say why, in a few words (3 to 300 characters): what was"
                    + " returned, for example.");
        }
        if (!isFormKey(asked.key())) {
            return Outcome.refused("refund-amount", "This form is out of date. Open the receipt again.");
        }
        try {
            // The payment's row locked first: the twin of a double-sent form waits, then finds the refund it asked.
            return onPayment("till-refund", store, paymentId, payment -> {
                if (TillRefund.byKey(asked.key()).isPresent()) {
                    return Outcome.of(payment);
                }
                Optional<Capture> taken = Capture.ofHold(payment.holdId);
                if (taken.isEmpty()) {
                    return Outcome.refused("refund-amount", "Nothing was taken for this payment, so there is"
                            + " nothing to refund.");
                }
                if (isOwn(cashier, payment)) {
                    return Outcome.refused("refund-amount", "This is your own balance: another cashier refunds it.");
                }
                long minor = amount.get().minorUnits();
                if (minor > taken.get().refundableMinor()) {
                    return Outcome.refused("refund-amount", "At most " + money(taken.get().refundableMinor(), store)
                            + " of this payment can still be refunded.");
                }
                TillRefund refund = TillRefund.asked(payment, minor, reason, needsApproval(store, minor), asked.key(),
                        cashier, now());
                refund.persist();
                if (refund.needsApproval) {
                    audit.recorded(cashier, "till-refund", org.giftportal.audit.AuditEntry.Outcome.REQUESTED,
                            target(Account.findById(payment.accountId)), reason, null, "Asked to refund "
                                    + money(minor, store) + " of receipt " + payment.reference
                                    + " (waits for a second person)");
                } else {
                    carryOut(refund, payment, store, cashier, null);
                }
                return Outcome.of(payment);
            });
        } catch (Problem.ProblemException refused) {
            return Outcome.refused("refund-amount", refused.problem().detail());
        }
    }

    /** A second person of the store approves or rejects a refund above the limit; never whoever asked. */
    public Outcome decide(Stores.Store store, Actor decider, long refundId, boolean approve) {
        try {
            return retries.inTransaction("till-refund-decide", () -> {
                Optional<TillRefund> found = TillRefund.lock(refundId);
                Optional<TillPayment> payment = found.flatMap(refund -> TillPayment.atStore(refund.paymentId,
                        store.code()));
                if (payment.isEmpty()) {
                    return Outcome.refused("refund", "There is no such refund at this store.");
                }
                TillRefund refund = found.get();
                if (refund.status != TillRefund.Status.PENDING) {
                    return Outcome.refused("refund", "This refund was " + (refund.status == TillRefund.Status.DONE
                            ? "done" : "turned down") + " already.");
                }
                if (refund.askedBy(decider)) {
                    audit.refused(decider, "till-refund", target(Account.findById(payment.get().accountId)),
                            refund.reason, "Asked by the same person: a second person decides");
                    return Outcome.refused("refund", "You asked for this refund: another person of the store"
                            + " approves it.");
                }
                if (isOwn(decider, payment.get())) {
                    return Outcome.refused("refund", "This is your own balance: another person approves it.");
                }
                if (approve) {
                    carryOut(refund, payment.get(), store, decider, decider);
                } else {
                    refund.rejected(decider, now());
                    audit.recorded(decider, "till-refund", org.giftportal.audit.AuditEntry.Outcome.REJECTED,
                            target(Account.findById(payment.get().accountId)), refund.reason, null, "Turned down a"
                                    + " refund of " + money(refund.amountMinor, store) + " asked by "
                                    + refund.requestedByName);
                }
                return Outcome.of(payment.get());
            });
        } catch (Problem.ProblemException refused) {
            return Outcome.refused("refund", refused.problem().detail());
        }
    }

    /** Works on one of this store's payments, its row locked, in a transaction; another store's is not found. */
    private Outcome onPayment(String operation, Stores.Store store, long paymentId,
            java.util.function.Function<TillPayment, Outcome> work) {
        return retries.inTransaction(operation, () -> TillPayment.lockAtStore(paymentId, store.code()).map(work)
                .orElseGet(() -> Outcome.refused("payment", "There is no such payment at this store.")));
    }

    private static boolean isOwn(Actor actor, TillPayment payment) {
        return actor.ownAccountId() != null && actor.ownAccountId() == payment.accountId;
    }

    private void carryOut(TillRefund refund, TillPayment payment, Stores.Store store, Actor actor, Actor approver) {
        Capture capture = Capture.ofHold(payment.holdId).orElseThrow();
        Holds.Refunded done = holds.refund(capture.id, refund.amountMinor, store.name());
        refund.done(done.refund().id, approver, now());
        Account account = Account.findById(payment.accountId);
        if (account.verifiedEmail().isPresent()) {
            outbox.queue(OutboxMail.to(account.id, OutboxMail.Kind.TILL_REFUND)
                    .aboutLedgerEntry(done.refund().ledgerEntryId));
        }
        audit.recorded(actor, "till-refund", approver == null ? org.giftportal.audit.AuditEntry.Outcome.DONE
                : org.giftportal.audit.AuditEntry.Outcome.APPROVED, target(account), refund.reason,
                "Taken " + money(capture.amountMinor, store) + ", refunded " + money(capture.refundedMinor
                        - refund.amountMinor, store), "Refunded " + money(refund.amountMinor, store) + " of receipt "
                        + payment.reference + " at " + store.name() + (approver == null ? "" : " (asked by "
                                + refund.requestedByName + ")"));
    }

    /** What the cashier typed to activate a card sold at the counter. */
    public record CardSale(String cardNumber, String amount, String attempt) {
    }

    /** A card activated, or why not. */
    public record Activation(Optional<org.giftportal.card.GiftCard> card, String field, String message) {
    }

    /** Activates a physical card the store just sold: its number, and what the customer paid (its value). */
    public Activation activate(Stores.Store store, Actor cashier, CardSale sale) {
        if (CardNumber.parse(sale.cardNumber()).isEmpty()) {
            return new Activation(Optional.empty(), "card-number", "Type or scan the 16-digit number printed on the"
                    + " card (not the code under the scratch strip).");
        }
        Optional<Money> paid = amount(sale.amount(), store);
        if (paid.isEmpty()) {
            return new Activation(Optional.empty(), "card-amount", "Type what the customer paid for the card, in "
                    + store.currency() + ".");
        }
        if (!isFormKey(sale.attempt())) {
            return new Activation(Optional.empty(), "card-number", "This form is out of date. Scan the card again.");
        }
        String reference = reference(store, sale.attempt());
        return retries.inTransaction("till-activate", () -> {
            TillSales.Outcome outcome = sales.activate(CLIENT_PREFIX + store.code(), new TillSales.Sale(
                    sale.cardNumber(), paid.get().minorUnits(), store.currency(), reference));
            if (outcome.refusal().isPresent()) {
                Optional<TillSale> twin = TillSale.find("storeReference = ?1 and status = ?2", reference,
                        TillSale.Status.ACTIVE).firstResultOptional();
                if (twin.isPresent()) {
                    return new Activation(Optional.of(org.giftportal.card.GiftCard.findById(twin.get().giftCardId)),
                            null, null);
                }
                return new Activation(Optional.empty(), outcome.refusal().get().type().equals("amount-mismatch")
                        ? "card-amount" : "card-number", activationRefusal(outcome.refusal().get(), store,
                                sale.cardNumber()));
            }
            org.giftportal.card.GiftCard card = outcome.card().orElseThrow();
            audit.done(cashier, "till-activate", Audit.Target.card(card.id, card.cardNumber), null, "Unsold",
                    "Active: sold at " + store.name() + " for " + money(card.amountMinor, store) + " (" + reference
                            + ")");
            return new Activation(Optional.of(card), null, null);
        });
    }

    private String activationRefusal(TillSales.Refusal refusal, Stores.Store store, String cardNumber) {
        return switch (refusal.type()) {
            case "card-not-found" -> "No card has this number. Check it against the card.";
            case "card-not-unsold" -> "This card can't be sold: " + refusal.detail();
            case "currency-mismatch" -> "This card is for another region: " + refusal.detail();
            case "amount-mismatch" -> "This card is worth " + org.giftportal.card.GiftCard.<org.giftportal.card
                    .GiftCard>find("cardNumber", CardNumber.parse(cardNumber).orElseThrow().digits()).firstResultOptional()
                    .map(card -> money(card.amountMinor, store)).orElse("another amount") + ". Check the amount the"
                    + " customer paid.";
            default -> refusal.detail();
        };
    }

    /** Whether the till of this cashier at this store is locked now, and until when. */
    public Optional<String> lock(Stores.Store store, Actor cashier) {
        return guard.lockedUntil(tillScope(store, cashier)).map(until -> lockedMessage(store, until));
    }

    /** An amount the cashier typed, in the store's currency; empty if it isn't one. */
    private static Optional<Money> amount(String typed, Stores.Store store) {
        return Money.parse(typed, store.region().currency(), MAX_WHOLE_UNITS);
    }

    /** The id a till form carries (a UUID made when the page was drawn): its twin, sent again, carries the same. */
    private static boolean isFormKey(String key) {
        return key != null && key.matches("[0-9a-f-]{36}");
    }

    /** The receipt number of a form's sale or payment: the store and the form's id, the same for its twin. */
    private static String reference(Stores.Store store, String formKey) {
        return store.code().toUpperCase(Locale.ROOT) + "-" + formKey.replace("-", "").substring(0, 10)
                .toUpperCase(Locale.ROOT);
    }

    private boolean needsApproval(Stores.Store store, long minor) {
        Long above = settings.refundApprovalAbove().get(store.currency());
        return above == null || minor > store.region().minorUnits(above);
    }

    private ClaimGuard.Budget budget() {
        return new ClaimGuard.Budget(settings.maxWrongCodes(), settings.wrongCodeWindow(), settings.lockDuration());
    }

    private String lockedMessage(Stores.Store store, Instant until) {
        return "Too many wrong pay codes: this till takes no pay codes until " + LOCK_TIME.format(until.atZone(
                store.region().timeZone())) + ". Nothing was taken. Take the payment another way, or ask the shopper"
                + " to read the code aloud when the till opens again.";
    }

    /** The guard's scope of one cashier at one store: a hash, as scope keys are short and subjects may not be. */
    private static String tillScope(Stores.Store store, Actor cashier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((store.code() + "\n" + cashier.subject())
                    .getBytes(StandardCharsets.UTF_8));
            return "till:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Audit.Target target(Account account) {
        return Audit.Target.account(account.id, maskedAccount(account.id));
    }

    /** How a receipt and the audit log name a balance to whoever stands at the counter: never a name or an email. */
    static String maskedAccount(long accountId) {
        String digits = String.format(Locale.ROOT, "%04d", accountId % 10_000);
        return "Balance \u2022\u2022\u2022\u2022 " + digits;
    }

    private String money(long minor, Stores.Store store) {
        return formats.money(Money.of(minor, store.currency()), store.region());
    }

    private static String slug(Problem.ProblemException refused) {
        String type = refused.problem().type();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private static String minutes(java.time.Duration duration) {
        return duration.toMinutes() + " minutes";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
