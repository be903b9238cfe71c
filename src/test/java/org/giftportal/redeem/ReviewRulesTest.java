package org.giftportal.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.card.CardDesk;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/**
 * The review rules of a region (the tests' own, AU, keeps the defaults): each holds a typed code's redemption for
 * review when it matches, and lets it through when it doesn't, on a clock the test moves. A held card is credited to
 * nobody until staff release it, and then once, whatever races the release.
 */
@QuarkusTest
class ReviewRulesTest {
    private static final String AU = "AU";

    @Inject
    RedemptionService redemptions;

    @Inject
    ReviewDesk desk;

    @Inject
    CardDesk cardDesk;

    @Inject
    MoneyChecks moneyChecks;

    @Inject
    TestClock clock;

    @Test
    void aNewAccountTakingInMoreThanTheRuleAllowsWithinAnHourWaitsAndADayLaterDoesNot() throws Exception {
        Account account = TestAccounts.create(AU, "AUD");
        IssuedCard first = TestCards.active(AU, 300);
        IssuedCard second = TestCards.active(AU, 300);

        assertThat(redeem(account, first)).isInstanceOf(RedemptionOutcome.Redeemed.class);
        RedemptionOutcome held = redeem(account, second);

        assertThat(held).isInstanceOf(RedemptionOutcome.HeldForReview.class);
        RedemptionReview review = ((RedemptionOutcome.HeldForReview) held).review();
        assertThat(review.rules).startsWith("an account younger than 1 day redeemed 600.00 AUD within 1 hour");
        assertThat(balance(account)).as("only the first card credited").isEqualTo(30_000);
        assertThat(TestCards.reload(second).status).isEqualTo(CardStatus.IN_REVIEW);
        assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE gift_card_id = ?", second.card().id))
                .isZero();
        assertMoneyChecksHold();

        clock.advance(Duration.ofHours(25));
        assertThat(redeem(account, TestCards.active(AU, 600))).as("a day-old account is no longer new")
                .isInstanceOf(RedemptionOutcome.Redeemed.class);
    }

    @Test
    void theSixthCardWithinTenMinutesWaitsAndTheNextAfterTheWindowDoesNot() throws Exception {
        Account account = established();
        for (int i = 0; i < 5; i++) {
            assertThat(redeem(account, TestCards.active(AU, 25))).isInstanceOf(RedemptionOutcome.Redeemed.class);
        }
        RedemptionOutcome sixth = redeem(account, TestCards.active(AU, 25));
        assertThat(sixth).isInstanceOf(RedemptionOutcome.HeldForReview.class);
        assertThat(((RedemptionOutcome.HeldForReview) sixth).review().rules)
                .isEqualTo("6 cards redeemed within 10 minutes");

        clock.advance(Duration.ofMinutes(11));
        assertThat(redeem(account, TestCards.active(AU, 25))).isInstanceOf(RedemptionOutcome.Redeemed.class);
        assertMoneyChecksHold();
    }

    @Test
    void aCardOnceReportedLostWaitsEvenAfterItWasUnblocked() throws Exception {
        IssuedCard card = TestCards.active(AU, 50);
        Actor support = new Actor("review-" + UUID.randomUUID(), "Review Support", null);
        cardDesk.act(support, CardDesk.Action.BLOCK, card.card().id, TestCards.reload(card).version(), "Reported lost");
        cardDesk.act(support, CardDesk.Action.UNBLOCK, card.card().id, TestCards.reload(card).version(), "Found again");

        RedemptionOutcome outcome = redeem(established(), card);

        assertThat(outcome).isInstanceOf(RedemptionOutcome.HeldForReview.class);
        assertThat(((RedemptionOutcome.HeldForReview) outcome).review().rules)
                .isEqualTo("the card was reported lost or stolen before");
        assertThat(redeem(established(), TestCards.active(AU, 50))).as("a card never reported")
                .isInstanceOf(RedemptionOutcome.Redeemed.class);
    }

    @Test
    void aNetworkLockedForGuessingWithinTheHourWaitsAndOneLockedLongerAgoDoesNot() throws Exception {
        String recent = "10.27.9." + (System.nanoTime() % 200);
        String longAgo = "10.27.10." + (System.nanoTime() % 200);
        lockedUntil(recent, Duration.ofMinutes(20));
        lockedUntil(longAgo, Duration.ofHours(2));

        RedemptionOutcome fromRecent = redemptions.redeem(established().id, TestCards.active(AU, 50).code().formatted(),
                new RedemptionService.Visit(recent, "Chrome on Android"), UUID.randomUUID().toString());
        RedemptionOutcome fromLongAgo = redemptions.redeem(established().id,
                TestCards.active(AU, 50).code().formatted(), new RedemptionService.Visit(longAgo, "Chrome on Android"),
                UUID.randomUUID().toString());

        assertThat(fromRecent).isInstanceOf(RedemptionOutcome.HeldForReview.class);
        assertThat(((RedemptionOutcome.HeldForReview) fromRecent).review().rules)
                .isEqualTo("its network was locked for guessing claim codes within the last 1 hour");
        assertThat(fromLongAgo).isInstanceOf(RedemptionOutcome.Redeemed.class);
    }

    @Test
    void aReleaseRacingTheSameShopperAnotherShopperAndASecondReleaseCreditsTheCardOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Account account = TestAccounts.create(AU, "AUD");
            Account other = established();
            IssuedCard card = TestCards.active(AU, 600);
            RedemptionReview review = ((RedemptionOutcome.HeldForReview) redeem(account, card)).review();
            Actor one = new Actor("review-" + UUID.randomUUID(), "One", null);
            Actor two = new Actor("review-" + UUID.randomUUID(), "Two", null);

            List<Object> answers = Race.atOnce(List.<Callable<Object>>of(
                    () -> desk.release(one, review.id, review.version(), "Receipt seen"),
                    () -> desk.release(two, review.id, review.version(), "Receipt seen"),
                    () -> redeem(account, card), () -> redeem(other, card)));

            assertThat(answers.subList(0, 2)).filteredOn(ReviewDesk.Result.Done.class::isInstance).hasSize(1);
            assertThat(answers.subList(0, 2)).filteredOn(ReviewDesk.Result.ChangedMeanwhile.class::isInstance)
                    .hasSize(1);
            assertThat(answers.subList(2, 4)).allMatch(RedemptionOutcome.Refused.class::isInstance);
            assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE gift_card_id = ?", card.card().id))
                    .isEqualTo(1);
            assertThat(balance(account)).isEqualTo(60_000);
            assertThat(balance(other)).isZero();
            assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.REDEEMED);
        }
        assertMoneyChecksHold();
    }

    @Test
    void aRefusedRedemptionBlocksTheCardAndCreditsNothingAndTheSameFormAgainShowsTheReview() throws Exception {
        Account account = TestAccounts.create(AU, "AUD");
        IssuedCard card = TestCards.active(AU, 700);
        String requestId = UUID.randomUUID().toString();
        RedemptionOutcome held = redeem(account, card, requestId);
        RedemptionReview review = ((RedemptionOutcome.HeldForReview) held).review();
        Actor staff = new Actor("review-" + UUID.randomUUID(), "Canceller", null);
        assertThat(cardDesk.act(staff, CardDesk.Action.CANCEL, card.card().id, TestCards.reload(card).version(),
                "Looks odd")).as("a card in review is decided in the queue").isEqualTo(new CardDesk.Result.Refused(
                        "Its redemption is held for review: release or refuse it in the review queue."));
        RedemptionOutcome again = redeem(account, card, requestId);
        assertThat(again).isInstanceOf(RedemptionOutcome.HeldForReview.class);
        assertThat(((RedemptionOutcome.HeldForReview) again).review().id).isEqualTo(review.id);

        ReviewDesk.Result refused = desk.refuse(new Actor("review-" + UUID.randomUUID(), "Refuser", null), review.id,
                review.version(), CardStatus.BLOCKED, "Looks like a scam");

        assertThat(refused).isInstanceOf(ReviewDesk.Result.Done.class);
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.BLOCKED);
        assertThat(TestCards.reload(card).firstBlockedAt).as("a review rule's signal from now on").isNotNull();
        assertThat(balance(account)).isZero();
        assertThat(Database.text("SELECT status FROM redemption_review WHERE id = ?", review.id)).isEqualTo("REFUSED");
        assertMoneyChecksHold();
    }

    private RedemptionOutcome redeem(Account account, IssuedCard card) {
        return redeem(account, card, UUID.randomUUID().toString());
    }

    private RedemptionOutcome redeem(Account account, IssuedCard card, String requestId) {
        return redemptions.redeem(account.id, card.code().formatted(),
                new RedemptionService.Visit("10.27.1." + account.id % 250, "Firefox on Windows"), requestId);
    }

    /** An account opened two days ago: no longer new. */
    private static Account established() throws Exception {
        Account account = TestAccounts.create(AU, "AUD");
        Database.update("UPDATE account SET created_at = created_at - INTERVAL 2 DAY WHERE id = ?", account.id);
        return account;
    }

    private void lockedUntil(String address, Duration ago) throws Exception {
        Database.update("INSERT INTO claim_guard (scope_key, failures, window_started_at, locked_until)"
                + " VALUES (?, 10, ?, ?) ON DUPLICATE KEY UPDATE locked_until = VALUES(locked_until)",
                ClaimGuard.addressScope(address), DatabaseTime.of(clock.instant().minus(ago).minusSeconds(900)),
                DatabaseTime.of(clock.instant().minus(ago)));
    }

    private static long balance(Account account) throws Exception {
        return Database.number("SELECT balance_minor FROM account WHERE id = ?", account.id);
    }

    private void assertMoneyChecksHold() {
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }
}
