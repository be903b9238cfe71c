package org.giftportal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.giftportal.testsupport.CaseForms.reference;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.giftportal.audit.Actor;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.giftportal.testsupport.ValueRequests;
import org.junit.jupiter.api.Test;

/**
 * The money checks hold after any sequence of staff actions: issuing, activating, redeeming, blocking, replacing,
 * cancelling and adjusting. And the check that no card counts twice catches a replacement worth more than its card.
 */
@QuarkusTest
class MoneyChecksAfterStaffActionsTest {

    @Inject
    Approvals approvals;

    @Inject
    CardDesk cardDesk;

    @Inject
    MoneyChecks moneyChecks;

    @Test
    void everyCheckHoldsAfterAScriptedSequenceAndTheReplacementAndJournalChecksCatchDoubleValue() throws Exception {
        Actor admin = new Actor("script-" + UUID.randomUUID(), "Script Admin", null);
        TestShopper shopper = Shoppers.customer("US");
        List<String[]> cards = issue(admin, 4);
        String caseReference;
        try (Browser own = Browser.open()) {
            own.signIn(shopper);
            own.redeem(cards.get(0)[1]);
            own.redeem(cards.get(1)[1]);
            caseReference = reference(submit(own.open("/support/cases/new"), "OTHER", "", "",
                    "A question about card " + cards.get(2)[0].substring(12) + "."));
        }
        long third = cardId(cards.get(2));
        long fourth = cardId(cards.get(3));
        long account = TestCards.account(shopper).id;

        assertThat(cardDesk.act(admin, CardDesk.Action.BLOCK, third, version(third), "Reported lost by phone."))
                .isInstanceOf(CardDesk.Result.Done.class);
        // The case names no card: a second admin confirms the replacement.
        Approvals.Result.Waiting asked = (Approvals.Result.Waiting) approvals.request(admin,
                ValueRequests.replace(third, 2_500, caseReference));
        Actor second = new Actor("script-" + UUID.randomUUID(), "Second Admin", null);
        assertThat(approvals.approve(second, org.giftportal.approvals.Desk.BACK_OFFICE, asked.request().id,
                asked.request().version())).isInstanceOf(Approvals.Result.Done.class);
        assertThat(cardDesk.act(admin, CardDesk.Action.CANCEL, fourth, version(fourth), "Damaged in the post."))
                .isInstanceOf(CardDesk.Result.Done.class);
        assertThat(approvals.request(admin, ValueRequests.adjust(account, 1_000, caseReference)))
                .isInstanceOf(Approvals.Result.Done.class);
        assertThat(approvals.request(admin, ValueRequests.adjust(account, -3_000, caseReference)))
                .isInstanceOf(Approvals.Result.Done.class);

        assertThat(moneyChecks.run()).allMatch(MoneyChecks.CheckResult::holds);
        assertThat(Database.number("SELECT balance_minor FROM account WHERE id = ?", account)).isEqualTo(3_000);
        assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE account_id = ?", account)).isEqualTo(4);

        long replacement = Database.number("SELECT id FROM gift_card WHERE replaces_card_id = ?", third);
        Database.update("UPDATE gift_card SET amount_minor = amount_minor * 2 WHERE id = ?", replacement);
        try {
            // A value changed behind the journal's back: the replacement now carries twice its card's value, and
            // nothing journaled the change.
            List<MoneyChecks.CheckResult> failed = moneyChecks.run().stream().filter(result -> !result.holds())
                    .toList();
            assertThat(failed).extracting(MoneyChecks.CheckResult::check).containsExactly(
                    "A replaced card is cancelled and its replacement alone carries its value",
                    "Each card's value journal ends where the card is, and adds up to what it is owed");
            assertThat(failed.get(0).examples()).singleElement().asString()
                    .isEqualTo("card " + third + " (CANCELLED) replaced by card " + replacement);
            assertThat(failed.get(1).examples()).singleElement().asString()
                    .startsWith("card " + replacement + " (ACTIVE, owed 5000): journal at ACTIVE, owed 2500");
        } finally {
            Database.update("UPDATE gift_card SET amount_minor = amount_minor / 2 WHERE id = ?", replacement);
        }
    }

    /** A batch of online cards worth $25 each, issued by the actor; the rows of its once-only CSV file. */
    private List<String[]> issue(Actor admin, int count) {
        Approvals.Result.Done done = (Approvals.Result.Done) approvals.request(admin, ValueRequests.issue(count,
                2_500, false));
        String csv = new String(done.done().handOver().orElseThrow().body(), StandardCharsets.UTF_8);
        return csv.lines().skip(1).map(line -> line.split(",")).toList();
    }

    private static long cardId(String[] csvRow) throws Exception {
        return Database.number("SELECT id FROM gift_card WHERE card_number = ?", csvRow[0]);
    }

    private static long version(long cardId) throws Exception {
        return Database.number("SELECT version FROM gift_card WHERE id = ?", cardId);
    }
}
