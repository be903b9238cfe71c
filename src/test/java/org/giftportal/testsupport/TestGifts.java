package org.giftportal.testsupport;

import java.sql.SQLException;
import java.util.UUID;
import org.giftportal.card.IssuedCard;

/** E-gifts made straight in the database around an issued card, for tests of what happens to gifts later. */
public final class TestGifts {
    private TestGifts() {
    }

    /**
     * Makes the card an e-gift: a one-line order of the card's region and a gift to the recipient, delivered a day
     * ago. Returns the gift's id.
     */
    public static long deliveredGift(IssuedCard card, String recipient, String senderZone) throws SQLException {
        String reference = "G-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        Database.update("INSERT INTO gift_order (reference, name, region, currency, sender_zone, source, status,"
                + " line_count, problem_count, created_by_subject, created_by_name, created_at) VALUES (?, 'Test',"
                + " ?, ?, ?, 'CSV', 'CHECKED', 1, 0, 'someone', 'Someone', NOW(6))", reference, card.card().region,
                card.card().currency, senderZone);
        long order = Database.number("SELECT id FROM gift_order WHERE reference = ?", reference);
        Database.update("INSERT INTO gift (order_id, line_number, recipient_name, recipient_email, sender_name,"
                + " theme, amount_minor, currency, deliver_at, sender_zone, gift_card_id, token_hash, created_at)"
                + " VALUES (?, 1, 'Rosa', ?, 'Aunt May', 'BIRTHDAY', ?, ?, NOW(6) - INTERVAL 1 DAY, ?, ?,"
                + " UNHEX(SHA2(UUID(), 256)), NOW(6))", order, recipient, card.card().amountMinor,
                card.card().currency, senderZone, card.card().id);
        return Database.number("SELECT id FROM gift WHERE order_id = ?", order);
    }
}
