package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * An admin issues a batch: checked, confirmed, and its claim codes handed over once as the answer of the confirming
 * POST; physical cards start unsold and become spendable when activated; above the limits a second admin confirms.
 */
@QuarkusTest
class CardBatchTest {

    @Test
    void aPhysicalBatchIsIssuedUnsoldItsCodesDownloadOnceAndActivationMakesThemSpendable() throws Exception {
        List<String[]> rows;
        String reference;
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            HtmlPage confirm = check(admin, "US", "25", "3", "Store 12 holiday stand", "physical");
            assertThat(confirm.asNormalizedText()).contains("Issue 3 physical cards of $25.00 in the United States")
                    .contains("$75.00 in all").contains("never expire");
            HtmlForm issue = Forms.form(confirm, "/backoffice/batches/issue");

            HtmlPage issued = Forms.submit(issue);
            HtmlPage again = Forms.submit(issue);

            assertThat(issued.getWebResponse().getResponseHeaderValue("Cache-Control")).isEqualTo("no-store");
            assertThat(issued.asNormalizedText()).containsPattern("Batch B\\S+ is issued: 3 cards of \\$25\\.00")
                    .contains("Save the claim codes now").doesNotContain("Issue the cards");
            rows = savedCodes(issued).lines().skip(1).map(line -> line.split(",")).toList();
            assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row[4] + " " + row[5]).isEqualTo("US ISSUED"));
            reference = rows.get(0)[7];
            assertThat(issued.getAnchorByText("Go to the batch").getHrefAttribute())
                    .isEqualTo("/backoffice/batches/" + reference);
            assertThat(again.getUrl().getPath()).isEqualTo("/backoffice/batches/" + reference);
            assertThat(again.asNormalizedText()).contains("This batch was issued when you first sent the form")
                    .doesNotContain(rows.get(0)[1]).doesNotContain("Save the claim codes");
            assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference))
                    .isEqualTo(3);

            HtmlPage batch = admin.open("/backoffice/batches/" + reference);
            assertThat(batch.asNormalizedText()).contains("3 issued, not activated")
                    .doesNotContain(rows.get(0)[1]).contains(rows.get(0)[0].substring(12));
            try (Browser shopper = Browser.open()) {
                shopper.signIn(Shoppers.customer("US"));
                assertThat(shopper.redeem(rows.get(0)[1]).getElementById("problem-title").getTextContent())
                        .isEqualTo("This card hasn't been activated yet");

                HtmlPage activated = Forms.send(batch, "/activate", Map.of("reason", "The stand sold out today."));

                assertThat(activated.asNormalizedText()).contains("unsold cards are active").contains("3 active");
                assertThat(shopper.redeem(rows.get(1)[1]).asNormalizedText()).contains("$25.00");
            }
            assertThat(admin.open("/backoffice/batches").asNormalizedText()).contains(reference)
                    .contains("Store 12 holiday stand").contains("2 active, 1 redeemed");
        }
        assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE target_label = ?",
                reference)).isEqualTo("issue.done,activate.done");
    }

    @Test
    void aBatchAboveTheLimitIsIssuedWhenASecondAdminApprovesAndTheCodesGoToThem() throws Exception {
        try (Browser requester = Browser.open(); Browser second = Browser.open()) {
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());
            HtmlPage confirm = check(requester, "GB", "50", "10", "Corporate thank-you", "online");
            assertThat(confirm.asNormalizedText()).contains("£500.00 in all").contains("a second admin approves it");

            HtmlPage waiting = Forms.submit(Forms.form(confirm, "/backoffice/batches/issue"));
            assertThat(waiting.asNormalizedText()).contains("waits for another admin");
            assertThat(waiting.asNormalizedText()).doesNotContain("claim_code");

            HtmlPage codes = Forms.submit(Forms.form(second.open(waiting.getUrl().getPath()), "/approve"));

            List<String> lines = savedCodes(codes).lines().toList();
            assertThat(lines).hasSize(11);
            assertThat(lines.get(1)).contains(",50.00,GBP,GB,ACTIVE,");
        }
    }

    @Test
    void anActivationApprovedAfterTheBatchGainedAnUnsoldCardActivatesNothing() throws Exception {
        String reference = "B-TEST-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Database.update("INSERT INTO card_batch (reference, name, region, currency, card_value_minor, card_count,"
                + " physical, value_request_id, issued_by_subject, issued_by_name, issued_at) VALUES (?, 'Race',"
                + " 'GB', 'GBP', 25000, 3, TRUE, ?, 'someone', 'Someone', NOW(6))", reference, -System.nanoTime());
        List<Long> cards = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = TestCards.notActivated("GB", 250).card().id;
            Database.update("UPDATE gift_card SET batch_reference = ? WHERE id = ?", reference, id);
            cards.add(id);
        }
        // Reported lost before it was sold: not among the unsold cards when the activation is asked for.
        Database.update("UPDATE gift_card SET status = 'BLOCKED', status_before_block = 'ISSUED' WHERE id = ?",
                cards.get(2));
        try (Browser requester = Browser.open(); Browser second = Browser.open()) {
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());
            HtmlPage waiting = Forms.send(requester.open("/backoffice/batches/" + reference), "/activate",
                    Map.of("reason", "Sold to a company for its staff."));
            assertThat(waiting.asNormalizedText()).contains("waits for another admin").contains("500.00");
            // Found and unblocked meanwhile: unsold again, so the batch now holds £750 of unsold cards.
            Database.update("UPDATE gift_card SET status = 'ISSUED', status_before_block = NULL WHERE id = ?",
                    cards.get(2));

            Page decided = Forms.submit(Forms.form(second.open(waiting.getUrl().getPath()), "/approve"));

            assertThat(((HtmlPage) decided).asNormalizedText()).contains("changed since this was asked for");
        }
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ? AND status = 'ACTIVE'",
                reference)).isZero();
    }

    @Test
    void aBadBatchGetsAClearMessageAndNothingIsIssued() throws Exception {
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("region", ""), "Choose the region the cards are sold in");
        cases.put(Map.of("value", "10"), "Cards in the United States are worth 25 to 2000 USD");
        cases.put(Map.of("value", "25.50"), "Give each card's value as a whole number of USD");
        cases.put(Map.of("count", "0"), "A batch holds 1 to 2000 cards");
        cases.put(Map.of("count", "2001"), "A batch holds 1 to 2000 cards");
        cases.put(Map.of("name", ""), "Name the batch in 3 to 100 characters");
        cases.put(Map.of("kind", "gold"), "Choose whether the cards are physical");
        cases.put(Map.of("reason", ""), "Say why, in a few words");
        long before = Database.number("SELECT COUNT(*) FROM card_batch");
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            for (Map.Entry<Map<String, String>, String> bad : cases.entrySet()) {
                Map<String, String> fields = new LinkedHashMap<>(Map.of("region", "US", "value", "25", "count", "2",
                        "name", "Bad batch", "kind", "physical", "reason", "Testing bad input.",
                        "requestKey", java.util.UUID.randomUUID().toString()));
                fields.putAll(bad.getKey());

                HtmlPage page = admin.postForm("/backoffice/batches/issue", fields);

                assertThat(page.getWebResponse().getStatusCode()).as(bad.getKey().toString()).isEqualTo(422);
                assertThat(page.asNormalizedText()).as(bad.getKey().toString()).contains(bad.getValue());
            }
        }
        assertThat(Database.number("SELECT COUNT(*) FROM card_batch")).isEqualTo(before);
    }

    @Test
    void anAdminActivatesOneSoldCardFromItsPage() throws Exception {
        IssuedCard card = TestCards.notActivated("US", 50);
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());

            HtmlPage done = Forms.send(admin.open("/backoffice/cards/" + card.card().cardNumber), "/activate",
                    Map.of("reason", "Sold at the customer service desk."));

            assertThat(done.asNormalizedText()).contains("the card is now active").contains("Activated by staff");
        }
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.ACTIVE);
        assertThat(TestCards.reload(card).activatedAt).isNotNull();
    }

    /** The file the hand-over page's link saves: it is in the page itself, and nowhere else. */
    private static String savedCodes(HtmlPage page) {
        org.htmlunit.html.HtmlAnchor save = page.getFirstByXPath("//a[@download]");
        assertThat(save.getAttribute("download")).startsWith("batch-B").endsWith("-codes.csv");
        String href = save.getHrefAttribute();
        assertThat(href).startsWith("data:text/csv;charset=UTF-8;base64,");
        return new String(java.util.Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HtmlPage check(Browser admin, String region, String value, String count, String name,
            String kind) {
        HtmlPage checked = Forms.send(admin.open("/backoffice/batches/new"), "/backoffice/batches/new", Map.of(
                "region", region, "value", value, "count", count, "name", name, "kind", kind, "reason",
                "Ordered by the regional manager."));
        assertThat(checked.getWebResponse().getStatusCode()).isEqualTo(200);
        return checked;
    }
}
