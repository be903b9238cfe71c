package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.giftportal.card.CardNumber;

/**
 * Gives every card issued before card numbers existed a random one, under the configured prefix, as the portal
 * issues them now. A number taken already is drawn again.
 */
public class V11__Card_numbers_for_existing_cards extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        String prefix = ConfigProvider.getConfig().getOptionalValue("portal.card-numbers.prefix", String.class)
                .orElse("9990");
        List<Long> cards = new ArrayList<>();
        try (PreparedStatement select = context.getConnection().prepareStatement(
                "SELECT id FROM gift_card WHERE card_number IS NULL");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                cards.add(rows.getLong(1));
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement(
                "UPDATE gift_card SET card_number = ? WHERE id = ?")) {
            for (long card : cards) {
                numberCard(update, card, prefix);
            }
        }
    }

    /** Draws numbers until one is free: the unique key on card_number says when one is taken. */
    private static void numberCard(PreparedStatement update, long card, String prefix) throws SQLException {
        while (true) {
            update.setString(1, CardNumber.generate(prefix).digits());
            update.setLong(2, card);
            try {
                update.executeUpdate();
                return;
            } catch (SQLIntegrityConstraintViolationException taken) {
                // drawn again
            }
        }
    }
}
