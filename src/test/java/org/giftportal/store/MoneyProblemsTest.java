package org.giftportal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.Holds;
import org.giftportal.ledger.Refusal;
import org.giftportal.web.Problem;
import org.junit.jupiter.api.Test;

/** Each refusal of the money rules is one documented problem type and status, with what a client acts on. */
class MoneyProblemsTest {

    @Test
    void eachRefusalIsItsDocumentedProblem() {
        assertThat(typeAndStatus(new Refusal.Invalid("amount", "at least 1"))).isEqualTo("invalid-request 422");
        assertThat(typeAndStatus(new Refusal.NoAccount())).isEqualTo("account-not-found 404");
        assertThat(typeAndStatus(new Refusal.WrongCurrency("USD", "GBP"))).isEqualTo("currency-mismatch 422");
        assertThat(typeAndStatus(new Refusal.NothingEligible("US", List.of()))).isEqualTo("nothing-eligible 422");
        assertThat(typeAndStatus(new Refusal.NothingAvailable("USD", 0))).isEqualTo("insufficient-balance 422");
        assertThat(typeAndStatus(new Refusal.NoSuchHold(7))).isEqualTo("hold-not-found 404");
        assertThat(typeAndStatus(new Refusal.NoSuchCapture(7))).isEqualTo("capture-not-found 404");
        assertThat(typeAndStatus(new Refusal.HoldEnded(7, Hold.Status.CAPTURED, null))).isEqualTo("hold-captured 409");
        assertThat(typeAndStatus(new Refusal.HoldEnded(7, Hold.Status.VOIDED, null))).isEqualTo("hold-voided 409");
        assertThat(typeAndStatus(new Refusal.HoldEnded(7, Hold.Status.ACTIVE, Instant.EPOCH)))
                .as("an active hold past its time").isEqualTo("hold-expired 409");
        assertThat(typeAndStatus(new Refusal.MoreThanHeld(7, 500, "USD"))).isEqualTo("amount-exceeds-hold 422");
        assertThat(typeAndStatus(new Refusal.MoreThanRefundable(7, 15_000, 12_000, "USD")))
                .isEqualTo("refund-exceeds-capture 422");
    }

    @Test
    void whatIsLeftIsAFieldTheClientReadsNotOnlyWords() {
        Problem refund = MoneyProblems.problem(new Refusal.MoreThanRefundable(7, 15_000, 12_000, "USD"));
        Problem excluded = MoneyProblems.problem(new Refusal.NothingEligible("US", List.of(
                new Holds.LineItem("GC-1", "gift-cards", 2_500L))));

        assertThat(refund.extensions()).containsEntry("refundable", 3_000L);
        assertThat(excluded.extensions().get("excludedItems").toString()).contains("GC-1").contains("gift-cards");
    }

    private static String typeAndStatus(Refusal refusal) {
        Problem problem = MoneyProblems.problem(refusal);
        return problem.type().substring(problem.type().lastIndexOf('/') + 1) + " " + problem.status();
    }
}
