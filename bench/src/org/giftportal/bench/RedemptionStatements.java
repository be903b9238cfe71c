package org.giftportal.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * One redemption's SQL on one connection, the statements the portal's redeem transaction sends, without the
 * portal: what a redemption costs the database alone.
 */
final class RedemptionStatements implements AutoCloseable {
    private final Connection connection;
    private final long accountId;
    private final String accountScope;
    private final PreparedStatement lockScope;
    private final PreparedStatement lockedUntil;
    private final PreparedStatement card;
    private final PreparedStatement account;
    private final PreparedStatement redeemCard;
    private final PreparedStatement entry;
    private final PreparedStatement balance;
    private final PreparedStatement signals;

    RedemptionStatements(Connection connection, long accountId) throws SQLException {
        this.connection = connection;
        this.accountId = accountId;
        this.accountScope = "account:" + accountId;
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        lockScope = connection.prepareStatement("INSERT INTO claim_guard (scope_key, look_ups) VALUES (?, 1)"
                + " ON DUPLICATE KEY UPDATE look_ups = look_ups + 1");
        lockedUntil = connection.prepareStatement("SELECT MAX(locked_until) FROM claim_guard"
                + " WHERE scope_key IN (?, ?) AND locked_until > ?");
        card = connection.prepareStatement("SELECT id, amount_minor, currency, region, status, expires_at, version"
                + " FROM gift_card WHERE code_hash = ? FOR UPDATE");
        account = connection.prepareStatement("SELECT balance_minor, region FROM account WHERE id = ? FOR UPDATE");
        redeemCard = connection.prepareStatement("UPDATE gift_card SET status = 'REDEEMED',"
                + " redeemed_by_account_id = ?, redeemed_at = ?, version = version + 1 WHERE id = ? AND version = ?");
        entry = connection.prepareStatement("INSERT INTO ledger_entry (account_id, entry_type, amount_minor,"
                + " balance_after_minor, currency, gift_card_id, card_last4, description, request_id, created_at)"
                + " VALUES (?, 'REDEMPTION', ?, ?, ?, ?, 'BNCH', 'Gift card redeemed', ?, ?)");
        balance = connection.prepareStatement("UPDATE account SET balance_minor = ?, total_redeemed_minor ="
                + " total_redeemed_minor + ?, last_activity_at = ? WHERE id = ?");
        // The fraud rules' one look (redeem.FraudSignals), with the windows of the defaults.
        signals = connection.prepareStatement("""
                SELECT COALESCE(SUM(CASE WHEN r.at > ? THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.at > ? THEN r.amount_minor ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.at > ? AND r.amount_minor >= 20000 THEN 1 ELSE 0 END), 0),
                       (SELECT g.locked_until FROM claim_guard g WHERE g.scope_key = 'address:127.0.0.1'),
                       (SELECT COUNT(*) FROM code_look_up k WHERE k.code_hash = ? AND k.account_id <> ?
                          AND k.looked_up_at > ?),
                       (SELECT GROUP_CONCAT(w.rule) FROM scam_warning w WHERE w.session_key = 'bench')
                FROM ((SELECT e.amount_minor, e.created_at AS at FROM ledger_entry e
                       WHERE e.account_id = ? AND e.entry_type = 'REDEMPTION' AND e.created_at > ?
                       ORDER BY e.created_at DESC LIMIT 32)
                      UNION ALL
                      (SELECT v.amount_minor, v.held_at FROM redemption_review v
                       WHERE v.account_id = ? AND v.status = 'WAITING' AND v.held_at > ?
                       ORDER BY v.held_at DESC LIMIT 32)) r""");
    }

    private void readSignals(byte[] codeHash, Timestamp now) throws SQLException {
        Timestamp hourAgo = Timestamp.from(now.toInstant().minusSeconds(3600));
        Timestamp tenMinutesAgo = Timestamp.from(now.toInstant().minusSeconds(600));
        Timestamp halfHourAgo = Timestamp.from(now.toInstant().minusSeconds(1800));
        signals.setTimestamp(1, tenMinutesAgo);
        signals.setTimestamp(2, hourAgo);
        signals.setTimestamp(3, halfHourAgo);
        signals.setBytes(4, codeHash);
        signals.setLong(5, accountId);
        signals.setTimestamp(6, halfHourAgo);
        signals.setLong(7, accountId);
        signals.setTimestamp(8, hourAgo);
        signals.setLong(9, accountId);
        signals.setTimestamp(10, hourAgo);
        single(signals);
    }

    boolean redeem(byte[] codeHash) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        String requestId = UUID.randomUUID().toString();
        try {
            lockScope.setString(1, accountScope);
            lockScope.executeUpdate();
            lockedUntil.setString(1, accountScope);
            lockedUntil.setString(2, "address:127.0.0.1");
            lockedUntil.setTimestamp(3, now);
            single(lockedUntil);
            card.setBytes(1, codeHash);
            long cardId;
            long amount;
            String currency;
            long version;
            try (ResultSet row = card.executeQuery()) {
                if (!row.next()) {
                    connection.rollback();
                    return false;
                }
                cardId = row.getLong(1);
                amount = row.getLong(2);
                currency = row.getString(3);
                version = row.getLong(7);
            }
            account.setLong(1, accountId);
            long balanceAfter;
            readSignals(codeHash, now);
            try (ResultSet row = account.executeQuery()) {
                row.next();
                balanceAfter = row.getLong(1) + amount;
            }
            redeemCard.setLong(1, accountId);
            redeemCard.setTimestamp(2, now);
            redeemCard.setLong(3, cardId);
            redeemCard.setLong(4, version);
            redeemCard.executeUpdate();
            entry.setLong(1, accountId);
            entry.setLong(2, amount);
            entry.setLong(3, balanceAfter);
            entry.setString(4, currency);
            entry.setLong(5, cardId);
            entry.setString(6, requestId);
            entry.setTimestamp(7, now);
            entry.executeUpdate();
            balance.setLong(1, balanceAfter);
            balance.setLong(2, amount);
            balance.setTimestamp(3, now);
            balance.setLong(4, accountId);
            balance.executeUpdate();
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            row.next();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
