package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.site.Regions;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/**
 * A card's validity runs from its sale or activation, in its region's calendar (India's cards last ten years; a batch card on a shelf loses none);
 * when it ends, the expiry job expires the card once, whoever runs it at the same instant, and the journal says its
 * value left as expired. A blocked card waits for staff.
 */
@QuarkusTest
class CardExpiryTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Inject
    CardExpiry expiry;

    @Inject
    Regions regions;

    @Inject
    TestClock clock;

    @Inject
    MoneyChecks moneyChecks;

    @Test
    void aBatchCardsValidityStartsWhenItIsSoldNotWhenItWasPrinted() {
        clock.travelTo(LocalDateTime.parse("2034-01-10T09:00:00").atZone(KOLKATA).toInstant());
        IssuedCard onTheShelf = TestCards.notActivated("IN", 500);
        assertThat(TestCards.reload(onTheShelf).expiresAt).as("unsold: no validity yet").isNull();

        clock.travelTo(LocalDateTime.parse("2035-06-20T15:30:00").atZone(KOLKATA).toInstant());
        QuarkusTransaction.requiringNew().run(() -> GiftCard.<GiftCard>findById(onTheShelf.card().id)
                .activate(clock.instant(), regions.find("IN").orElseThrow()));

        assertThat(TestCards.reload(onTheShelf).expiresAt.atZone(KOLKATA).toLocalDateTime()
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).isEqualTo(LocalDateTime.parse("2045-06-20T15:30"));
    }

    @Test
    void cardsWhoseValidityEndedExpireOnceEvenWhenTwoInstancesRunTheJobAtOnce() throws Exception {
        IssuedCard ended = TestCards.expired("IN", 700);
        IssuedCard blocked = TestCards.activeThen("IN", 300, card -> {
            card.expiresAt = clock.instant().minus(Duration.ofDays(2));
            card.block(clock.instant());
        });
        IssuedCard stillValid = TestCards.active("IN", 400);

        List<Integer> expired = Race.twice(() -> expiry.expireDue());

        assertThat(expired.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
        assertThat(TestCards.reload(ended).status).isEqualTo(CardStatus.EXPIRED);
        assertThat(TestCards.reload(blocked).status).as("blocked: staff decide first").isEqualTo(CardStatus.BLOCKED);
        assertThat(TestCards.reload(stillValid).status).isEqualTo(CardStatus.ACTIVE);
        assertThat(journal(ended.card().id)).isEqualTo("ISSUED_ACTIVE 70000; EXPIRED -70000");
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }

    private static String journal(long cardId) throws Exception {
        return Database.text("SELECT GROUP_CONCAT(CONCAT(event, ' ', change_minor) ORDER BY id SEPARATOR '; ')"
                + " FROM card_value_journal WHERE gift_card_id = ?", cardId);
    }
}
