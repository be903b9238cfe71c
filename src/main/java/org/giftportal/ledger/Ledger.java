package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Money;

/**
 * Posts balance changes: the balance (and its running totals) moves and its entry is appended in the same
 * transaction, or neither. Every change of a balance goes through here.
 */
@ApplicationScoped
public class Ledger {
    private final Clock clock;
    private final jakarta.enterprise.event.Event<BalanceChanged> changed;

    Ledger(Clock clock, jakarta.enterprise.event.Event<BalanceChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** Credits a redeemed card's value to the account. The account must be locked by the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry creditRedemption(Account lockedAccount, GiftCard card, String requestId) {
        if (!lockedAccount.currency.equals(card.currency)) {
            throw new IllegalStateException("Card currency " + card.currency + " differs from the account's");
        }
        LedgerEntry entry = post(lockedAccount, EntryType.REDEMPTION, card.amountMinor, card.amountMinor, 0);
        entry.giftCardId = card.id;
        entry.cardLast4 = card.codeLast4;
        entry.requestId = requestId;
        return persisted(entry, null, null);
    }

    /**
     * Takes back what is left of a card's value from the account that redeemed it (someone else's card), never more
     * than the balance has free, so never below zero: what was spent is gone from here. Nothing when nothing is left.
     * The account must be locked by the caller's transaction; the database keeps one claw-back per card.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<LedgerEntry> clawBack(Account lockedAccount, GiftCard card, String caseReference) {
        if (card.status != org.giftportal.card.CardStatus.REDEEMED
                || !lockedAccount.id.equals(card.redeemedByAccountId)) {
            throw new IllegalStateException("Card " + card.id + " was not redeemed to account " + lockedAccount.id);
        }
        long amount = clawable(lockedAccount, card);
        if (amount == 0) {
            return java.util.Optional.empty();
        }
        LedgerEntry entry = post(lockedAccount, EntryType.CLAWBACK, -amount, -amount, 0);
        entry.giftCardId = card.id;
        entry.cardLast4 = card.codeLast4;
        return java.util.Optional.of(persisted(entry, caseReference, null));
    }

    /** How much of a card's value a claw-back would take from the account now: what of it the balance has free. */
    public static long clawable(Account account, GiftCard card) {
        return Math.max(0, Math.min(card.amountMinor, account.availableMinor()));
    }

    /** A purchase at the store paid from the balance. Refused if the balance doesn't cover it. */
    @Transactional
    public LedgerEntry recordPurchase(long accountId, long amountMinor, String orderReference) {
        return purchase(Account.lockById(accountId), amountMinor, orderReference);
    }

    /** The same, for an account the caller's transaction has locked (a captured hold). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry purchase(Account lockedAccount, long amountMinor, String orderReference) {
        return purchase(lockedAccount, amountMinor, orderReference, null);
    }

    /** The same, made at one of the retailer's shops: the shopper's history names it ("Purchase at ..."). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry purchase(Account lockedAccount, long amountMinor, String orderReference, String shop) {
        requirePositive(amountMinor);
        return persisted(atShop(post(lockedAccount, EntryType.PURCHASE, -amountMinor, 0, amountMinor), shop),
                orderReference, null);
    }

    /** Money of a returned purchase going back to the balance. */
    @Transactional
    public LedgerEntry recordRefund(long accountId, long amountMinor, String orderReference) {
        return refund(Account.lockById(accountId), amountMinor, orderReference, null);
    }

    /** The same, for an account the caller's transaction has locked (a refund of a capture), maybe at a shop. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry refund(Account lockedAccount, long amountMinor, String orderReference, String shop) {
        requirePositive(amountMinor);
        return persisted(atShop(post(lockedAccount, EntryType.REFUND, amountMinor, 0, -amountMinor), shop),
                orderReference, null);
    }

    /**
     * A correction by the retailer's staff, up or down, on a support case: the shopper reads {@code shopperText} and
     * the case reference in their history; staff's own reason stays in the audit log.
     */
    @Transactional
    public LedgerEntry recordAdjustment(long accountId, long signedAmountMinor, String shopperText,
            String caseReference) {
        if (signedAmountMinor == 0) {
            throw new IllegalArgumentException("An adjustment changes the balance");
        }
        return persisted(post(Account.lockById(accountId), EntryType.ADJUSTMENT, signedAmountMinor, 0, 0),
                caseReference, shopperText);
    }

    /**
     * A small balance paid to the shopper in cash, where the law gives that right: a debit saying how it was paid and
     * under which reference, on the case that asked for it. The account must be locked by the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry payOutInCash(Account lockedAccount, long amountMinor, PaidBy paidBy, String payoutReference,
            String caseReference) {
        requirePositive(amountMinor);
        LedgerEntry entry = post(lockedAccount, EntryType.CASH_OUT, -amountMinor, 0, 0);
        entry.paidBy = paidBy;
        entry.payoutReference = payoutReference;
        return persisted(entry, caseReference, paidBy.label());
    }

    private LedgerEntry post(Account account, EntryType type, long amount, long redeemed, long spent) {
        // The database keeps microseconds; so does the entry, so history page cursors match stored values.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LedgerEntry entry = new LedgerEntry();
        entry.accountId = account.id;
        entry.type = type;
        entry.amountMinor = amount;
        entry.balanceAfterMinor = account.applyLedgerChange(amount, redeemed, spent, now);
        entry.currency = account.currency;
        entry.description = type.label();
        entry.createdAt = now;
        return entry;
    }

    /** Names the shop in the entry's description, before it is written (an entry never changes after). */
    private static LedgerEntry atShop(LedgerEntry entry, String shop) {
        if (shop != null) {
            entry.description = entry.type.label() + " at " + shop;
        }
        return entry;
    }

    private LedgerEntry persisted(LedgerEntry entry, String reference, String note) {
        entry.reference = reference;
        if (note != null) {
            entry.description = entry.type.label() + ": " + note;
        }
        entry.persist();
        changed.fire(new BalanceChanged(entry.id, entry.accountId, entry.type, entry.amountMinor,
                entry.balanceAfterMinor, entry.currency, entry.createdAt, entry.reference, entry.giftCardId));
        return entry;
    }

    /** An amount as staff's records write it ("1234.50 USD"): for value requests' outcomes and refusals. */
    static String amount(long minor, String currency) {
        return Money.of(minor, currency).plain();
    }

    private static void requirePositive(long amountMinor) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("Amount must be positive");
        }
    }
}
