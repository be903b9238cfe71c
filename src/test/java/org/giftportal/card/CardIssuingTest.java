package org.giftportal.card;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issuing cards: codes returned once and stored only as hash and last four, values within the region's range. */
@QuarkusTest
class CardIssuingTest {

    @Inject
    CardIssuing issuing;

    @Inject
    GiftCards cards;

    @Test
    void aBatchGetsDistinctCodesStoredOnlyAsHashAndLastFour() throws Exception {
        List<IssuedCard> batch = issuing.issueBatch(new CardIssuing.Order("US", 100, true, "batch-test"), 5);

        assertThat(batch).hasSize(5);
        assertThat(batch.stream().map(issued -> issued.code().formatted()).distinct()).hasSize(5);
        for (IssuedCard issued : batch) {
            GiftCard stored = QuarkusTransaction.requiringNew().call(() -> cards.find(issued.code()).orElseThrow());
            assertThat(stored.amountMinor).isEqualTo(10_000);
            assertThat(stored.currency).isEqualTo("USD");
            assertThat(stored.status).isEqualTo(CardStatus.ACTIVE);
            assertThat(stored.codeLast4).isEqualTo(issued.code().lastFour());
            assertThat(stored.codeHash).hasSize(32).as("keyed, not a plain digest of the code").isNotEqualTo(
                    MessageDigest.getInstance("SHA-256").digest(issued.code().canonical().getBytes(US_ASCII)));
        }
    }

    @Test
    void valuesOutsideTheRegionsRangeAreRefused() {
        assertThatThrownBy(() -> issuing.issue(new CardIssuing.Order("US", 24, true, null)))
                .hasMessageContaining("25 to 2000 USD");
        assertThatThrownBy(() -> issuing.issue(new CardIssuing.Order("US", 2001, true, null)))
                .hasMessageContaining("25 to 2000 USD");
        assertThatThrownBy(() -> issuing.issue(new CardIssuing.Order("IN", 50, true, null)))
                .hasMessageContaining("100 to 10000 INR");
        assertThatThrownBy(() -> issuing.issue(new CardIssuing.Order("FR", 50, true, null)))
                .hasMessageContaining("Unknown region");
    }

    @Test
    void cardsExpireOnlyWhereTheRegionSaysSo() {
        GiftCard us = issuing.issue(new CardIssuing.Order("US", 25, true, null)).card();
        GiftCard indiaOnline = issuing.issue(new CardIssuing.Order("IN", 500, true, null)).card();
        GiftCard indiaUnsold = issuing.issue(new CardIssuing.Order("IN", 500, false, null)).card();

        assertThat(us.expiresAt).isNull();
        assertThat(Duration.between(Instant.now(), indiaOnline.expiresAt).toDays()).isBetween(3650L, 3654L);
        assertThat(indiaUnsold.status).isEqualTo(CardStatus.ISSUED);
        assertThat(indiaUnsold.expiresAt).as("validity starts at the sale").isNull();
    }

    @Test
    void aCodeAlreadyInUseIsNeverIssuedTwice() {
        IssuedCard first = issuing.issue(new CardIssuing.Order("US", 25, true, null));

        assertThatThrownBy(() -> issuing.issue(new CardIssuing.Order("US", 50, true, null), first.code()))
                .hasMessageContaining("already in use");
    }
}
