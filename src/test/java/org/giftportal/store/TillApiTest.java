package org.giftportal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/** The stores' tills activate the physical cards they sell, by printed number, and undo a cancelled sale. */
@QuarkusTest
class TillApiTest {
    private static final String ACTIVATIONS = "/api/v1/cards/activations";

    @Test
    void eachClientCallsOnlyItsOwnPartOfTheApi() {
        IssuedCard unsold = TestCards.notActivated("US", 50);

        StoreClients.checkout().body(sale(unsold, 5_000, "USD")).post(ACTIVATIONS).then().statusCode(403);
        StoreClients.till().body(Map.of("account", "x", "currency", "USD", "orderReference", "W-1", "amount",
                100))
                .post("/api/v1/holds").then().statusCode(403);
        assertThat(TestCards.reload(unsold).status).isEqualTo(CardStatus.ISSUED);
    }

    @Test
    void aSoldCardIsActivatedOnceForItsValueAndACancelledSaleMakesItUnsoldAgain() throws Exception {
        IssuedCard unsold = TestCards.notActivated("US", 50);

        StoreClients.till().body(sale(unsold, 4_999, "USD")).post(ACTIVATIONS).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("/api/problems/amount-mismatch"));
        StoreClients.till().body(sale(unsold, 5_000, "GBP")).post(ACTIVATIONS).then().statusCode(422)
                .body("type", equalTo("/api/problems/currency-mismatch"));
        StoreClients.till().body(Map.of("cardNumber", "1234", "amount", 5_000, "currency", "USD",
                "storeReference", "R-1"))
                .post(ACTIVATIONS).then().statusCode(422).body("type", equalTo("/api/problems/invalid-request"));
        assertThat(TestCards.reload(unsold).status).isEqualTo(CardStatus.ISSUED);

        // Two tills scan the same card at the same instant: one sale goes through.
        List<Integer> statuses = Race.twice(() -> StoreClients.till().body(sale(unsold, 5_000, "USD"))
                .post(ACTIVATIONS).statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(TestCards.reload(unsold).status).isEqualTo(CardStatus.ACTIVE);
        long saleId = Database.number("SELECT id FROM card_activation WHERE gift_card_id = ?", unsold.card().id);

        StoreClients.till().post(ACTIVATIONS + "/" + saleId + "/void").then().statusCode(200)
                .body("status", equalTo("voided"))
                .body("cardStatus", equalTo("issued"));
        assertThat(TestCards.reload(unsold).status).isEqualTo(CardStatus.ISSUED);
        StoreClients.till().post(ACTIVATIONS + "/" + saleId + "/void").then().statusCode(409)
                .body("type", equalTo("/api/problems/activation-voided"));
        try (Browser support = Browser.open()) {
            support.signIn(Shoppers.support());
            assertThat(support.open("/backoffice/cards/" + unsold.card().cardNumber).asNormalizedText())
                    .contains("Sold and activated at a till (receipt STORE-1/TILL-2/")
                    .contains("Sale cancelled at the till: unsold again").contains("store-till");
        }

        long again = StoreClients.till().body(sale(unsold, 5_000, "USD")).post(ACTIVATIONS).then().statusCode(201)
                .body("cardStatus", equalTo("active")).extract().<Integer>path("id");
        Database.update("UPDATE gift_card SET status = 'BLOCKED', status_before_block = 'ACTIVE' WHERE id = ?",
                unsold.card().id);
        StoreClients.till().post(ACTIVATIONS + "/" + again + "/void").then().statusCode(409)
                .body("type", equalTo("/api/problems/card-blocked"));
        StoreClients.till().body(sale(TestCards.active("US", 25), 2_500, "USD")).post(ACTIVATIONS).then()
                .statusCode(409)
                .body("type", equalTo("/api/problems/card-not-unsold"));
    }

    @Test
    void aClientReadsAndVoidsOnlyTheActivationsItMade() throws Exception {
        IssuedCard mine = TestCards.notActivated("US", 30);
        long own = StoreClients.till().body(sale(mine, 3_000, "USD")).post(ACTIVATIONS).then().statusCode(201)
                .extract().<Integer>path("id");
        StoreClients.till().get(ACTIVATIONS + "/" + own).then().statusCode(200).body("status", equalTo("active"))
                .body("cardStatus", equalTo("active"));
        // Sold at a store's own till (the cashiers' page), not by this client.
        IssuedCard theirs = TestCards.notActivated("US", 30);
        Database.update("UPDATE gift_card SET status = 'ACTIVE' WHERE id = ?", theirs.card().id);
        Database.update("INSERT INTO card_activation (gift_card_id, client_id, store_reference, amount_minor, currency,"
                + " status, created_at) VALUES (?, 'till:US-NYC-01', 'US-NYC-01-0000000001', 3000, 'USD', 'ACTIVE',"
                + " NOW(6))", theirs.card().id);
        long other = Database.number("SELECT id FROM card_activation WHERE gift_card_id = ?", theirs.card().id);

        StoreClients.till().get(ACTIVATIONS + "/" + other).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("/api/problems/activation-not-found"));
        StoreClients.till().post(ACTIVATIONS + "/" + other + "/void").then().statusCode(404)
                .body("type", equalTo("/api/problems/activation-not-found"));

        assertThat(TestCards.reload(theirs).status).as("another till's sale stands").isEqualTo(CardStatus.ACTIVE);
        assertThat(Database.text("SELECT status FROM card_activation WHERE id = ?", other)).isEqualTo("ACTIVE");
    }

    private static Map<String, Object> sale(IssuedCard card, long amount, String currency) {
        return Map.of("cardNumber", card.card().formattedCardNumber(), "amount", amount, "currency", currency,
                "storeReference", "STORE-1/TILL-2/" + UUID.randomUUID().toString().substring(0, 6));
    }
}
