package org.giftportal.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.giftportal.account.Account;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.PortalConfig;

/**
 * The money rules of spending a balance, each in the caller's transaction: a hold keeps aside what the balance may pay
 * (eligible line items, capped by what is available), a capture turns it into a purchase once, a void gives it back,
 * a refund gives back part of a capture, never more than it. Each answers with a {@link Ruling}: done, or refused in
 * the money's own terms, with nothing changed. Whoever calls (the store API, the till) puts a refusal in its words.
 *
 * <p>Locks are taken hold or capture first, then account, in every path, so two of them never wait on each other in
 * a circle. Every write states its rule where it writes: an entity's version makes a copy read before someone else's
 * change fail instead of writing; the refunded amount moves by a guarded update whose row count is checked; the
 * database's CHECKs, triggers and unique keys back every rule.
 */
@ApplicationScoped
public class Holds implements org.giftportal.ops.Sweep {
    /** No order is paid with more than this from a balance: a typo, not a purchase. */
    public static final long MAX_AMOUNT = 100_000_000_000L;
    static final int MAX_LINE_ITEMS = 500;

    private final Ledger ledger;
    private final EntityManager em;
    private final Clock clock;
    private final PortalConfig.Store settings;

    private final jakarta.enterprise.event.Event<HoldChanged> changed;

    Holds(Ledger ledger, EntityManager em, Clock clock, PortalConfig config,
            jakarta.enterprise.event.Event<HoldChanged> changed) {
        this.changed = changed;
        this.ledger = ledger;
        this.em = em;
        this.clock = clock;
        this.settings = config.store();
    }

    /** One line of the store's order: its own SKU, a category code, and its price in minor units. */
    public record LineItem(String sku, String category, Long amount) {
    }

    /** What the store asks to hold: an amount, or the order's line items (the portal leaves out restricted ones). */
    public record HoldRequest(String account, String currency, String orderReference, Long amount,
            List<LineItem> lineItems) {
    }

    /** A placed hold, with what the balance couldn't pay: restricted items, and what exceeded the balance. */
    public record Placed(Hold hold, long orderTotal, List<LineItem> excludedItems) {
    }

    /** A capture and the hold it ended. */
    public record Captured(Capture capture, Hold hold) {
    }

    /** A refund and the capture it came from, as the refund left it. */
    public record Refunded(Refund refund, Capture capture) {
    }

    /**
     * Holds what the request asks, for as long as the store's holds last.
     *
     * @param restrictedIn the category codes a balance of a region can't pay for (the restrictions feature's list)
     */
    public Ruling<Placed> place(String client, HoldRequest request, Function<String, Set<String>> restrictedIn) {
        return place(client, request, settings.holdLifetime(), restrictedIn);
    }

    /** The same, for a hold that lapses sooner (a till's, which the cashier takes within minutes). */
    public Ruling<Placed> place(String client, HoldRequest request, Duration lifetime,
            Function<String, Set<String>> restrictedIn) {
        Optional<Refusal> invalid = text(request.orderReference(), "orderReference", 100)
                .or(() -> text(request.currency(), "currency", 3));
        if (invalid.isPresent()) {
            return Ruling.refused(invalid.get());
        }
        if (request.account() == null || request.account().isBlank()) {
            return Ruling.refused(new Refusal.NoAccount());
        }
        // Locked from the first read: the balance checked is the balance held from.
        Optional<Account> found = Account.lockBySubject(request.account());
        if (found.isEmpty()) {
            return Ruling.refused(new Refusal.NoAccount());
        }
        Account account = found.get();
        if (account.isFrozen()) {
            return Ruling.refused(new Refusal.AccountFrozen());
        }
        String currency = request.currency().strip();
        if (!account.currency.equals(currency)) {
            return Ruling.refused(new Refusal.WrongCurrency(account.currency, currency));
        }
        Ruling<Priced> priced = price(request, () -> restrictedIn.apply(account.region), account.region);
        if (priced instanceof Ruling.Refused<Priced> refused) {
            return Ruling.refused(refused.why());
        }
        Priced order = ((Ruling.Done<Priced>) priced).value();
        long amount = Math.min(order.eligible(), account.availableMinor());
        if (amount == 0) {
            return Ruling.refused(new Refusal.NothingAvailable(account.currency, account.heldMinor));
        }
        account.hold(amount);
        Instant now = now();
        Hold hold = new Hold();
        hold.requestedMinor = order.eligible();
        hold.accountId = account.id;
        hold.clientId = client;
        hold.orderReference = request.orderReference().strip();
        hold.currency = account.currency;
        hold.amountMinor = amount;
        hold.status = Hold.Status.ACTIVE;
        hold.createdAt = now;
        hold.expiresAt = now.plus(lifetime);
        hold.persist();
        told(hold, HoldChanged.What.PLACED, hold.amountMinor);
        return Ruling.done(new Placed(hold, order.total(), order.excluded()));
    }

    /** What an order comes to: all of it, what the balance may pay, and the items it may not. */
    private record Priced(long total, long eligible, List<LineItem> excluded) {
    }

    /** What the request asks the balance to pay: its amount, or its line items less those in restricted categories. */
    private static Ruling<Priced> price(HoldRequest request, java.util.function.Supplier<Set<String>> restricted,
            String region) {
        if ((request.amount() == null) == (request.lineItems() == null || request.lineItems().isEmpty())) {
            return Ruling.refused(new Refusal.Invalid("amount", "give either amount or lineItems (not both): what"
                    + " the balance should pay"));
        }
        long total;
        long eligible;
        List<LineItem> excluded = new ArrayList<>();
        if (request.amount() != null) {
            Optional<Refusal> wrong = amountProblem(request.amount(), "amount");
            if (wrong.isPresent()) {
                return Ruling.refused(wrong.get());
            }
            total = request.amount();
            eligible = total;
        } else {
            if (request.lineItems().size() > MAX_LINE_ITEMS) {
                return Ruling.refused(new Refusal.Invalid("lineItems", "at most " + MAX_LINE_ITEMS + " line items"));
            }
            Set<String> codes = restricted.get();
            total = 0;
            eligible = 0;
            for (LineItem item : request.lineItems()) {
                Optional<Refusal> wrong = lineItemProblem(item);
                if (wrong.isPresent()) {
                    return Ruling.refused(wrong.get());
                }
                total = Math.addExact(total, item.amount());
                if (codes.contains(item.category().strip().toLowerCase(Locale.ROOT))) {
                    excluded.add(item);
                } else {
                    eligible = Math.addExact(eligible, item.amount());
                }
            }
        }
        if (eligible == 0) {
            return Ruling.refused(new Refusal.NothingEligible(region, excluded));
        }
        return Ruling.done(new Priced(total, eligible, excluded));
    }

    private static Optional<Refusal> lineItemProblem(LineItem item) {
        if (item == null) {
            return Optional.of(new Refusal.Invalid("lineItems", "objects with sku, category and amount"));
        }
        Optional<Refusal> wrong = amountProblem(item.amount(), "lineItems[].amount")
                .or(() -> text(item.sku(), "lineItems[].sku", 100))
                .or(() -> text(item.category(), "lineItems[].category", 40));
        if (wrong.isPresent()) {
            return wrong;
        }
        if (!item.category().strip().toLowerCase(Locale.ROOT).matches("[a-z0-9][a-z0-9-]*")) {
            return Optional.of(new Refusal.Invalid("lineItems[].category", "a category code: lowercase letters,"
                    + " digits and dashes"));
        }
        return Optional.empty();
    }

    /**
     * Captures a hold, whole or in part ({@code requested} empty: all of it); the rest of it is released.
     *
     * @param shop one of the retailer's shops, named in the shopper's history; none for the online checkout
     */
    public Ruling<Captured> capture(long holdId, Optional<Long> requested, String shop) {
        Optional<Hold> found = Hold.lock(holdId);
        if (found.isEmpty()) {
            return Ruling.refused(new Refusal.NoSuchHold(holdId));
        }
        Hold hold = found.get();
        Optional<Refusal> ended = unlessActive(hold);
        if (ended.isPresent()) {
            return Ruling.refused(voidedByFreeze(hold) ? new Refusal.AccountFrozen() : ended.get());
        }
        if (requested.isPresent()) {
            Optional<Refusal> wrong = amountProblem(requested.get(), "amount");
            if (wrong.isPresent()) {
                return Ruling.refused(wrong.get());
            }
            if (requested.get() > hold.amountMinor) {
                return Ruling.refused(new Refusal.MoreThanHeld(hold.id, hold.amountMinor, hold.currency));
            }
        }
        long amount = requested.orElse(hold.amountMinor);
        Account account = Account.lockById(hold.accountId);
        account.release(hold.amountMinor);
        LedgerEntry purchase = ledger.purchase(account, amount, hold.orderReference, shop);
        Instant now = now();
        hold.end(Hold.Status.CAPTURED, now);
        told(hold, HoldChanged.What.CAPTURED, amount);
        Capture capture = new Capture();
        capture.holdId = hold.id;
        capture.accountId = account.id;
        capture.amountMinor = amount;
        capture.currency = hold.currency;
        capture.ledgerEntryId = purchase.id;
        capture.createdAt = now;
        capture.persist();
        return Ruling.done(new Captured(capture, hold));
    }

    /** Gives back what an uncaptured hold keeps aside. */
    public Ruling<Hold> voidHold(long holdId) {
        Optional<Hold> found = Hold.lock(holdId);
        if (found.isEmpty()) {
            return Ruling.refused(new Refusal.NoSuchHold(holdId));
        }
        Hold hold = found.get();
        if (hold.status != Hold.Status.ACTIVE) {
            return Ruling.refused(new Refusal.HoldEnded(hold.id, hold.status, hold.expiresAt));
        }
        // A hold past its time that the job hasn't released yet may still be voided: the balance gets it back either way.
        Account.lockById(hold.accountId).release(hold.amountMinor);
        hold.end(Hold.Status.VOIDED, now());
        told(hold, HoldChanged.What.VOIDED, hold.amountMinor);
        return Ruling.done(hold);
    }

    /**
     * Gives part of a capture back to the balance, never more than is left of it.
     *
     * @param valueRequestId the approved request this refund carries out, if one had to be approved (one refund per
     *        request: a unique key)
     */
    public Ruling<Refunded> refund(long captureId, Long requested, String shop, Long valueRequestId) {
        Optional<Refusal> wrong = amountProblem(requested, "amount");
        if (wrong.isPresent()) {
            return Ruling.refused(wrong.get());
        }
        long amount = requested;
        // The rule, where it writes: the refunded amount grows only while it stays within the capture. Whatever copy
        // of the capture anyone read before, this statement reads the row as committed (and locks it).
        int moved = em.createNativeQuery("UPDATE store_capture SET refunded_minor = refunded_minor + ?1,"
                + " version = version + 1 WHERE id = ?2 AND refunded_minor + ?1 <= amount_minor")
                .setParameter(1, amount).setParameter(2, captureId).executeUpdate();
        Optional<Capture> found = Optional.ofNullable(em.find(Capture.class, captureId));
        found.ifPresent(em::refresh);
        if (found.isEmpty()) {
            return Ruling.refused(new Refusal.NoSuchCapture(captureId));
        }
        Capture capture = found.get();
        if (moved != 1) {
            return Ruling.refused(new Refusal.MoreThanRefundable(capture.id, capture.amountMinor,
                    capture.refundedMinor, capture.currency));
        }
        Hold hold = Hold.findById(capture.holdId);
        LedgerEntry entry = ledger.refund(Account.lockById(capture.accountId), amount, hold.orderReference, shop);
        Refund refund = new Refund();
        refund.captureId = capture.id;
        refund.amountMinor = amount;
        refund.ledgerEntryId = entry.id;
        refund.valueRequestId = valueRequestId;
        refund.createdAt = now();
        refund.persist();
        return Ruling.done(new Refunded(refund, capture));
    }

    /**
     * Whether the client placed the hold (another store system's, or a till's, is not its to see or touch). Reads only
     * the owner, never the hold itself: a hold loaded here would be a copy older than the lock that follows.
     */
    public boolean isOwnHold(long holdId, String client) {
        return client.equals(ownerOf("SELECT client_id FROM store_hold WHERE id = ?1", holdId));
    }

    /** The same for a capture: it must have captured a hold of the client. */
    public boolean isOwnCapture(long captureId, String client) {
        return client.equals(ownerOf("SELECT h.client_id FROM store_capture c JOIN store_hold h ON h.id = c.hold_id"
                + " WHERE c.id = ?1", captureId));
    }

    private String ownerOf(String query, long id) {
        @SuppressWarnings("unchecked")
        List<String> owners = em.createNativeQuery(query).setParameter(1, id).getResultList();
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** Releases holds past their time (housekeeping, on every instance: each claims its own rows); returns how many. */
    public int releaseExpired(int batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("SELECT id FROM store_hold WHERE status = 'ACTIVE'"
                    + " AND expires_at <= ?1 ORDER BY expires_at LIMIT " + batch + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, DatabaseTime.of(clock.instant())).getResultList();
            Instant now = now();
            // Accounts locked in ascending id order, as every instance does: two passes never wait on each other.
            List<Hold> lapsed = ids.stream().map(id -> Hold.<Hold>findById(id.longValue()))
                    .sorted(Comparator.comparingLong((Hold hold) -> hold.accountId)).toList();
            for (Hold hold : lapsed) {
                Account.lockById(hold.accountId).release(hold.amountMinor);
                hold.end(Hold.Status.EXPIRED, now);
                told(hold, HoldChanged.What.LAPSED, hold.amountMinor);
            }
            return ids.size();
        });
    }

    /** A hold voided because its account was frozen: the checkout is told the account can't pay, not "voided". */
    private static boolean voidedByFreeze(Hold hold) {
        return hold.status == Hold.Status.VOIDED && Account.<Account>findById(hold.accountId).isFrozen();
    }

    /**
     * Voids every active hold of an account being frozen, its row locked by the caller: what they kept aside is
     * free again (for a claw-back), and the checkouts that placed them are refused at capture. Returns how many.
     */
    public int voidAllOf(Account lockedAccount) {
        List<Hold> active = Hold.<Hold>find("accountId = ?1 and status = ?2", lockedAccount.id, Hold.Status.ACTIVE)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        Instant now = now();
        for (Hold hold : active) {
            lockedAccount.release(hold.amountMinor);
            hold.end(Hold.Status.VOIDED, now);
            told(hold, HoldChanged.What.VOIDED, hold.amountMinor);
        }
        return active.size();
    }

    /** Tells listeners (webhooks) what became of the hold, in this transaction. */
    private void told(Hold hold, HoldChanged.What what, long amountMinor) {
        changed.fire(new HoldChanged(hold.id, hold.accountId, what, amountMinor, hold.currency, hold.orderReference,
                hold.clientId));
    }

    /** Why an active-looking hold can't be captured: ended, or past its time though the job hasn't released it. */
    private Optional<Refusal> unlessActive(Hold hold) {
        if (hold.isCapturable(now())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal.HoldEnded(hold.id, hold.status == Hold.Status.ACTIVE ? Hold.Status.EXPIRED
                : hold.status, hold.expiresAt));
    }

    private static Optional<Refusal> amountProblem(Long value, String field) {
        if (value == null || value < 1 || value > MAX_AMOUNT) {
            return Optional.of(new Refusal.Invalid(field, "a whole number of minor units (cents, pence, paise) from 1"
                    + " to " + MAX_AMOUNT));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max
                || value.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(new Refusal.Invalid(field, "1 to " + max + " characters of plain text"));
        }
        return Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Housekeeping's part: holds past their time, their amount released. */
    @Override
    public int forget(int batch) {
        return releaseExpired(batch);
    }
}
