package org.giftportal.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.restrictions.RestrictedCategory;
import org.giftportal.site.PortalConfig;
import org.giftportal.web.Problem;

/**
 * The money rules of the store API, each in the caller's transaction: a hold keeps aside what the balance may pay
 * (eligible line items, capped by what is available), a capture turns it into a purchase once, a void gives it back,
 * a refund gives back part of a capture, never more than it. Locks are taken hold or capture first, then account, in
 * every path, so two of them never wait on each other in a circle; the database's CHECKs and unique keys back every
 * rule.
 */
@ApplicationScoped
public class Holds {
    /** No order is paid with more than this from a balance: a typo, not a purchase. */
    static final long MAX_AMOUNT = 100_000_000_000L;
    static final int MAX_LINE_ITEMS = 500;

    private final Ledger ledger;
    private final Clock clock;
    private final PortalConfig.Store settings;

    Holds(Ledger ledger, Clock clock, PortalConfig config) {
        this.ledger = ledger;
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

    public Placed place(String client, HoldRequest request) {
        return place(client, request, settings.holdLifetime());
    }

    /** The same, for a hold that lapses sooner (a till's, which the cashier takes within minutes). */
    public Placed place(String client, HoldRequest request, java.time.Duration lifetime) {
        String reference = text(request.orderReference(), "orderReference", 100);
        String currency = text(request.currency(), "currency", 3);
        // Locked from the first read: the balance checked is the balance held from.
        Account found = lockedAccount(request.account());
        if (!found.currency.equals(currency)) {
            throw currencyMismatch(found, currency);
        }
        if ((request.amount() == null) == (request.lineItems() == null || request.lineItems().isEmpty())) {
            throw invalid("Give either amount or lineItems (not both): what the balance should pay.");
        }
        long total;
        long eligible;
        List<LineItem> excluded = new ArrayList<>();
        if (request.amount() != null) {
            total = amount(request.amount(), "amount");
            eligible = total;
        } else {
            if (request.lineItems().size() > MAX_LINE_ITEMS) {
                throw invalid("An order has at most " + MAX_LINE_ITEMS + " line items.");
            }
            Set<String> restricted = RestrictedCategory.codesForRegion(found.region);
            total = 0;
            eligible = 0;
            for (LineItem item : request.lineItems()) {
                if (item == null) {
                    throw invalid("lineItems holds objects with sku, category and amount.");
                }
                long price = amount(item.amount(), "lineItems[].amount");
                text(item.sku(), "lineItems[].sku", 100);
                String category = text(item.category(), "lineItems[].category", 40).toLowerCase(java.util.Locale.ROOT);
                if (!category.matches("[a-z0-9][a-z0-9-]*")) {
                    throw invalid("lineItems[].category is a category code: lowercase letters, digits and dashes.");
                }
                total = Math.addExact(total, price);
                if (restricted.contains(category)) {
                    excluded.add(item);
                } else {
                    eligible = Math.addExact(eligible, price);
                }
            }
        }
        if (eligible == 0) {
            throw Problem.of(422, "nothing-eligible", "Nothing the balance can pay", "Every line item is in a"
                    + " category a gift card balance can't pay for in region " + found.region + ".")
                    .with("excludedItems", items(excluded)).exception();
        }
        Account account = found;
        long amount = Math.min(eligible, account.availableMinor());
        if (amount == 0) {
            throw Problem.of(422, "insufficient-balance", "No balance available", "The shopper's available balance"
                    + " is 0 " + account.currency + (account.heldMinor > 0 ? " (the rest is held for other orders)"
                            : "") + ".").with("available", 0).exception();
        }
        account.hold(amount);
        Instant now = now();
        Hold hold = new Hold();
        hold.accountId = account.id;
        hold.clientId = client;
        hold.orderReference = reference;
        hold.currency = account.currency;
        hold.requestedMinor = eligible;
        hold.amountMinor = amount;
        hold.status = Hold.Status.ACTIVE;
        hold.createdAt = now;
        hold.expiresAt = now.plus(lifetime);
        hold.persist();
        return new Placed(hold, total, excluded);
    }

    /** A capture and the hold it ended. */
    public record Captured(Capture capture, Hold hold) {
    }

    /** Captures a hold, whole or in part ({@code amount} empty: all of it); the rest of it is released. */
    public Captured capture(long holdId, Optional<Long> requested) {
        return capture(holdId, requested, null);
    }

    /** The same, at one of the retailer's shops ({@code shop} its name, for the shopper's history). */
    public Captured capture(long holdId, Optional<Long> requested, String shop) {
        Hold hold = Hold.lock(holdId).orElseThrow(() -> notFound("hold", holdId));
        refuseUnlessActive(hold);
        long amount = requested.isEmpty() ? hold.amountMinor : amount(requested.get(), "amount");
        if (amount > hold.amountMinor) {
            throw Problem.of(422, "amount-exceeds-hold", "More than the hold", "The hold keeps " + hold.amountMinor
                    + " " + hold.currency + " aside: a capture takes at most that.").with("held", hold.amountMinor)
                    .exception();
        }
        Account account = Account.lockById(hold.accountId);
        account.release(hold.amountMinor);
        LedgerEntry purchase = ledger.purchase(account, amount, hold.orderReference, shop);
        Instant now = now();
        hold.end(Hold.Status.CAPTURED, now);
        Capture capture = new Capture();
        capture.holdId = hold.id;
        capture.accountId = account.id;
        capture.amountMinor = amount;
        capture.currency = hold.currency;
        capture.ledgerEntryId = purchase.id;
        capture.createdAt = now;
        capture.persist();
        return new Captured(capture, hold);
    }

    /** Gives back what an uncaptured hold keeps aside. */
    public Hold voidHold(long holdId) {
        Hold hold = Hold.lock(holdId).orElseThrow(() -> notFound("hold", holdId));
        if (hold.status != Hold.Status.ACTIVE) {
            refuseUnlessActive(hold);
        }
        Account.lockById(hold.accountId).release(hold.amountMinor);
        hold.end(Hold.Status.VOIDED, now());
        return hold;
    }

    /** A refund and the capture it came from. */
    public record Refunded(Refund refund, Capture capture) {
    }

    public Refunded refund(long captureId, Long requested) {
        return refund(captureId, requested, null);
    }

    /** The same, at one of the retailer's shops. */
    public Refunded refund(long captureId, Long requested, String shop) {
        Capture capture = Capture.lock(captureId).orElseThrow(() -> notFound("capture", captureId));
        long amount = amount(requested, "amount");
        if (amount > capture.refundableMinor()) {
            throw Problem.of(422, "refund-exceeds-capture", "More than the capture", "Capture " + capture.id
                    + " was " + capture.amountMinor + " " + capture.currency + ", of which " + capture.refundedMinor
                    + " is refunded already: at most " + capture.refundableMinor() + " more can be.")
                    .with("refundable", capture.refundableMinor()).exception();
        }
        Hold hold = Hold.findById(capture.holdId);
        LedgerEntry entry = ledger.refund(Account.lockById(capture.accountId), amount, hold.orderReference, shop);
        capture.refunded(amount);
        Refund refund = new Refund();
        refund.captureId = capture.id;
        refund.amountMinor = amount;
        refund.ledgerEntryId = entry.id;
        refund.createdAt = now();
        refund.persist();
        return new Refunded(refund, capture);
    }

    /**
     * Refuses, as "no such hold", a hold the calling client didn't place (another store system's, or a till's): one
     * client can't capture, void or read what another holds. Reads only the owner, never the hold itself: a hold
     * loaded here would be the stale copy the lock that follows doesn't refresh.
     */
    public void requireOwnHold(long holdId, String client) {
        if (!client.equals(ownerOf("SELECT client_id FROM store_hold WHERE id = ?1", holdId))) {
            throw notFound("hold", holdId);
        }
    }

    /** The same for a capture: it must have captured a hold of the calling client. */
    public void requireOwnCapture(long captureId, String client) {
        if (!client.equals(ownerOf("SELECT h.client_id FROM store_capture c JOIN store_hold h ON h.id = c.hold_id"
                + " WHERE c.id = ?1", captureId))) {
            throw notFound("capture", captureId);
        }
    }

    private static String ownerOf(String query, long id) {
        @SuppressWarnings("unchecked")
        List<String> owners = Hold.getEntityManager().createNativeQuery(query).setParameter(1, id).getResultList();
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** Releases holds past their time (housekeeping, on every instance: each claims its own rows); returns how many. */
    public int releaseExpired(int batch) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = Hold.getEntityManager().createNativeQuery("SELECT id FROM store_hold WHERE status ="
                    + " 'ACTIVE' AND expires_at <= ?1 ORDER BY expires_at LIMIT " + batch + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, org.giftportal.ops.DatabaseTime.of(clock.instant())).getResultList();
            Instant now = now();
            // Accounts locked in ascending id order, as every instance does: two passes never wait on each other.
            List<Hold> lapsed = ids.stream().map(id -> Hold.<Hold>findById(id.longValue()))
                    .sorted(java.util.Comparator.comparingLong((Hold hold) -> hold.accountId)).toList();
            for (Hold hold : lapsed) {
                Account.lockById(hold.accountId).release(hold.amountMinor);
                hold.end(Hold.Status.EXPIRED, now);
            }
            return ids.size();
        });
    }

    public static Account account(String subject) {
        return Optional.ofNullable(subject).filter(s -> !s.isBlank()).flatMap(Account::findBySubject)
                .orElseThrow(Holds::noAccount);
    }

    private static Account lockedAccount(String subject) {
        if (subject == null || subject.isBlank()) {
            throw noAccount();
        }
        Optional<Account> account = Account.find("subject", subject).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        return account.orElseThrow(Holds::noAccount);
    }

    private static Problem.ProblemException noAccount() {
        return Problem.of(404, "account-not-found", "No such account", "No shopper with this subject has a gift card"
                + " account (they get one when they first sign in to the portal).").exception();
    }

    private void refuseUnlessActive(Hold hold) {
        if (hold.status == Hold.Status.CAPTURED) {
            throw conflict(hold, "hold-captured", "Hold already captured", "was captured");
        }
        if (hold.status == Hold.Status.VOIDED) {
            throw conflict(hold, "hold-voided", "Hold voided", "was voided");
        }
        if (hold.status == Hold.Status.EXPIRED || !hold.isCapturable(now())) {
            throw conflict(hold, "hold-expired", "Hold expired", "lapsed at " + hold.expiresAt + " and keeps nothing"
                    + " aside any more; place a new hold");
        }
    }

    private static Problem.ProblemException conflict(Hold hold, String slug, String title, String what) {
        return Problem.of(409, slug, title, "Hold " + hold.id + " " + what + ".").with("holdStatus",
                hold.status.name().toLowerCase(java.util.Locale.ROOT)).exception();
    }

    static Problem.ProblemException currencyMismatch(Account account, String currency) {
        return Problem.of(422, "currency-mismatch", "Wrong currency", "The shopper's balance is in " + account.currency
                + ", not " + currency + ".").with("accountCurrency", account.currency).exception();
    }

    static Problem.ProblemException notFound(String what, long id) {
        return Problem.of(404, what + "-not-found", "No such " + what, "There is no " + what + " " + id + ".")
                .exception();
    }

    static Problem.ProblemException invalid(String detail) {
        return Problem.of(422, "invalid-request", "Invalid request", detail).exception();
    }

    private static long amount(Long value, String field) {
        if (value == null || value < 1 || value > MAX_AMOUNT) {
            throw invalid(field + " must be a whole number of minor units (cents, pence, paise) from 1 to "
                    + MAX_AMOUNT + ".");
        }
        return value;
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw invalid(field + " is required: 1 to " + max + " characters of plain text.");
        }
        return value.strip();
    }

    private static List<java.util.Map<String, Object>> items(List<LineItem> items) {
        return items.stream().map(item -> java.util.Map.<String, Object>of("sku", item.sku(), "category",
                item.category(), "amount", item.amount())).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
