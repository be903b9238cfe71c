package org.giftportal.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.giftportal.testsupport.CaseForms.reference;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An admin credits or debits a shopper's balance on their case: the shopper reads the short text, never the internal
 * reason; above the limits a second admin decides; a debit never takes the balance below zero.
 */
@QuarkusTest
class BalanceAdjustmentTest {
    private TestShopper shopper;
    private long accountId;
    private String caseReference;

    @BeforeEach
    void aShopperWithACase() throws Exception {
        shopper = Shoppers.customer("US");
        try (Browser own = Browser.open()) {
            own.signIn(shopper);
            caseReference = reference(submit(own.open("/support/cases/new"), "OTHER", "", "W-9001",
                    "I was charged twice for order W-9001."));
        }
        accountId = TestCards.account(shopper).id;
    }

    @Test
    void aCreditWithinTheLimitsIsDoneAtOnceAndTheShopperReadsOnlyTheTextMeantForThem() throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());

            HtmlPage done = adjust(admin, "credit", "20.00", "Refund of the double charge",
                    "Till 4 charged W-9001 twice; confirmed in the payment log.");

            assertThat(done.asNormalizedText()).contains("the balance is adjusted").contains("$20.00");
        }
        assertThat(balance()).isEqualTo(2000);
        try (Browser own = Browser.open()) {
            own.signIn(shopper);
            String history = own.open("/balance").asNormalizedText();
            assertThat(history).contains("Adjustment by customer support: Refund of the double charge")
                    .contains("Case " + caseReference).contains("+$20.00").doesNotContain("payment log");
        }
        assertThat(Database.text("SELECT CONCAT(action, ' ', outcome, ' | ', reason, ' | ', before_state, ' -> ',"
                + " after_state) FROM audit_log WHERE action LIKE 'adjustment.%' AND target_id = ?", accountId))
                .startsWith("adjustment.done DONE | Till 4 charged W-9001 twice")
                .contains("balance 0.00 USD -> balance 20.00 USD after a credit of 20.00 USD on case " + caseReference);
    }

    @Test
    void aCreditAboveTheLimitWaitsForASecondAdminAndTheRequesterCannotApproveIt() throws Exception {
        try (Browser requester = Browser.open(); Browser second = Browser.open()) {
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());

            HtmlPage waiting = adjust(requester, "credit", "600", "Goodwill for the lost parcel",
                    "Parcel lost by the carrier; manager agreed a credit.");
            assertThat(waiting.asNormalizedText()).contains("waits for another admin to approve it")
                    .contains("You asked for this: another admin must approve or reject it");
            assertThat(waiting.<Object>getFirstByXPath("//form[contains(@action,'/approve')]")).isNull();
            assertThat(balance()).isZero();
            String requestPath = waiting.getUrl().getPath();

            HtmlPage selfApproval = requester.postForm(requestPath + "/approve", Map.of("version", "0"));
            assertThat(selfApproval.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(balance()).isZero();

            assertThat(second.open("/backoffice").asNormalizedText()).contains("Requests waiting for a second admin");
            assertThat(second.open("/backoffice/approvals").asNormalizedText()).contains("Credit $600.00");
            HtmlPage approved = Forms.send(second.open(requestPath), "/approve", Map.of());
            assertThat(approved.asNormalizedText()).contains("approved and done");
        }
        assertThat(balance()).isEqualTo(60_000);
        assertThat(Database.text("SELECT GROUP_CONCAT(CONCAT(action, ':', outcome) ORDER BY id) FROM audit_log"
                + " WHERE action LIKE 'adjustment.%' AND ((target_type = 'ACCOUNT' AND target_id = ?)"
                + " OR (target_type = 'APPROVAL' AND target_id = ?))", accountId, requestId())).isEqualTo("adjustment.request:REQUESTED,adjustment.approve:REFUSED,"
                        + "adjustment.approve:APPROVED,adjustment.done:DONE");
    }

    @Test
    void aRejectedRequestChangesNothingAndSaysWhy() throws Exception {
        try (Browser requester = Browser.open(); Browser second = Browser.open()) {
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());
            String requestPath = adjust(requester, "credit", "750", "Goodwill", "Asked by the store manager.")
                    .getUrl().getPath();

            HtmlPage rejected = Forms.send(second.open(requestPath), "/reject",
                    Map.of("note", "No evidence on the case yet."));

            assertThat(rejected.asNormalizedText()).contains("rejected").contains("No evidence on the case yet.");
            assertThat(requester.open(requestPath).asNormalizedText()).contains("Status\trejected")
                    .contains("No evidence on the case yet.");
        }
        assertThat(balance()).isZero();
    }

    @Test
    void theDailyLimitCountsWhatTheAdminDidAloneToday() throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            for (int i = 0; i < 4; i++) {
                assertThat(adjust(admin, "credit", "450", "Goodwill " + i, "Campaign credit number " + i + ".")
                        .asNormalizedText()).contains("the balance is adjusted");
            }

            HtmlPage fifth = adjust(admin, "credit", "450", "Goodwill 4", "Campaign credit number 4.");

            assertThat(fifth.asNormalizedText()).contains("waits for another admin");
        }
        assertThat(balance()).isEqualTo(4 * 45_000);
    }

    @Test
    void aDebitCanNeverTakeTheBalanceBelowZero() throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            adjust(admin, "credit", "30", "Goodwill", "Voucher promised on the phone.");

            HtmlPage refused = adjust(admin, "debit", "30.01", "Correction", "Credited too much by mistake.");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("The balance is 30.00 USD: a debit can't take more");

            HtmlPage debited = adjust(admin, "debit", "12.5", "Correction", "Credited too much by mistake.");
            assertThat(debited.asNormalizedText()).contains("the balance is adjusted").contains("−$12.50");
        }
        assertThat(balance()).isEqualTo(1750);
        assertThat(Database.number("SELECT COUNT(*) FROM audit_log WHERE action = 'adjustment.request'"
                + " AND outcome = 'REFUSED' AND target_id = ?", accountId)).isOne();
    }

    @Test
    void badInputGetsAClearMessageAndChangesNothing() throws Exception {
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("amount", "-5"), "Give the amount as a number above zero in USD");
        cases.put(Map.of("amount", "abc"), "Give the amount as a number above zero in USD");
        cases.put(Map.of("amount", "0"), "Give the amount as a number above zero in USD");
        cases.put(Map.of("amount", "1.005"), "Give the amount as a number above zero in USD");
        cases.put(Map.of("amount", "99999999"), "Give the amount as a number above zero in USD");
        cases.put(Map.of("currency", "GBP"), "This account's balance is in USD");
        cases.put(Map.of("caseReference", "GC-NOSUCH1"), "isn't one of this shopper's cases");
        cases.put(Map.of("shopperText", ""), "Write what the shopper will read in their history");
        cases.put(Map.of("reason", "x".repeat(501)), "Keep the reason under 500 characters");
        cases.put(Map.of("direction", "steal"), "Choose whether to credit or debit the balance");
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            for (Map.Entry<Map<String, String>, String> bad : cases.entrySet()) {
                Map<String, String> fields = new LinkedHashMap<>(Map.of("direction", "credit", "amount", "10",
                        "currency", "USD", "caseReference", caseReference, "shopperText", "Goodwill",
                        "reason", "Because the test says so.", "requestKey", java.util.UUID.randomUUID().toString()));
                fields.putAll(bad.getKey());

                HtmlPage page = admin.postForm("/backoffice/accounts/" + accountId + "/adjust", fields);

                assertThat(page.getWebResponse().getStatusCode()).as(bad.getKey().toString()).isEqualTo(422);
                assertThat(page.asNormalizedText()).as(bad.getKey().toString()).contains(bad.getValue());
            }
        }
        assertThat(balance()).isZero();
        assertThat(Database.number("SELECT COUNT(*) FROM value_request WHERE account_id = ? AND status = 'DONE'",
                accountId)).isZero();
    }

    @Test
    void theSameFormSentTwiceAtOnceAdjustsOnce() throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            Map<String, String> fields = Map.of("direction", "credit", "amount", "15", "currency", "USD",
                    "caseReference", caseReference, "shopperText", "Goodwill", "reason", "Double click test.",
                    "requestKey", java.util.UUID.randomUUID().toString(), "csrf-token", admin.csrfToken());

            List<Integer> statuses = Race.twice(() -> admin.post("/backoffice/accounts/" + accountId + "/adjust",
                    fields).getWebResponse().getStatusCode());

            assertThat(statuses).containsOnly(200);
        }
        assertThat(balance()).isEqualTo(1500);
    }

    @Test
    void anAdminCannotAdjustTheirOwnBalance() throws Exception {
        TestShopper admin = Shoppers.admin();
        try (Browser browser = Browser.open()) {
            browser.signIn(admin);
            String ownCase = reference(submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "A question about my own balance."));
            long own = TestCards.account(admin).id;

            HtmlPage refused = browser.postForm("/backoffice/accounts/" + own + "/adjust", Map.of("direction",
                    "credit", "amount", "10", "currency", "USD", "caseReference", ownCase, "shopperText", "Mine",
                    "reason", "Helping myself.", "requestKey", java.util.UUID.randomUUID().toString()));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("Staff may not adjust their own balance");
            assertThat(TestCards.account(admin).balanceMinor).isZero();
        }
    }

    @Test
    void theDatabaseRefusesARequestDecidedByItsRequester() throws Exception {
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            adjust(admin, "credit", "900", "Goodwill", "Over the limit on purpose.");
        }
        long id = requestId();
        assertThatThrownBy(() -> Database.update("UPDATE value_request SET status = 'DONE', decided_by_subject ="
                + " requested_by_subject, decided_by_name = 'Me', decided_at = NOW(6) WHERE id = ?", id))
                .isInstanceOf(SQLException.class).hasMessageContaining("ck_value_request_two_people");
        assertThatThrownBy(() -> Database.update("UPDATE value_request SET status = 'DONE' WHERE id = ?", id))
                .isInstanceOf(SQLException.class).hasMessageContaining("ck_value_request_approved");
    }

    private HtmlPage adjust(Browser admin, String direction, String amount, String shopperText, String reason) {
        return Forms.send(admin.open("/backoffice/accounts/" + accountId), "/adjust", Map.of("direction", direction,
                "amount", amount, "caseReference", caseReference, "shopperText", shopperText, "reason", reason));
    }

    private long balance() throws SQLException {
        return Database.number("SELECT balance_minor FROM account WHERE id = ?", accountId);
    }

    private long requestId() throws SQLException {
        return Database.number("SELECT MAX(id) FROM value_request WHERE account_id = ?", accountId);
    }
}
