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
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardNumber;
import org.giftportal.card.GiftCard;
import org.giftportal.card.TillSales;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.Holds;
import org.giftportal.site.Money;
import org.giftportal.ledger.Refusal;
import org.giftportal.ledger.Ruling;
import org.giftportal.ops.Retries;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Typed;

/**
 * The counter's rules, each in one transaction (again if the database asks): a pay code becomes a hold on its balance
 * (at most the shopper's maximum and the available balance), which the cashier takes (a capture: the purchase in the
 * ledger, named after the store) or cancels (a void). Refunds of the store's payments and cards sold at the counter
 * are value requests of the store's desk ({@link TillRefunds}, {@link TillCardSales}): done at once within the
 * cashier's limits, otherwise approved by a second person of the store. Every step is audited under the cashier's
 * name. Wrong pay codes count against the cashier's till, which locks after a few.
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
    private final Approvals approvals;
    private final ClaimGuard guard;
    private final Retries retries;
    private final Audit audit;
    private final MailOutbox outbox;
    private final TillWords words;
    private final TillRefunds refunds;
    private final Clock clock;
    private final PortalConfig.Till settings;

    Till(PayCodes payCodes, Holds holds, Approvals approvals, ClaimGuard guard, Retries retries, Audit audit,
            MailOutbox outbox, TillWords words, TillRefunds refunds, Clock clock, PortalConfig config) {
        this.payCodes = payCodes;
        this.holds = holds;
        this.approvals = approvals;
        this.guard = guard;
        this.retries = retries;
        this.audit = audit;
        this.outbox = outbox;
        this.words = words;
        this.refunds = refunds;
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
        return retries.inTransaction("till-hold", () -> holdUnderGuard(store, cashier, charge, amount));
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
        // An amount, never line items: the cashier has already left restricted items out of it.
        Ruling<Holds.Placed> ruling = holds.place(client(store), new Holds.HoldRequest(account.subject,
                store.currency(), reference, Math.max(wanted, 1), null), settings.holdLifetime(), region -> Set.of());
        if (ruling instanceof Ruling.Refused<Holds.Placed> refused) {
            return Outcome.refused("code", words.refusal(refused.why(), store));
        }
        Holds.Placed placed = ((Ruling.Done<Holds.Placed>) ruling).value();
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
        audit.done(cashier, "till-hold", target(account.id), null, null, "Held " + words.money(placed.hold()
                .amountMinor, store) + " at " + store.name() + " for receipt " + reference);
        return Outcome.of(payment);
    }

    /** Takes a held payment: the purchase, with the store's name, and the shopper's receipt by email. */
    public Outcome take(Stores.Store store, Actor cashier, long paymentId) {
        return onPayment("till-take", store, paymentId, payment -> {
            Ruling<Holds.Captured> ruling = holds.capture(payment.holdId, Optional.empty(), store.name());
            if (ruling instanceof Ruling.Refused<Holds.Captured> refused) {
                // The twin of a double tap finds the payment taken once: this is its receipt.
                return isTaken(refused.why()) ? Outcome.of(payment)
                        : Outcome.refused("payment", words.refusal(refused.why(), store));
            }
            Holds.Captured captured = ((Ruling.Done<Holds.Captured>) ruling).value();
            Account account = Account.findById(payment.accountId);
            if (account.verifiedEmail().isPresent()) {
                outbox.queue(OutboxMail.to(account.id, OutboxMail.Kind.TILL_RECEIPT)
                        .aboutLedgerEntry(captured.capture().ledgerEntryId));
            }
            audit.done(cashier, "till-payment", target(account.id), null, "Held " + words.money(captured.hold()
                    .amountMinor, store), "Took " + words.money(captured.capture().amountMinor, store) + " at "
                    + store.name() + " (receipt " + payment.reference + ", ledger entry "
                    + captured.capture().ledgerEntryId + ")");
            return Outcome.of(payment);
        });
    }

    /** Cancels a held payment: the balance gets back what it kept aside. */
    public Outcome cancel(Stores.Store store, Actor cashier, long paymentId) {
        return onPayment("till-cancel", store, paymentId, payment -> {
            Ruling<Hold> ruling = holds.voidHold(payment.holdId);
            if (ruling instanceof Ruling.Refused<Hold> refused) {
                // Cancelled or lapsed already: the payment page says so. Taken: only a refund gives money back.
                return isTaken(refused.why()) ? Outcome.refused("payment", words.refusal(refused.why(), store))
                        : Outcome.of(payment);
            }
            Hold hold = ((Ruling.Done<Hold>) ruling).value();
            audit.done(cashier, "till-cancel", target(hold.accountId), null, "Held " + words.money(hold.amountMinor,
                    store), "Cancelled at " + store.name() + " (receipt " + payment.reference + "): nothing taken");
            return Outcome.of(payment);
        });
    }

    private static boolean isTaken(Refusal refusal) {
        return refusal instanceof Refusal.HoldEnded ended && ended.status() == Hold.Status.CAPTURED;
    }

    /** What the cashier typed to refund: an amount, why, and the form's key (the same form sent twice asks once). */
    public record RefundAsked(String amount, String reason, String key) {
    }

    /**
     * Asks to refund part of a payment taken at this store: done at once within the cashier's limits (the payment's
     * refunds together, and their day's), otherwise waiting for a second person of the store. The same form sent twice
     * asks once.
     */
    public Outcome refund(Stores.Store store, Actor cashier, long paymentId, RefundAsked asked) {
        Optional<Money> amount = amount(asked.amount(), store);
        if (amount.isEmpty()) {
            return Outcome.refused("refund-amount", "Type the amount to give back to the balance, in "
                    + store.currency() + ", such as 10 or 4.99.");
        }
        String reason = Typed.text(asked.reason());
        if (reason.length() < 3 || reason.length() > 300 || reason.codePoints().anyMatch(Character::isISOControl)) {
            return Outcome.refused("refund-reason", "Say why, in a few words (3 to 300 characters): what was"
                    + " returned, for example.");
        }
        if (!isFormKey(asked.key())) {
            return Outcome.refused("refund-amount", "This form is out of date. Open the receipt again.");
        }
        Optional<TillPayment> found = retries.inTransaction("till-payment", () -> TillPayment.atStore(paymentId,
                store.code()));
        if (found.isEmpty()) {
            return Outcome.refused("payment", "There is no such payment at this store.");
        }
        TillPayment payment = found.get();
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.TILL_REFUND;
        request.desk = Desk.till(store.code()).key();
        request.currency = store.currency();
        request.amountMinor = amount.get().minorUnits();
        request.summary = "Refund " + words.money(request.amountMinor, store) + " of receipt " + payment.reference;
        request.reason = reason;
        request.requestKey = asked.key();
        request.tillPaymentId = payment.id;
        request.accountId = payment.accountId;
        Approvals.Result result = approvals.request(cashier, request);
        if (result instanceof Approvals.Result.Refused refused) {
            return Outcome.refused("refund-amount", refused.why());
        }
        return Outcome.of(payment);
    }

    /** What a second person of the store can do with a waiting request; and whoever asked, withdraw it. */
    public enum Decision {
        APPROVE, TURN_DOWN, WITHDRAW
    }

    /** What became of a decision: where the till goes next (the payment of a refund, else the till) and what it says. */
    public record Decided(Optional<Long> paymentId, String notice, String problem) {
    }

    /**
     * A second person of the store approves or turns down a waiting refund or card sale (never whoever asked, never on
     * their own balance), or whoever asked withdraws it. Requests of other stores and of the back office are not found.
     */
    public Decided decide(Stores.Store store, Actor actor, long requestId, long seenVersion, Decision decision) {
        Desk desk = Desk.till(store.code());
        Approvals.Result result = switch (decision) {
            case APPROVE -> approvals.approve(actor, desk, requestId, seenVersion);
            case TURN_DOWN -> approvals.reject(actor, desk, requestId, seenVersion, "Turned down at the till by "
                    + actor.name());
            case WITHDRAW -> approvals.withdraw(actor, desk, requestId, seenVersion);
        };
        Optional<ValueRequest> request = requestOf(result);
        Optional<Long> payment = request.map(found -> found.tillPaymentId);
        if (result instanceof Approvals.Result.Done) {
            return new Decided(payment, request.get().kind == ValueRequest.Kind.TILL_ACTIVATION
                    ? "Approved: " + request.get().outcome + "." : null, null);
        }
        if (result instanceof Approvals.Result.Rejected) {
            return new Decided(payment, "Turned down: nothing was done.", null);
        }
        if (result instanceof Approvals.Result.Withdrawn) {
            return new Decided(payment, "Withdrawn: nothing was done.", null);
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return new Decided(Optional.empty(), null, refused.why());
        }
        if (result instanceof Approvals.Result.ChangedMeanwhile) {
            return new Decided(Optional.empty(), null, "Someone decided this while you were looking at it: the till"
                    + " shows it as it is now.");
        }
        return new Decided(Optional.empty(), null, "There is no such request waiting at this store.");
    }

    private static Optional<ValueRequest> requestOf(Approvals.Result result) {
        if (result instanceof Approvals.Result.Done done) {
            return Optional.of(done.request());
        }
        if (result instanceof Approvals.Result.Rejected rejected) {
            return Optional.of(rejected.request());
        }
        if (result instanceof Approvals.Result.Withdrawn withdrawn) {
            return Optional.of(withdrawn.request());
        }
        return Optional.empty();
    }

    /** Works on one of this store's payments, its row locked, in a transaction; another store's is not found. */
    private Outcome onPayment(String operation, Stores.Store store, long paymentId,
            java.util.function.Function<TillPayment, Outcome> work) {
        return retries.inTransaction(operation, () -> TillPayment.lockAtStore(paymentId, store.code()).map(work)
                .orElseGet(() -> Outcome.refused("payment", "There is no such payment at this store.")));
    }

    /** Whether the payment's balance is the member of staff's own. */
    static boolean isOwn(Actor actor, TillPayment payment) {
        return actor.ownAccountId() != null && actor.ownAccountId() == payment.accountId;
    }

    /**
     * What the cashier typed to activate a card sold at the counter: its number, what the customer paid, the form's
     * attempt id, and the receipt number of the store's point-of-sale system (required where the store has one).
     */
    public record CardSale(String cardNumber, String amount, String attempt, String saleReference) {
    }

    /** A card activated (or waiting for a colleague to approve its sale), or why not at which field. */
    public record Activation(Optional<GiftCard> card, boolean waiting, String field, String message) {
        static Activation refused(String field, String message) {
            return new Activation(Optional.empty(), false, field, message);
        }
    }

    /**
     * Activates a physical card the store just sold: its number, and what the customer paid (its value). Within the
     * cashier's daily limit at once; above it the sale waits on the till until a colleague approves it or the cashier
     * withdraws it. The same form sent twice sells once.
     */
    public Activation activate(Stores.Store store, Actor cashier, CardSale sale) {
        Optional<CardNumber> number = CardNumber.parse(sale.cardNumber());
        if (number.isEmpty()) {
            return Activation.refused("card-number", "Type or scan the 16-digit number printed on the card (not the"
                    + " code under the scratch strip).");
        }
        Optional<Money> paid = amount(sale.amount(), store);
        if (paid.isEmpty()) {
            return Activation.refused("card-amount", "Type what the customer paid for the card, in "
                    + store.currency() + ".");
        }
        if (!isFormKey(sale.attempt())) {
            return Activation.refused("card-number", "This form is out of date. Scan the card again.");
        }
        Optional<String> typedReference = Optional.ofNullable(sale.saleReference()).map(String::strip)
                .filter(typed -> !typed.isEmpty());
        if (store.pointOfSale() && typedReference.isEmpty()) {
            return Activation.refused("sale-reference", "Type the receipt number of this sale from the store's"
                    + " point-of-sale system: every card sold here carries it.");
        }
        if (typedReference.isPresent() && (typedReference.get().length() > 60
                || !typedReference.get().matches("[\\p{Alnum} ./#-]+"))) {
            return Activation.refused("sale-reference", "A receipt number is up to 60 letters, digits, spaces, dots,"
                    + " dashes, slashes or #.");
        }
        Optional<GiftCard> card = retries.inTransaction("till-card", () -> GiftCard.<GiftCard>find("cardNumber",
                number.get().digits()).firstResultOptional());
        if (card.isEmpty()) {
            return Activation.refused("card-number", "No card has this number. Check it against the card.");
        }
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.TILL_ACTIVATION;
        request.desk = Desk.till(store.code()).key();
        request.currency = store.currency();
        request.amountMinor = paid.get().minorUnits();
        request.cardId = card.get().id;
        request.saleReference = typedReference.orElseGet(() -> reference(store, sale.attempt()));
        request.summary = "Sell card " + card.get().formattedCardNumber() + " for " + words.money(request.amountMinor,
                store) + " (receipt " + request.saleReference + ")";
        request.reason = "Sold at " + store.name();
        request.requestKey = sale.attempt();
        Approvals.Result result = approvals.request(cashier, request);
        if (result instanceof Approvals.Result.Refused refused) {
            // The field the cashier fixes: the amount when that alone is wrong (a card's value never changes).
            boolean amountWrong = TillSales.saleProblem(card.get(), request.amountMinor, request.currency)
                    .filter(why -> why.reason() == TillSales.Reason.OTHER_AMOUNT).isPresent();
            return Activation.refused(amountWrong ? "card-amount" : "card-number", refused.why());
        }
        ValueRequest made = result instanceof Approvals.Result.AlreadyAsked earlier ? earlier.request()
                : result instanceof Approvals.Result.Waiting waiting ? waiting.request()
                        : ((Approvals.Result.Done) result).request();
        boolean waiting = made.isPending();
        return new Activation(Optional.of(card.get()), waiting, null, null);
    }

    /**
     * Why a waiting request could no longer be carried out as things stand (the payment refunded meanwhile, the card
     * sold or blocked), if so: the till shows it without an Approve button. Reads only; approval checks again, locked.
     */
    public Optional<String> whyNotAnyMore(Stores.Store store, ValueRequest request) {
        if (request.kind == ValueRequest.Kind.TILL_REFUND) {
            Optional<Capture> taken = TillPayment.atStore(request.tillPaymentId, store.code())
                    .flatMap(payment -> Capture.ofHold(payment.holdId));
            return refunds.refundProblem(taken, request.amountMinor, store);
        }
        return GiftCard.<GiftCard>findByIdOptional(request.cardId).flatMap(card -> TillSales.saleProblem(card,
                request.amountMinor, request.currency)).map(refusal -> words.saleRefusal(refusal, store));
    }

    /** Requests of this store waiting for a second person, oldest first. */
    public static java.util.List<ValueRequest> waitingAt(Stores.Store store) {
        return ValueRequest.list("desk = ?1 and status = ?2 order by requestedAt, id", Desk.till(store.code()).key(),
                ValueRequest.Status.PENDING);
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

    /** The client id of the store's till: its holds and card sales carry it. */
    static String client(Stores.Store store) {
        return CLIENT_PREFIX + store.code();
    }

    static Audit.Target target(long accountId) {
        return Audit.Target.account(accountId, maskedAccount(accountId));
    }

    /** How a receipt and the audit log name a balance to whoever stands at the counter: never a name or an email. */
    static String maskedAccount(long accountId) {
        String digits = String.format(Locale.ROOT, "%04d", accountId % 10_000);
        return "Balance \u2022\u2022\u2022\u2022 " + digits;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
