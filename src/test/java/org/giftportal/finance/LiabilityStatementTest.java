package org.giftportal.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.card.CardExpiry;
import org.giftportal.card.CardIssuing;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.card.IssuedCard;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.ledger.PaidBy;
import org.giftportal.redeem.RedemptionOutcome;
import org.giftportal.redeem.RedemptionService;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestGifts;
import org.junit.jupiter.api.Test;

/**
 * The liability statement reconciles to the cent from two sources: the roll-forward (opening and the month's lines)
 * and the state read at the month's end (each account's balance after its last entry, each card's last journal row).
 * A month of every kind of activity is dated in a region of the tests' own (Ireland: its clocks go forward on the last
 * Sunday of March), years ahead of the other tests' rows, with events a second either side of midnight; a broken row makes the two disagree; a closed month
 * keeps its figures when rows dated in it are committed later, and those show in the next month as a line of their
 * own.
 */
@QuarkusTest
class LiabilityStatementTest {
    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");

    @Inject
    Statements statements;

    @Inject
    MonthClosing closing;

    @Inject
    Regions regions;

    @Inject
    TestClock clock;

    @Inject
    RedemptionService redemptions;

    @Inject
    Ledger ledger;

    @Inject
    CardIssuing issuing;

    @Inject
    CardExpiry expiry;

    @Inject
    MoneyChecks moneyChecks;

    @Test
    void aMonthOfEveryKindOfActivityReconcilesAndAClosedMonthNeverChanges() throws Exception {
        Region ireland = regions.find("IE").orElseThrow();
        Account shopper = TestAccounts.create("IE", "EUR");
        Account thief = TestAccounts.create("IE", "EUR");

        at("2031-02-28T23:59:59");
        TestCards.active("IE", 50); // February, a second before midnight
        at("2031-03-01T00:00:01");
        IssuedCard redeemed = TestCards.active("IE", 100); // March, a second after
        at("2031-03-10T10:00:00");
        IssuedCard tillCard = TestCards.notActivated("IE", 80);
        change(tillCard, card -> card.activate(clock.instant(), ireland));
        at("2031-03-10T10:05:00");
        change(tillCard, card -> card.deactivate(clock.instant()));
        at("2031-03-11T09:00:00");
        IssuedCard batchCard = TestCards.notActivated("IE", 40);
        change(batchCard, card -> card.activate(clock.instant(), ireland));
        at("2031-03-12T12:00:00");
        redeem(shopper, redeemed);
        at("2031-03-13T12:00:00");
        QuarkusTransaction.requiringNew().run(() -> {
            ledger.recordPurchase(shopper.id, 2_000, "order-" + UUID.randomUUID());
            ledger.recordRefund(shopper.id, 500, "order-" + UUID.randomUUID());
            ledger.recordAdjustment(shopper.id, 300, "Goodwill", "CASE-1");
            ledger.recordAdjustment(shopper.id, -100, "Correction", "CASE-1");
            ledger.payOutInCash(Account.lockById(shopper.id), 200, PaidBy.BANK_TRANSFER, "TRF-1", "CASE-2");
        });
        at("2031-03-14T12:00:00");
        IssuedCard lost = TestCards.active("IE", 30);
        change(lost, card -> card.block(clock.instant()));
        QuarkusTransaction.requiringNew().run(() -> {
            GiftCard old = GiftCard.findById(lost.card().id);
            old.replacedBy(issuing.issueReplacement(old, CardStatus.ACTIVE).card());
        });
        at("2031-03-15T12:00:00");
        IssuedCard cancelled = TestCards.active("IE", 45);
        change(cancelled, card -> card.cancel(clock.instant()));
        at("2031-03-16T12:00:00");
        IssuedCard stolen = TestCards.active("IE", 60);
        redeem(thief, stolen);
        at("2031-03-17T12:00:00");
        QuarkusTransaction.requiringNew().run(() -> ledger.clawBack(Account.lockById(thief.id),
                GiftCard.findById(stolen.card().id), "CASE-3").orElseThrow());
        at("2031-03-17T13:00:00");
        QuarkusTransaction.requiringNew().run(() -> issuing.issueReissue(GiftCard.findById(stolen.card().id)));
        at("2031-03-18T12:00:00");
        TestGifts.deliveredGift(TestCards.active("IE", 28), "rosa@example.com", "Europe/Dublin");
        at("2031-03-19T12:00:00");
        IssuedCard withdrawn = TestCards.active("IE", 35);
        TestGifts.deliveredGift(withdrawn, "rosa@example.com", "Europe/Dublin");
        change(withdrawn, card -> card.cancel(clock.instant()));
        at("2031-03-20T12:00:00");
        IssuedCard expiring = TestCards.active("IE", 70);
        at("2031-03-30T02:30:00"); // the clocks went forward at 01:00 GMT that morning
        change(expiring, card -> card.expiresAt = clock.instant().minusSeconds(60));
        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(1);
        at("2031-03-31T23:59:59"); // Irish Summer Time: 22:59:59 UTC
        TestCards.active("IE", 25);
        at("2031-04-01T00:00:01"); // still 31 March in UTC, but April in Dublin
        TestCards.active("IE", 35);

        LiabilityStatement february = statement(ireland, "2031-02");
        LiabilityStatement march = statement(ireland, "2031-03");
        LiabilityStatement april = statement(ireland, "2031-04");

        assertThat(march.opening()).isEqualTo(february.closing());
        assertThat(april.opening()).isEqualTo(march.closing());
        assertThat(february.part(StatementLine.Part.CARDS).lines()).containsEntry(StatementLine.CARDS_SOLD, 5_000L);
        assertThat(march.part(StatementLine.Part.CARDS).lines()).containsExactlyEntriesOf(lines(StatementLine.Part.CARDS,
                Map.of(StatementLine.CARDS_SOLD, 10_000L + 8_000 + 4_000 + 3_000 + 4_500 + 6_000 + 7_000 + 2_500,
                        StatementLine.EGIFTS_ISSUED, 2_800L + 3_500, StatementLine.EGIFTS_CANCELLED, -3_500L,
                        StatementLine.CARDS_REISSUED, 6_000L,
                        StatementLine.SALES_VOIDED, -8_000L,
                        StatementLine.REDEEMED_FROM_CARDS, -16_000L,
                        StatementLine.REPLACEMENTS, 0L,
                        StatementLine.CARDS_CANCELLED, -4_500L,
                        StatementLine.CARDS_EXPIRED, -7_000L)));
        assertThat(march.part(StatementLine.Part.BALANCES).lines()).containsExactlyEntriesOf(lines(
                StatementLine.Part.BALANCES, Map.of(StatementLine.REDEEMED_INTO_BALANCES, 16_000L,
                        StatementLine.PURCHASES, -2_000L, StatementLine.REFUNDS, 500L,
                        StatementLine.CREDIT_ADJUSTMENTS, 300L, StatementLine.DEBIT_ADJUSTMENTS, -100L,
                        StatementLine.CASH_PAID_OUT, -200L, StatementLine.CLAWED_BACK, -6_000L)));
        assertThat(april.part(StatementLine.Part.CARDS).lines()).containsEntry(StatementLine.CARDS_SOLD, 3_500L);
        for (LiabilityStatement statement : List.of(february, march, april)) {
            assertThat(statement.reconciles()).as(statement.month() + " reconciles").isTrue();
        }
        assertEveryCurrencyReconciles(YearMonth.of(2031, 3));

        // Closed five days after April ended in Dublin: February to April, in order, at watermarks.
        at("2031-05-06T12:00:00");
        // (From the region's first month: other tests' Irish rows may start it earlier.)
        List<String> closed = closing.closeDue(List.of(ireland));
        assertThat(closed).endsWith("IE 2031-02", "IE 2031-03", "IE 2031-04");
        assertThat(closed).isSorted();
        String aprilAsClosed = csv(ireland, "2031-04");
        LiabilityStatement aprilClosed = statement(ireland, "2031-04");
        assertThat(aprilClosed.closed()).isPresent();
        assertThat(aprilClosed.parts()).isEqualTo(april.parts());

        // Committed after April closed, dated in it: April stays as it closed; May shows them as late.
        at("2031-04-20T12:00:00");
        QuarkusTransaction.requiringNew().run(() -> ledger.recordPurchase(shopper.id, 700, "late-" + UUID.randomUUID()));
        TestCards.active("IE", 55);
        at("2031-05-06T13:00:00");

        assertThat(csv(ireland, "2031-04")).isEqualTo(aprilAsClosed);
        LiabilityStatement may = statement(ireland, "2031-05");
        assertThat(may.opening()).isEqualTo(april.closing());
        assertThat(may.part(StatementLine.Part.BALANCES).lines()).containsEntry(StatementLine.BALANCES_LATE, -700L);
        assertThat(may.part(StatementLine.Part.CARDS).lines()).containsEntry(StatementLine.CARDS_LATE, 5_500L);
        assertThat(may.reconciles()).isTrue();
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }

    @Test
    void aBrokenRowMakesTheTwoSourcesDisagree() {
        Region ireland = regions.find("IE").orElseThrow();
        at("2033-01-15T12:00:00");
        IssuedCard card = TestCards.active("IE", 40);
        Account shopper = TestAccounts.create("IE", "EUR");
        redeem(shopper, card);
        assertThat(statement(ireland, "2033-01").reconciles()).isTrue();

        QuarkusTransaction.begin();
        try {
            // A journal row whose change doesn't lead to what it says is owed (rolled back: the journal keeps no
            // broken row for the other tests).
            GiftCard.getEntityManager().createNativeQuery("INSERT INTO card_value_journal (gift_card_id, event,"
                    + " status_after, owed_minor, change_minor, currency, region, at) VALUES (?1, 'CHANGED', 'REDEEMED',"
                    + " 0, 1, 'EUR', 'IE', ?2)").setParameter(1, card.card().id)
                    .setParameter(2, org.giftportal.ops.DatabaseTime.of(clock.instant())).executeUpdate();
            LiabilityStatement broken = statements.statement(ireland, YearMonth.of(2033, 1));
            assertThat(broken.part(StatementLine.Part.CARDS).reconciles()).isFalse();
            assertThat(broken.part(StatementLine.Part.CARDS).closing()
                    - broken.part(StatementLine.Part.CARDS).closingRead()).isEqualTo(1);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(statement(ireland, "2033-01").reconciles()).isTrue();
    }

    private void assertEveryCurrencyReconciles(YearMonth month) {
        for (Region region : regions.all()) {
            for (YearMonth each : List.of(month, YearMonth.now(DUBLIN))) {
                LiabilityStatement statement = statement(region, each.toString());
                assertThat(statement.reconciles()).as(region.code() + " " + each + " reconciles: " + statement.csv())
                        .isTrue();
            }
        }
    }

    private static Map<StatementLine, Long> lines(StatementLine.Part part, Map<StatementLine, Long> nonZero) {
        Map<StatementLine, Long> lines = LiabilityStatement.zeroLines(part);
        lines.putAll(nonZero);
        return lines;
    }

    private void at(String dublinTime) {
        clock.travelTo(LocalDateTime.parse(dublinTime).atZone(DUBLIN).toInstant());
    }

    private LiabilityStatement statement(Region region, String month) {
        return QuarkusTransaction.requiringNew().call(() -> statements.statement(region, YearMonth.parse(month)));
    }

    private String csv(Region region, String month) {
        return QuarkusTransaction.requiringNew().call(() -> ClosedStatement.of(region.code(), YearMonth.parse(month))
                .orElseThrow().content);
    }

    private void redeem(Account account, IssuedCard card) {
        assertThat(redemptions.redeem(account.id, card.code().formatted(), new RedemptionService.Visit("10.44.0.1",
                "Firefox on Linux"), UUID.randomUUID().toString())).isInstanceOf(RedemptionOutcome.Redeemed.class);
    }

    private static void change(IssuedCard issued, java.util.function.Consumer<GiftCard> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(GiftCard.findById(issued.card().id)));
    }
}
