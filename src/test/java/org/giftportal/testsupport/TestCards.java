package org.giftportal.testsupport;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.function.Consumer;
import org.giftportal.account.Account;
import org.giftportal.card.CardIssuing;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.LedgerEntry;

/** Issues gift cards for a test through the portal's own issuing service, and reads back what was stored. */
public final class TestCards {
    private TestCards() {
    }

    public static IssuedCard active(String region, long wholeUnits) {
        return issuing().issue(new CardIssuing.Order(region, wholeUnits, true, "test"));
    }

    public static IssuedCard notActivated(String region, long wholeUnits) {
        return issuing().issue(new CardIssuing.Order(region, wholeUnits, false, "test"));
    }

    /** Issues an active card, then changes it in its own transaction (block, cancel, expire...). */
    public static IssuedCard activeThen(String region, long wholeUnits, Consumer<GiftCard> change) {
        IssuedCard issued = active(region, wholeUnits);
        QuarkusTransaction.requiringNew().run(() -> change.accept(GiftCard.findById(issued.card().id)));
        return issued;
    }

    public static IssuedCard expired(String region, long wholeUnits) {
        return activeThen(region, wholeUnits, card -> card.expiresAt = Instant.now().minusSeconds(86_400));
    }

    public static GiftCard reload(IssuedCard issued) {
        return QuarkusTransaction.requiringNew().call(() -> GiftCard.<GiftCard>findById(issued.card().id));
    }

    /** The code as typed with its last character wrong: a typo the check character catches. */
    public static String mistyped(ClaimCode code) {
        String typed = code.formatted();
        char last = typed.charAt(typed.length() - 1);
        return typed.substring(0, typed.length() - 1) + (last == '2' ? '3' : '2');
    }

    /** The shopper's account: the one whose subject is their Keycloak user id. */
    public static Account account(TestShopper shopper) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findBySubject(shopper.keycloakId()).orElseThrow());
    }

    public static long ledgerSum(long accountId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.<LedgerEntry>list("accountId", accountId)
                .stream().mapToLong(entry -> entry.amountMinor).sum());
    }

    public static long ledgerCount(long accountId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("accountId", accountId));
    }

    private static CardIssuing issuing() {
        return Arc.container().instance(CardIssuing.class).get();
    }
}
