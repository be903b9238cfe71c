package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/** A code is redeemed once, however many shoppers (or submissions) race for it. */
@QuarkusTest
class ConcurrentRedemptionTest {

    @Inject
    RedemptionService redemptions;

    @Test
    void manyAccountsRacingForOneCodeGetOneCreditBetweenThem() throws Exception {
        IssuedCard card = TestCards.active("US", 100);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            accounts.add(TestAccounts.create("US", "USD"));
        }

        List<RedemptionOutcome> outcomes = Race.atOnce(accounts.stream().<Callable<RedemptionOutcome>>map(account ->
                () -> redemptions.redeem(account.id, card.code().formatted(), visit("10.9.0." + account.id % 250),
                        UUID.randomUUID().toString())).toList());

        assertThat(outcomes).filteredOn(RedemptionOutcome.Redeemed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(RedemptionOutcome.Refused.class::isInstance).hasSize(15)
                .allSatisfy(outcome -> assertThat(((RedemptionOutcome.Refused) outcome).problem())
                        .isEqualTo(new CodeProblem.CardRefused(new CardVerdict.AlreadyRedeemedBySomeoneElse())));
        GiftCard stored = TestCards.reload(card);
        assertThat(stored.status).isEqualTo(CardStatus.REDEEMED);
        long credited = 0;
        for (Account account : accounts) {
            Account reloaded = TestAccounts.reload(account);
            assertThat(reloaded.balanceMinor).isEqualTo(TestCards.ledgerSum(account.id));
            credited += reloaded.balanceMinor;
        }
        assertThat(credited).isEqualTo(10_000);
        assertThat(TestAccounts.reload(accounts.stream().filter(a -> a.id.equals(stored.redeemedByAccountId))
                .findFirst().orElseThrow()).balanceMinor).isEqualTo(10_000);
    }

    @Test
    void theSameFormSubmittedManyTimesAtOnceCreditsOnceAndEverySubmissionSeesTheSameEntry() throws Exception {
        IssuedCard card = TestCards.active("US", 50);
        Account account = TestAccounts.create("US", "USD");
        String formRequestId = UUID.randomUUID().toString();
        List<Callable<RedemptionOutcome>> submissions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            submissions.add(() -> redemptions.redeem(account.id, card.code().formatted(), visit("10.9.1.1"),
                    formRequestId));
        }

        List<RedemptionOutcome> outcomes = Race.atOnce(submissions);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(RedemptionOutcome.Redeemed.class));
        assertThat(outcomes.stream().map(outcome -> ((RedemptionOutcome.Redeemed) outcome).entry().id).distinct())
                .hasSize(1);
        assertThat(TestCards.ledgerCount(account.id)).isEqualTo(1);
        assertThat(TestAccounts.reload(account).balanceMinor).isEqualTo(5000);
    }

    @Test
    void oneClientTryingCodesFromManyAccountsIsLockedByItsAddress() {
        String address = "10.9.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            Account account = TestAccounts.create("US", "USD");
            for (int attempt = 0; attempt < 4; attempt++) {
                redemptions.redeem(account.id, org.giftportal.card.ClaimCode.generate().formatted(), visit(address),
                        UUID.randomUUID().toString());
            }
        }
        IssuedCard card = TestCards.active("US", 25);
        Account fresh = TestAccounts.create("US", "USD");

        RedemptionOutcome sameAddress = redemptions.redeem(fresh.id, card.code().formatted(), visit(address),
                UUID.randomUUID().toString());
        RedemptionOutcome otherAddress = redemptions.redeem(fresh.id, card.code().formatted(), visit("10.9.3.1"),
                UUID.randomUUID().toString());

        assertThat(sameAddress).isInstanceOfSatisfying(RedemptionOutcome.Refused.class,
                refused -> assertThat(refused.problem()).isInstanceOf(CodeProblem.Locked.class));
        assertThat(otherAddress).isInstanceOf(RedemptionOutcome.Redeemed.class);
    }

    @Test
    void manyGuessesSentAtOnceGetNoMoreLookUpsThanTheBudget() throws Exception {
        Account account = TestAccounts.create("US", "USD");
        List<Callable<RedemptionOutcome>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String address = "10.9.4." + (i + 1);
            guesses.add(() -> redemptions.redeem(account.id, org.giftportal.card.ClaimCode.generate().formatted(),
                    visit(address), UUID.randomUUID().toString()));
        }

        List<RedemptionOutcome> outcomes = Race.atOnce(guesses);

        long lookedUp = outcomes.stream().filter(outcome -> outcome instanceof RedemptionOutcome.Refused refused
                && refused.problem() instanceof CodeProblem.NotFound).count();
        long locked = outcomes.stream().filter(outcome -> outcome instanceof RedemptionOutcome.Refused refused
                && refused.problem() instanceof CodeProblem.Locked).count();
        assertThat(lookedUp).as("codes looked up").isLessThanOrEqualTo(4);
        assertThat(lookedUp + locked).isEqualTo(30);
        long failuresCounted = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ClaimFailure.count("scopeKey", "account:" + account.id));
        assertThat(failuresCounted).as("looked-up codes, the locking one included").isEqualTo(5);
    }

    private static RedemptionService.Visit visit(String address) {
        return new RedemptionService.Visit(address, "Chrome on Linux");
    }
}
