package org.giftportal.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;

/** Posts balance changes: the balance moves and its entry is appended in the same transaction, or neither. */
@ApplicationScoped
public class Ledger {
    private final Clock clock;

    Ledger(Clock clock) {
        this.clock = clock;
    }

    /** Credits a redeemed card's value to the account. The account must be locked by the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry creditRedemption(Account lockedAccount, GiftCard card, String requestId) {
        if (!lockedAccount.currency.equals(card.currency)) {
            throw new IllegalStateException("Card currency " + card.currency + " differs from the account's");
        }
        LedgerEntry entry = new LedgerEntry();
        entry.accountId = lockedAccount.id;
        entry.type = EntryType.REDEMPTION;
        entry.amountMinor = card.amountMinor;
        entry.balanceAfterMinor = lockedAccount.moveBalance(card.amountMinor);
        entry.currency = card.currency;
        entry.giftCardId = card.id;
        entry.cardLast4 = card.codeLast4;
        entry.description = EntryType.REDEMPTION.label();
        entry.requestId = requestId;
        entry.createdAt = clock.instant();
        entry.persist();
        return entry;
    }
}
