package org.giftportal.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.Holds;
import org.giftportal.ledger.Refusal;
import org.giftportal.web.Problem;

/**
 * The store API's words for the money rules' refusals, in one place: each refusal is one problem type (a slug that
 * never changes once published, see docs/api.md), its status, and the fields a client acts on.
 */
final class MoneyProblems {
    private MoneyProblems() {
    }

    /** The refusal as the problem that ends the API request (nothing it did is committed). */
    static Problem.ProblemException of(Refusal refusal) {
        return problem(refusal).exception();
    }

    static Problem problem(Refusal refusal) {
        if (refusal instanceof Refusal.Invalid invalid) {
            return invalid(invalid.field() + " must be " + invalid.rule() + ".").with("field", invalid.field());
        }
        if (refusal instanceof Refusal.NoAccount) {
            return Problem.of(404, "account-not-found", "No such account", "No shopper with this subject has a gift"
                    + " card account (they get one when they first sign in to the portal).");
        }
        if (refusal instanceof Refusal.WrongCurrency wrong) {
            return Problem.of(422, "currency-mismatch", "Wrong currency", "The shopper's balance is in "
                    + wrong.accountCurrency() + ", not " + wrong.asked() + ".").with("accountCurrency",
                            wrong.accountCurrency());
        }
        if (refusal instanceof Refusal.NothingEligible none) {
            return Problem.of(422, "nothing-eligible", "Nothing the balance can pay", "Every line item is in a"
                    + " category a gift card balance can't pay for in region " + none.region() + ".")
                    .with("excludedItems", items(none.excluded()));
        }
        if (refusal instanceof Refusal.NothingAvailable none) {
            return Problem.of(422, "insufficient-balance", "No balance available", "The shopper's available balance"
                    + " is 0 " + none.currency() + (none.held() > 0 ? " (the rest is held for other orders)" : "")
                    + ".").with("available", 0);
        }
        if (refusal instanceof Refusal.AccountFrozen) {
            return Problem.of(422, "account-unavailable", "Balance can't be used", "The shopper's balance can't be used"
                    + " for payments right now; any holds on it were voided. Take payment another way; the shopper can"
                    + " contact customer support.");
        }
        if (refusal instanceof Refusal.NoSuchHold none) {
            return notFound("hold", none.holdId());
        }
        if (refusal instanceof Refusal.NoSuchCapture none) {
            return notFound("capture", none.captureId());
        }
        if (refusal instanceof Refusal.HoldEnded ended) {
            return ended(ended);
        }
        if (refusal instanceof Refusal.MoreThanHeld more) {
            return Problem.of(422, "amount-exceeds-hold", "More than the hold", "The hold keeps " + more.held() + " "
                    + more.currency() + " aside: a capture takes at most that.").with("held", more.held());
        }
        Refusal.MoreThanRefundable more = (Refusal.MoreThanRefundable) refusal;
        return Problem.of(422, "refund-exceeds-capture", "More than the capture", "Capture " + more.captureId()
                + " was " + more.captured() + " " + more.currency() + ", of which " + more.refunded() + " is refunded"
                + " already: at most " + more.refundable() + " more can be.").with("refundable", more.refundable());
    }

    private static Problem ended(Refusal.HoldEnded ended) {
        String status = ended.status().name().toLowerCase(Locale.ROOT);
        Problem problem = switch (ended.status()) {
            case CAPTURED -> Problem.of(409, "hold-captured", "Hold already captured", "Hold " + ended.holdId()
                    + " was captured.");
            case VOIDED -> Problem.of(409, "hold-voided", "Hold voided", "Hold " + ended.holdId() + " was voided.");
            default -> Problem.of(409, "hold-expired", "Hold expired", "Hold " + ended.holdId() + " lapsed at "
                    + ended.expiresAt() + " and keeps nothing aside any more; place a new hold.");
        };
        return problem.with("holdStatus", ended.status() == Hold.Status.ACTIVE ? "expired" : status);
    }

    static Problem notFound(String what, long id) {
        return Problem.of(404, what + "-not-found", "No such " + what, "There is no " + what + " " + id + ".");
    }

    static Problem invalid(String detail) {
        return Problem.of(422, "invalid-request", "Invalid request", detail);
    }

    private static List<Map<String, Object>> items(List<Holds.LineItem> items) {
        return items.stream().map(item -> Map.<String, Object>of("sku", item.sku(), "category", item.category(),
                "amount", item.amount())).toList();
    }
}
