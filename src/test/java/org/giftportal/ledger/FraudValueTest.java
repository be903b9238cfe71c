package org.giftportal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.card.IssuedCard;
import org.giftportal.redeem.RedemptionOutcome;
import org.giftportal.redeem.RedemptionService;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.StoreClients;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.ValueRequests;
import org.junit.jupiter.api.Test;

/**
 * A card redeemed by someone else: the redeeming account frozen (it can't spend, its holds are voided), what is left
 * of the card's value taken back (never more than is free, never twice), the value given back to the shopper it was
 * taken from (once), and the account unfrozen; each step raced where two people could take it at once, and the money
 * checks after each.
 */
@QuarkusTest
class FraudValueTest {
    @Inject
    RedemptionService redemptions;

    @Inject
    AccountFreezes freezes;

    @Inject
    Approvals approvals;

    @Inject
    MoneyChecks moneyChecks;

    @Inject
    Ledger ledger;

    @Test
    void aTakenCardIsFrozenClawedBackAsFarAsUnspentAndReissuedOnce() throws Exception {
        Account victim = TestAccounts.create("US", "USD");
        Account taker = TestAccounts.create("US", "USD");
        IssuedCard card = redeemedBy(taker, 100);
        int spent = captured(taker, "SPENT-" + UUID.randomUUID(), 3_000);
        int pending = placed(taker, "PENDING-" + UUID.randomUUID(), 2_000);
        String caseReference = caseNaming(victim, card);
        Actor support = staff("Support");

        assertThat(approvals.request(staff("Admin"), clawBack(card, taker, caseReference)))
                .as("holds would keep part of it out of reach").isEqualTo(new Approvals.Result.Refused("Freeze the"
                        + " account first: that voids its store holds, so everything left of the card can be taken"
                        + " back at once."));
        assertThat(freezes.freeze(support, taker.id, caseReference, "Card reported taken by a scammer")).isEmpty();

        assertThat(TestAccounts.reload(taker).isFrozen()).isTrue();
        assertThat(number("SELECT held_minor FROM account WHERE id = ?", taker.id)).as("its holds were voided").isZero();
        Response capture = StoreClients.checkout().post("/api/v1/holds/" + pending + "/capture");
        assertThat(capture.statusCode()).isEqualTo(422);
        assertThat(capture.jsonPath().getString("type")).isEqualTo("/api/problems/account-unavailable");
        Response hold = StoreClients.checkout().body(Map.of("account", taker.subject, "currency", "USD",
                "orderReference", "AFTER-FREEZE", "amount", 500)).post("/api/v1/holds");
        assertThat(hold.statusCode()).isEqualTo(422);
        assertThat(hold.jsonPath().getString("type")).isEqualTo("/api/problems/account-unavailable");
        assertThat(freezes.freeze(support, taker.id, caseReference, "Again")).contains("This account is frozen"
                + " already.");
        assertMoneyChecksHold();

        Approvals.Result clawBack = approvals.request(staff("Admin"), clawBack(card, taker, caseReference));
        assertThat(clawBack).as(clawBack.toString()).isInstanceOf(Approvals.Result.Done.class);
        assertThat(number("SELECT -amount_minor FROM ledger_entry WHERE entry_type = 'CLAWBACK' AND gift_card_id = ?",
                card.card().id)).as("what was left of the card: 100.00 less the 30.00 spent").isEqualTo(7_000);
        assertThat(number("SELECT balance_minor FROM account WHERE id = ?", taker.id)).isZero();
        assertThat(approvals.request(staff("Admin"), clawBack(card, taker, caseReference)))
                .isEqualTo(new Approvals.Result.Refused("This card's value was taken back already."));
        assertThat(spent).isPositive();
        assertMoneyChecksHold();

        Approvals.Result reissue = approvals.request(staff("Admin"), reissue(card, victim, caseReference, "CREDIT"));
        assertThat(reissue).as(reissue.toString()).isInstanceOf(Approvals.Result.Done.class);
        assertThat(number("SELECT balance_minor FROM account WHERE id = ?", victim.id)).isEqualTo(10_000);
        assertThat(approvals.request(staff("Admin"), reissue(card, victim, caseReference, "CARD")))
                .isEqualTo(new Approvals.Result.Refused("This card's value was reissued already."));
        assertMoneyChecksHold();

        assertThat(freezes.unfreezeEmpty(staff("Admin"), taker.id, "Value taken back; nothing left")).isEmpty();
        assertThat(TestAccounts.reload(taker).isFrozen()).isFalse();
        assertMoneyChecksHold();
    }

    @Test
    void twoAdminsApprovingClawBacksAndReissuesOfOneCardAtOnceCarryOutOneEach() throws Exception {
        Account victim = TestAccounts.create("US", "USD");
        Account taker = TestAccounts.create("US", "USD");
        IssuedCard card = redeemedBy(taker, 600);
        String caseReference = caseNaming(victim, card);
        assertThat(freezes.freeze(staff("Support"), taker.id, caseReference, "Taken card")).isEmpty();
        Actor asker = staff("Asker");
        // Above the per-action limit (500 USD): each waits for a second admin; two are asked, both approved at once.
        ValueRequest first = waiting(asker, clawBack(card, taker, caseReference));
        ValueRequest second = waiting(asker, clawBack(card, taker, caseReference));
        ValueRequest reissueOne = waiting(asker, reissue(card, victim, caseReference, "CREDIT"));
        ValueRequest reissueTwo = waiting(asker, reissue(card, victim, caseReference, "CREDIT"));
        Actor one = staff("One");
        Actor other = staff("Other");

        List<String> decided = Race.atOnce(List.<Callable<String>>of(
                () -> approve(one, first), () -> approve(other, first), () -> approve(one, second),
                () -> approve(other, second), () -> approve(one, reissueOne), () -> approve(other, reissueTwo)));

        assertThat(decided).filteredOn("Done"::equals).hasSize(2);
        assertThat(number("SELECT COUNT(*) FROM ledger_entry WHERE entry_type = 'CLAWBACK' AND gift_card_id = ?",
                card.card().id)).isEqualTo(1);
        assertThat(number("SELECT balance_minor FROM account WHERE id = ?", taker.id)).isZero();
        assertThat(number("SELECT balance_minor FROM account WHERE id = ?", victim.id)).isEqualTo(60_000);
        assertMoneyChecksHold();
    }

    @Test
    void aFreezeRacingACaptureEitherLetsThePurchaseThroughOrRefusesItNeverBoth() throws Exception {
        for (int round = 0; round < 5; round++) {
            Account taker = TestAccounts.create("US", "USD");
            redeemedBy(taker, 50);
            int hold = placed(taker, "RACE-" + UUID.randomUUID(), 2_000);
            List<Object> answers = Race.atOnce(List.<Callable<Object>>of(
                    () -> StoreClients.checkout().post("/api/v1/holds/" + hold + "/capture").statusCode(),
                    () -> freezes.freeze(staff("Support"), taker.id, "GC-RACE", "Raced")));
            long purchases = number("SELECT COUNT(*) FROM ledger_entry WHERE account_id = ? AND entry_type = 'PURCHASE'",
                    taker.id);
            assertThat(answers.get(0)).isEqualTo(purchases == 1 ? 201 : 422);
            assertThat(TestAccounts.reload(taker).isFrozen()).isTrue();
            assertThat(number("SELECT held_minor FROM account WHERE id = ?", taker.id)).isZero();
        }
        assertMoneyChecksHold();
    }

    @Test
    void theDatabaseRefusesASecondClawBackAndAFrozenAccountThatHolds() throws Exception {
        Account taker = TestAccounts.create("US", "USD");
        IssuedCard card = redeemedBy(taker, 40);
        String insert = "INSERT INTO ledger_entry (account_id, entry_type, amount_minor, balance_after_minor, currency,"
                + " gift_card_id, created_at) VALUES (?, 'CLAWBACK', -100, 3900, 'USD', ?, NOW(6))";
        // Written by hand here, so the account's balance is not kept in step: the transaction is rolled back below.
        try (var connection = Database.connect()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(insert)) {
                statement.setLong(1, taker.id);
                statement.setLong(2, card.card().id);
                statement.executeUpdate();
                assertThatThrownBy(statement::executeUpdate).hasMessageContaining("uk_ledger_entry_clawed_back_card");
            } finally {
                connection.rollback();
            }
        }
        assertThatThrownBy(() -> Database.update("UPDATE account SET frozen_at = NOW(6), frozen_for_case = 'GC-X',"
                + " held_minor = 100 WHERE id = ?", taker.id)).hasMessageContaining("ck_account_frozen_holds_nothing");
        assertThatThrownBy(() -> Database.update("INSERT INTO ledger_entry (account_id, entry_type, amount_minor,"
                + " balance_after_minor, currency, gift_card_id, created_at) VALUES (?, 'PURCHASE', -100, 3900, 'USD',"
                + " ?, NOW(6))", taker.id, card.card().id)).hasMessageContaining("ck_ledger_entry_card_kinds");
        assertMoneyChecksHold();
    }

    private IssuedCard redeemedBy(Account account, long wholeDollars) {
        IssuedCard card = TestCards.active("US", wholeDollars);
        RedemptionOutcome outcome = redemptions.redeem(account.id, card.code().formatted(),
                new RedemptionService.Visit("10.27.0." + account.id % 250, "Chrome on Android"),
                UUID.randomUUID().toString());
        assertThat(outcome).isInstanceOf(RedemptionOutcome.Redeemed.class);
        return card;
    }

    private static int placed(Account account, String reference, long minor) {
        Response placed = StoreClients.checkout().body(Map.of("account", account.subject, "currency", "USD",
                "orderReference", reference, "amount", minor)).post("/api/v1/holds");
        assertThat(placed.statusCode()).isEqualTo(201);
        return placed.jsonPath().getInt("id");
    }

    private static int captured(Account account, String reference, long minor) {
        int hold = placed(account, reference, minor);
        assertThat(StoreClients.checkout().post("/api/v1/holds/" + hold + "/capture").statusCode()).isEqualTo(201);
        return hold;
    }

    /** The victim's case about the card, as the help centre opens one when they typed its printed number. */
    private static String caseNaming(Account victim, IssuedCard card) throws Exception {
        String reference = ValueRequests.caseOf(victim.id);
        Database.update("UPDATE support_case SET topic = 'ALREADY_REDEEMED', card_number = ? WHERE reference = ?",
                card.card().cardNumber, reference);
        return reference;
    }

    private static ValueRequest clawBack(IssuedCard card, Account taker, String caseReference) {
        ValueRequest request = ValueRequests.of(ValueRequest.Kind.CLAWBACK, "Take back for the script");
        request.currency = "USD";
        request.amountMinor = card.card().amountMinor;
        request.cardId = card.card().id;
        request.accountId = taker.id;
        request.caseReference = caseReference;
        return request;
    }

    private static ValueRequest reissue(IssuedCard card, Account victim, String caseReference, String as) {
        ValueRequest request = ValueRequests.of(ValueRequest.Kind.REISSUE, "Reissue for the script");
        request.currency = "USD";
        request.amountMinor = card.card().amountMinor;
        request.cardId = card.card().id;
        request.accountId = victim.id;
        request.caseReference = caseReference;
        request.reissueAs = as;
        return request;
    }

    private ValueRequest waiting(Actor asker, ValueRequest request) {
        Approvals.Result result = approvals.request(asker, request);
        assertThat(result).as(result.toString()).isInstanceOf(Approvals.Result.Waiting.class);
        return ((Approvals.Result.Waiting) result).request();
    }

    private String approve(Actor approver, ValueRequest request) {
        return approvals.approve(approver, Desk.BACK_OFFICE, request.id, request.version()).getClass().getSimpleName();
    }

    private static Actor staff(String name) {
        return new Actor("fraud-" + UUID.randomUUID(), name + " Staff", null);
    }

    private static long number(String sql, Object... parameters) throws Exception {
        return Database.number(sql, parameters);
    }

    private void assertMoneyChecksHold() {
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }
}
