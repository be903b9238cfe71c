package org.giftportal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import org.giftportal.finance.LiabilityStatement;
import org.giftportal.finance.StatementLine;
import org.giftportal.finance.Statements;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.junit.jupiter.api.Test;

/**
 * The demo's dated activity makes two real statements: every kind of line it seeds shows in its month, both months
 * reconcile, and the money checks hold.
 */
@QuarkusTest
class DemoMonthsTest {
    @Inject
    DemoMonths demo;

    @Inject
    Statements statements;

    @Inject
    Regions regions;

    @Inject
    MoneyChecks moneyChecks;

    @Test
    void theDemoMonthsShowRealStatementsThatReconcile() {
        Region us = regions.find("US").orElseThrow();
        YearMonth first = YearMonth.of(2025, 1);
        YearMonth second = YearMonth.of(2025, 2);
        QuarkusTransaction.requiringNew().run(() -> demo.seed(us, first, second));

        LiabilityStatement january = statement(us, first);
        LiabilityStatement february = statement(us, second);
        assertThat(january.part(StatementLine.Part.CARDS).lines()).containsEntry(StatementLine.CARDS_SOLD, 17_500L)
                .containsEntry(StatementLine.SALES_VOIDED, -5_000L)
                .containsEntry(StatementLine.REDEEMED_FROM_CARDS, -10_000L);
        assertThat(january.part(StatementLine.Part.BALANCES).lines()).containsEntry(StatementLine.PURCHASES, -4_000L)
                .containsEntry(StatementLine.REFUNDS, 1_000L).containsEntry(StatementLine.CREDIT_ADJUSTMENTS, 500L);
        assertThat(february.part(StatementLine.Part.CARDS).lines()).containsEntry(StatementLine.CARDS_SOLD, 16_500L)
                .containsEntry(StatementLine.CARDS_CANCELLED, -3_000L);
        assertThat(february.part(StatementLine.Part.BALANCES).lines()).containsEntry(StatementLine.CASH_PAID_OUT, -500L)
                .containsEntry(StatementLine.DEBIT_ADJUSTMENTS, -200L);
        assertThat(january.reconciles()).isTrue();
        assertThat(february.reconciles()).isTrue();
        assertThat(february.opening()).isEqualTo(january.closing());
        assertThat(moneyChecks.run()).filteredOn(result -> !result.holds()).as("money checks that failed").isEmpty();
    }

    private LiabilityStatement statement(Region region, YearMonth month) {
        return QuarkusTransaction.requiringNew().call(() -> statements.statement(region, month));
    }
}
