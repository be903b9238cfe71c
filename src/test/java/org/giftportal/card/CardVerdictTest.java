package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.giftportal.account.Account;
import org.junit.jupiter.api.Test;

/** What a card says to a shopper who types its code, decided by the card alone: no database, no stack. */
class CardVerdictTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void anActiveCardOfTheShoppersRegionIsRedeemableAndAnotherRegionsIsNot() {
        assertThat(card(CardStatus.ACTIVE, "US").verdictFor(shopper(1, "US"), NOW))
                .isEqualTo(new CardVerdict.Redeemable());
        assertThat(card(CardStatus.ACTIVE, "GB").verdictFor(shopper(1, "US"), NOW))
                .isEqualTo(new CardVerdict.WrongRegion("GB"));
    }

    @Test
    void aRedeemedCardTellsItsRedeemerWhenAndAnyoneElseOnlyThatItIsUsed() {
        GiftCard card = card(CardStatus.REDEEMED, "US");
        card.redeemedByAccountId = 1L;
        card.redeemedAt = NOW.minus(Duration.ofDays(3));

        assertThat(card.verdictFor(shopper(1, "US"), NOW)).isEqualTo(new CardVerdict.AlreadyRedeemedByYou(
                card.redeemedAt));
        assertThat(card.verdictFor(shopper(2, "US"), NOW)).isEqualTo(new CardVerdict.AlreadyRedeemedBySomeoneElse());
    }

    @Test
    void blockedCancelledUnsoldAndExpiredCardsSayWhy() {
        GiftCard expired = card(CardStatus.ACTIVE, "US");
        expired.expiresAt = NOW;

        assertThat(card(CardStatus.BLOCKED, "US").verdictFor(shopper(1, "US"), NOW))
                .isEqualTo(new CardVerdict.ReportedLostOrStolen());
        assertThat(card(CardStatus.CANCELLED, "US").verdictFor(shopper(1, "US"), NOW))
                .isEqualTo(new CardVerdict.Cancelled());
        assertThat(card(CardStatus.ISSUED, "US").verdictFor(shopper(1, "US"), NOW))
                .isEqualTo(new CardVerdict.NotActivated());
        assertThat(expired.verdictFor(shopper(1, "US"), NOW)).as("expired at this very instant")
                .isEqualTo(new CardVerdict.Expired(NOW));
        assertThat(expired.verdictFor(shopper(1, "US"), NOW.minusMillis(1))).isEqualTo(new CardVerdict.Redeemable());
    }

    private static GiftCard card(CardStatus status, String region) {
        GiftCard card = new GiftCard();
        card.status = status;
        card.region = region;
        return card;
    }

    private static Account shopper(long id, String region) {
        Account account = new Account();
        account.id = id;
        account.region = region;
        return account;
    }
}
