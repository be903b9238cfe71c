package org.giftportal.ledger;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The money checks, in one place: what must hold between balances, the ledger and the cards, whatever happened. Run
 * together in one consistent snapshot of the database (repeatable read), so a redemption committing meanwhile can't
 * look like a mismatch.
 *
 * <ol>
 * <li>Every account's balance is the sum of its ledger entries, and each entry's balance-after follows from the one
 * before it.</li>
 * <li>Every redemption entry credits one redeemed card, to the account that redeemed it, for the card's value in the
 * card's currency; every redeemed card has exactly that one entry.</li>
 * <li>Only redemptions and claw-backs name a card; a claw-back takes from the card's redeemer at most the card's value,
 * and a card is clawed back at most once.</li>
 * <li>A card in review is kept for the account of its one waiting review and has no entry; a released review's entry
 * is its card's redemption.</li>
 * <li>A card reissued for a shopper whose card someone else redeemed carries that card's value.</li>
 * <li>Each card's value journal ends in the card's state, and its changes add up to what the card is owed.</li>
 * <li>Per currency, all balances together equal all entries together: redemptions + refunds + adjustments −
 * purchases − claw-backs; and no entry is in another currency than its account.</li>
 * <li>No card is counted twice: a replaced card is cancelled, and its replacement (which points back at it) carries
 * the same value in the same currency.</li>
 * <li>What an account holds for the store is its active holds; each capture wrote its purchase entry, and each refund
 * of it a refund entry, never more in all than the capture.</li>
 * <li>A capture takes at most its hold, from the hold's account, and a captured hold has its capture.</li>
 * <li>A till payment's hold is the store's till's, for the payment's account and receipt; each refund asked at the
 * till and done is one refund of that payment's capture, for its amount, and every refund of it was asked there.</li>
 * <li>A card a till's sale activated is not unsold, and the sale was for the card's value in its currency.</li>
 * </ol>
 * Issuing, activating, blocking and cancelling cards change no balance: they have no entry to check.
 */
@ApplicationScoped
public class MoneyChecks {
    /** How many examples of one failed check a report lists. */
    static final int EXAMPLES = 10;
    private final AgroalDataSource dataSource;

    MoneyChecks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One check and what it found: nothing when it holds. */
    public record CheckResult(String check, long mismatches, List<String> examples) {
        public boolean holds() {
            return mismatches == 0;
        }
    }

    private record Check(String name, String sql) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("Balance equals the sum of the account's ledger entries", """
                    SELECT CONCAT('account ', a.id, ': balance ', a.balance_minor, ', ledger sum ',
                                  COALESCE(SUM(e.amount_minor), 0))
                    FROM account a LEFT JOIN ledger_entry e ON e.account_id = a.id
                    GROUP BY a.id, a.balance_minor
                    HAVING a.balance_minor <> COALESCE(SUM(e.amount_minor), 0)"""),
            new Check("Each entry's balance-after follows from the entry before it", """
                    SELECT CONCAT('entry ', id, ' of account ', account_id, ': ', before_minor, ' + ', amount_minor,
                                  ' recorded as ', balance_after_minor)
                    FROM (SELECT id, account_id, amount_minor, balance_after_minor,
                                 COALESCE(LAG(balance_after_minor) OVER (PARTITION BY account_id ORDER BY id), 0)
                                     AS before_minor
                          FROM ledger_entry) chained
                    WHERE balance_after_minor <> before_minor + amount_minor"""),
            new Check("Each redemption entry credits a redeemed card, its value, to its redeemer", """
                    SELECT CONCAT('entry ', e.id, ': card ', COALESCE(c.id, 'missing'), ' ',
                                  COALESCE(c.status, ''))
                    FROM ledger_entry e LEFT JOIN gift_card c ON c.id = e.gift_card_id
                    WHERE e.entry_type = 'REDEMPTION'
                      AND (c.id IS NULL OR c.status <> 'REDEEMED' OR c.amount_minor <> e.amount_minor
                           OR c.currency <> e.currency OR c.redeemed_by_account_id <> e.account_id)"""),
            new Check("Each redeemed card has its redemption entry", """
                    SELECT CONCAT('card ', c.id, ' redeemed by account ', c.redeemed_by_account_id, ' has no entry')
                    FROM gift_card c LEFT JOIN ledger_entry e ON e.gift_card_id = c.id AND e.entry_type = 'REDEMPTION'
                    WHERE c.status = 'REDEEMED' AND e.id IS NULL"""),
            new Check("Only redemptions and claw-backs refer to a card", """
                    SELECT CONCAT('entry ', id, ' (', entry_type, ') refers to card ', gift_card_id)
                    FROM ledger_entry
                    WHERE entry_type NOT IN ('REDEMPTION', 'CLAWBACK') AND gift_card_id IS NOT NULL"""),
            new Check("Each claw-back takes from its card's redeemer, at most the card's value, once", """
                    SELECT CONCAT('claw-back ', e.id, ' of card ', COALESCE(c.id, 'missing'), ' (',
                                  COALESCE(c.status, ''), '): ', e.amount_minor, ' ', e.currency, ' from account ', e.account_id)
                    FROM ledger_entry e LEFT JOIN gift_card c ON c.id = e.gift_card_id
                    WHERE e.entry_type = 'CLAWBACK'
                      AND (c.id IS NULL OR c.status <> 'REDEEMED' OR c.redeemed_by_account_id <> e.account_id
                           OR -e.amount_minor > c.amount_minor OR e.amount_minor >= 0 OR c.currency <> e.currency)"""),
            new Check("A card in review is kept for one waiting review and credited to nobody", """
                    SELECT CONCAT('card ', c.id, ' (', c.status, ') kept for account ',
                                  COALESCE(c.reserved_for_account_id, 'none'), ': review ', COALESCE(v.id, 'none'))
                    FROM gift_card c
                    LEFT JOIN redemption_review v ON v.gift_card_id = c.id AND v.status = 'WAITING'
                    LEFT JOIN ledger_entry e ON e.gift_card_id = c.id
                    WHERE (c.status = 'IN_REVIEW' AND (v.id IS NULL OR v.account_id <> c.reserved_for_account_id
                                                       OR e.id IS NOT NULL))
                       OR (c.status <> 'IN_REVIEW' AND v.id IS NOT NULL)
                    UNION ALL
                    SELECT CONCAT('review ', v.id, ' released by entry ', v.ledger_entry_id,
                                  ', not its card''s redemption')
                    FROM redemption_review v LEFT JOIN ledger_entry e ON e.id = v.ledger_entry_id
                    WHERE v.status = 'RELEASED' AND (e.id IS NULL OR e.entry_type <> 'REDEMPTION'
                          OR e.gift_card_id <> v.gift_card_id OR e.account_id <> v.account_id)"""),
            new Check("What an account has in review is the sum of its waiting reviews", """
                    SELECT CONCAT('account ', a.id, ': in review ', a.in_review_minor, ' on ', a.in_review_cards,
                                  ' cards, waiting reviews ', COALESCE(SUM(v.amount_minor), 0), ' on ', COUNT(v.id))
                    FROM account a LEFT JOIN redemption_review v ON v.account_id = a.id AND v.status = 'WAITING'
                    GROUP BY a.id, a.in_review_minor, a.in_review_cards
                    HAVING a.in_review_minor <> COALESCE(SUM(v.amount_minor), 0) OR a.in_review_cards <> COUNT(v.id)"""),
            new Check("A reissued card carries the value of a card someone else redeemed", """
                    SELECT CONCAT('card ', n.id, ' reissues card ', n.reissues_card_id, ' (',
                                  COALESCE(t.status, 'missing'), ')')
                    FROM gift_card n LEFT JOIN gift_card t ON t.id = n.reissues_card_id
                    WHERE n.reissues_card_id IS NOT NULL
                      AND (t.id IS NULL OR t.status <> 'REDEEMED' OR t.amount_minor <> n.amount_minor
                           OR t.currency <> n.currency)"""),
            new Check("Entries are in their account's currency", """
                    SELECT CONCAT('entry ', e.id, ' in ', e.currency, ', account ', a.id, ' in ', a.currency)
                    FROM ledger_entry e JOIN account a ON a.id = e.account_id
                    WHERE e.currency <> a.currency"""),
            new Check("Per currency: balances = redemptions + refunds + adjustments - purchases - claw-backs - cash paid out", """
                    SELECT CONCAT(currency, ': balances ', SUM(balances), ', entries ', SUM(entries))
                    FROM (SELECT currency, SUM(balance_minor) AS balances, 0 AS entries FROM account GROUP BY currency
                          UNION ALL
                          SELECT currency, 0, SUM(amount_minor) FROM ledger_entry GROUP BY currency) totals
                    GROUP BY currency HAVING SUM(balances) <> SUM(entries)"""),
            new Check("A replaced card is cancelled and its replacement alone carries its value", """
                    SELECT CONCAT('card ', old.id, ' (', old.status, ') replaced by card ', COALESCE(new.id, 'missing'))
                    FROM gift_card old LEFT JOIN gift_card new ON new.id = old.replaced_by_card_id
                    WHERE old.replaced_by_card_id IS NOT NULL
                      AND (new.id IS NULL OR old.status <> 'CANCELLED' OR new.amount_minor <> old.amount_minor
                           OR new.currency <> old.currency OR COALESCE(new.replaces_card_id, 0) <> old.id)
                    UNION ALL
                    SELECT CONCAT('card ', new.id, ' replaces card ', new.replaces_card_id, ', which does not point back')
                    FROM gift_card new LEFT JOIN gift_card old ON old.id = new.replaces_card_id
                    WHERE new.replaces_card_id IS NOT NULL AND COALESCE(old.replaced_by_card_id, 0) <> new.id"""),
            new Check("Each card's value journal ends where the card is, and adds up to what it is owed", """
                    SELECT CONCAT('card ', c.id, ' (', c.status, ', owed ', owed.minor, '): journal at ',
                                  COALESCE(last.status_after, 'nothing'), ', owed ', COALESCE(last.owed_minor, 0),
                                  ', changes adding up to ', COALESCE(sums.total, 0))
                    FROM gift_card c
                    JOIN (SELECT g.id, CASE WHEN g.status IN ('ACTIVE', 'IN_REVIEW')
                                              OR (g.status = 'BLOCKED' AND g.status_before_block = 'ACTIVE')
                                            THEN g.amount_minor ELSE 0 END AS minor
                          FROM gift_card g) owed ON owed.id = c.id
                    LEFT JOIN (SELECT gift_card_id, MAX(id) AS last_id, SUM(change_minor) AS total
                               FROM card_value_journal GROUP BY gift_card_id) sums ON sums.gift_card_id = c.id
                    LEFT JOIN card_value_journal last ON last.id = sums.last_id
                    WHERE last.id IS NULL OR last.status_after <> c.status OR last.owed_minor <> owed.minor
                       OR sums.total <> owed.minor"""),
            new Check("Each closed month still adds up to its rows: nothing slipped in after it closed", """
                    SELECT CONCAT(s.region, ' ', s.month, ': closed at ', s.closing_minor, ' ', s.currency,
                                  ', its rows now add up to ', now.total)
                    FROM finance_statement s
                    JOIN (SELECT c.id,
                                 (SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entry e
                                  JOIN account a ON a.id = e.account_id
                                  WHERE a.region = c.region AND e.currency = c.currency AND e.created_at < c.ends_at
                                    AND e.id <= c.ledger_watermark)
                                 + (SELECT COALESCE(SUM(j.change_minor), 0) FROM card_value_journal j
                                    WHERE j.region = c.region AND j.currency = c.currency AND j.at < c.ends_at
                                      AND j.id <= c.journal_watermark) AS total
                          FROM finance_statement c) now ON now.id = s.id
                    WHERE now.total <> s.closing_minor"""),
            new Check("What an account holds is the sum of its active store holds", """
                    SELECT CONCAT('account ', a.id, ': held ', a.held_minor, ', active holds ',
                                  COALESCE(SUM(h.amount_minor), 0))
                    FROM account a LEFT JOIN store_hold h ON h.account_id = a.id AND h.status = 'ACTIVE'
                    GROUP BY a.id, a.held_minor
                    HAVING a.held_minor <> COALESCE(SUM(h.amount_minor), 0)"""),
            new Check("Each store capture is its purchase entry, and its refunds are its refund entries", """
                    SELECT CONCAT('capture ', c.id, ': entry ', e.id, ' ', e.entry_type, ' ', e.amount_minor,
                                  ', refunded ', c.refunded_minor, ' of ', c.amount_minor)
                    FROM store_capture c JOIN ledger_entry e ON e.id = c.ledger_entry_id
                    LEFT JOIN (SELECT r.capture_id, SUM(r.amount_minor) AS refunded,
                                      SUM(CASE WHEN re.entry_type = 'REFUND' AND re.amount_minor = r.amount_minor
                                               THEN 0 ELSE 1 END) AS wrong
                               FROM store_refund r JOIN ledger_entry re ON re.id = r.ledger_entry_id
                               GROUP BY r.capture_id) refunds ON refunds.capture_id = c.id
                    WHERE e.entry_type <> 'PURCHASE' OR e.amount_minor <> -c.amount_minor
                       OR e.account_id <> c.account_id OR c.refunded_minor <> COALESCE(refunds.refunded, 0)
                       OR COALESCE(refunds.wrong, 0) > 0"""),
            new Check("A capture takes at most its hold, from its account, and a captured hold has its capture", """
                    SELECT CONCAT('capture ', c.id, ' of hold ', h.id, ' (', h.status, '): ', c.amount_minor,
                                  ' taken of ', h.amount_minor, ' held')
                    FROM store_capture c JOIN store_hold h ON h.id = c.hold_id
                    WHERE c.amount_minor > h.amount_minor OR h.status <> 'CAPTURED' OR c.account_id <> h.account_id
                       OR c.currency <> h.currency
                    UNION ALL
                    SELECT CONCAT('hold ', h.id, ' is captured but has no capture')
                    FROM store_hold h LEFT JOIN store_capture c ON c.hold_id = h.id
                    WHERE h.status = 'CAPTURED' AND c.id IS NULL"""),
            new Check("Each till payment's hold, capture and refunds agree", """
                    SELECT CONCAT('till payment ', p.id, ': hold ', h.id, ' of ', h.client_id, ' for account ',
                                  h.account_id)
                    FROM till_payment p JOIN store_hold h ON h.id = p.hold_id
                    WHERE h.client_id <> CONCAT('till:', p.store_code) OR h.account_id <> p.account_id
                       OR h.currency <> p.currency OR h.order_reference <> p.reference
                    UNION ALL
                    SELECT CONCAT('till refund ', v.id, ' (', v.status, ') of payment ', p.id, ': refund ',
                                  COALESCE(r.id, 'none'))
                    FROM value_request v JOIN till_payment p ON p.id = v.till_payment_id
                    LEFT JOIN store_refund r ON r.value_request_id = v.id
                    LEFT JOIN store_capture c ON c.id = r.capture_id
                    WHERE v.kind = 'TILL_REFUND'
                      AND ((v.status = 'DONE') <> (r.id IS NOT NULL)
                           OR (r.id IS NOT NULL AND (r.amount_minor <> v.amount_minor OR c.hold_id <> p.hold_id)))
                    UNION ALL
                    SELECT CONCAT('refund ', r.id, ' of till payment ', p.id, ' was not asked at its till')
                    FROM till_payment p JOIN store_capture c ON c.hold_id = p.hold_id
                    JOIN store_refund r ON r.capture_id = c.id
                    LEFT JOIN value_request v ON v.id = r.value_request_id
                    WHERE v.id IS NULL OR v.kind <> 'TILL_REFUND' OR v.till_payment_id <> p.id"""),
            new Check("A card a till's sale activated is not unsold, and was sold for its value", """
                    SELECT CONCAT('activation ', a.id, ' (', a.status, ', ', a.amount_minor, ' ', a.currency,
                                  ') of card ', g.id, ' (', g.status, ', ', g.amount_minor, ' ', g.currency, ')')
                    FROM card_activation a JOIN gift_card g ON g.id = a.gift_card_id
                    WHERE (a.status = 'ACTIVE' AND (g.status = 'ISSUED'
                           OR (g.status = 'BLOCKED' AND g.status_before_block = 'ISSUED')))
                       OR a.amount_minor <> g.amount_minor OR a.currency <> g.currency"""));

    /** Runs every check in one snapshot. */
    public List<CheckResult> run() {
        try (Connection connection = dataSource.getConnection()) {
            return run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("The money checks could not run", e);
        }
    }

    /**
     * Runs every check in one snapshot on this connection (also the fault benchmark's judge, from outside): one
     * repeatable-read transaction, whose first read fixes what every check sees. It writes nothing.
     */
    public static List<CheckResult> run(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            List<CheckResult> results = new ArrayList<>();
            for (Check check : CHECKS) {
                results.add(run(statement, check));
            }
            return results;
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static CheckResult run(Statement statement, Check check) throws SQLException {
        List<String> examples = new ArrayList<>();
        long count = 0;
        try (ResultSet rows = statement.executeQuery(check.sql())) {
            while (rows.next()) {
                count++;
                if (examples.size() < EXAMPLES) {
                    examples.add(rows.getString(1));
                }
            }
        }
        return new CheckResult(check.name(), count, List.copyOf(examples));
    }
}
