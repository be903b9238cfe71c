package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.redeem.RedemptionOutcome;
import org.giftportal.redeem.RedemptionService;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/**
 * The card value journal: every change of a card's value state is a row the database writes with the change, whatever
 * made it, saying what happened and what the card is owed for after it; the rows can't be changed or deleted, and
 * each card's rows add up to what it is owed now.
 */
@QuarkusTest
class CardValueJournalTest {
    @Inject
    CardDesk desk;

    @Inject
    CardIssuing issuing;

    @Inject
    RedemptionService redemptions;

    @Inject
    MoneyChecks moneyChecks;

    @Inject
    org.giftportal.site.Regions regions;

    @Inject
    org.giftportal.testsupport.TestClock clock;

    @Test
    void aCardsLifeIsJournaledWithWhatItIsOwedAfterEachStep() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 60);
        long id = card.card().id;
        change(id, found -> found.activate(Instant.now(), regions.orDefault("US")));
        change(id, found -> found.deactivate(Instant.now()));
        change(id, found -> found.activate(Instant.now(), regions.orDefault("US")));
        Actor staff = new Actor("journal-" + UUID.randomUUID(), "Journal Staff", null);
        desk.act(staff, CardDesk.Action.BLOCK, id, TestCards.reload(card).version(), "Reported lost");
        desk.act(staff, CardDesk.Action.UNBLOCK, id, TestCards.reload(card).version(), "Found again");
        Account account = TestAccounts.create("US", "USD");
        assertThat(redemptions.redeem(account.id, card.code().formatted(), new RedemptionService.Visit("10.32.0.1",
                "Firefox on Linux"), UUID.randomUUID().toString())).isInstanceOf(RedemptionOutcome.Redeemed.class);

        assertThat(journal(id)).isEqualTo("ISSUED ISSUED 0 0; ACTIVATED ACTIVE 6000 6000; SALE_VOIDED ISSUED 0 -6000;"
                + " ACTIVATED ACTIVE 6000 6000; BLOCKED BLOCKED 6000 0; UNBLOCKED ACTIVE 6000 0;"
                + " REDEEMED REDEEMED 0 -6000");
        assertMoneyChecksHold();
    }

    @Test
    void aReplacementIsOneCardLeavingAndOneComingWithTheSameValue() throws Exception {
        IssuedCard lost = TestCards.active("US", 35);
        long replacement = QuarkusTransaction.requiringNew().call(() -> {
            GiftCard old = GiftCard.findById(lost.card().id);
            old.block(Instant.now());
            IssuedCard issued = issuing.issueReplacement(old, CardStatus.ACTIVE);
            old.replacedBy(issued.card());
            return issued.card().id;
        });

        assertThat(journal(lost.card().id)).isEqualTo("ISSUED_ACTIVE ACTIVE 3500 3500; BLOCKED BLOCKED 3500 0;"
                + " REPLACED CANCELLED 0 -3500");
        assertThat(journal(replacement)).isEqualTo("REPLACEMENT_ISSUED ACTIVE 3500 3500");
        assertMoneyChecksHold();
    }

    @Test
    void journalRowsAreDatedByThePortalsClockAsTheLedgersEntriesAre() throws Exception {
        clock.advance(java.time.Duration.ofDays(40));
        IssuedCard card = TestCards.active("US", 30);
        desk.act(new Actor("journal-" + UUID.randomUUID(), "Journal Staff", null), CardDesk.Action.BLOCK,
                card.card().id, TestCards.reload(card).version(), "Reported lost");

        java.time.Instant blockedAt = java.time.LocalDateTime.parse(Database.text("SELECT DATE_FORMAT(MAX(at),"
                + " '%Y-%m-%dT%H:%i:%s.%f') FROM card_value_journal WHERE gift_card_id = ? AND event = 'BLOCKED'",
                card.card().id)).toInstant(java.time.ZoneOffset.UTC);
        assertThat(blockedAt).isBetween(clock.instant().minusSeconds(30), clock.instant());
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAJournalRow() throws Exception {
        long card = TestCards.active("US", 25).card().id;
        long row = Database.number("SELECT MAX(id) FROM card_value_journal WHERE gift_card_id = ?", card);

        assertThatThrownBy(() -> Database.update("UPDATE card_value_journal SET owed_minor = 0 WHERE id = ?", row))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Database.update("DELETE FROM card_value_journal WHERE id = ?", row))
                .hasMessageContaining("append-only");
    }

    private static void change(long cardId, java.util.function.Consumer<GiftCard> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(GiftCard.findById(cardId)));
    }

    /** The card's rows: event, state after, owed after, change; oldest first. */
    private static String journal(long cardId) throws Exception {
        return Database.text("SELECT GROUP_CONCAT(CONCAT_WS(' ', event, status_after, owed_minor, change_minor)"
                + " ORDER BY id SEPARATOR '; ') FROM card_value_journal WHERE gift_card_id = ?", cardId);
    }

    private void assertMoneyChecksHold() {
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }
}
