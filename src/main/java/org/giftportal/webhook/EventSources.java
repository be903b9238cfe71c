package org.giftportal.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.card.CardChanged;
import org.giftportal.card.GiftCard;
import org.giftportal.ledger.BalanceChanged;
import org.giftportal.ledger.HoldChanged;
import org.giftportal.redeem.CardRedeemed;
import org.giftportal.support.CaseAnswered;
import org.giftportal.support.CaseOpened;

/**
 * What the portal's features report as it happens, turned into events: each listener runs in the transaction of the
 * change (so the event is written with it, or not at all). A shopper is named by their OIDC subject, as the store API
 * names them; a card by its id and masked number; amounts in minor units with their ISO currency.
 */
@ApplicationScoped
class EventSources {
    private final Webhooks webhooks;

    EventSources(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void onBalanceChanged(@Observes BalanceChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", subjectOf(change.accountId()));
        data.put("entryId", change.entryId());
        data.put("reason", change.type().name().toLowerCase(java.util.Locale.ROOT));
        data.put("amount", Map.of("minorUnits", Math.abs(change.amountMinor()), "currency", change.currency()));
        data.put("balanceAfter", Map.of("minorUnits", change.balanceAfterMinor(), "currency", change.currency()));
        if (change.reference() != null) {
            data.put("reference", change.reference());
        }
        webhooks.record(change.amountMinor() > 0 ? EventType.BALANCE_CREDITED : EventType.BALANCE_DEBITED,
                change.accountId(), accountKey(change.accountId()), data);
    }

    void onHoldChanged(@Observes HoldChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", subjectOf(change.accountId()));
        data.put("holdId", change.holdId());
        data.put("orderReference", change.orderReference());
        data.put("client", change.clientId());
        data.put("amount", Map.of("minorUnits", change.amountMinor(), "currency", change.currency()));
        webhooks.record(switch (change.what()) {
            case PLACED -> EventType.HOLD_PLACED;
            case CAPTURED -> EventType.HOLD_CAPTURED;
            case VOIDED -> EventType.HOLD_VOIDED;
            case LAPSED -> EventType.HOLD_LAPSED;
        }, change.accountId(), accountKey(change.accountId()), data);
    }

    void onCardChanged(@Observes CardChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("card", Map.of("id", change.cardId(), "maskedNumber", change.maskedNumber()));
        data.put("region", change.region());
        data.put("value", Map.of("minorUnits", change.amountMinor(), "currency", change.currency()));
        webhooks.record(switch (change.what()) {
            case ACTIVATED -> EventType.CARD_ACTIVATED;
            case SALE_VOIDED -> EventType.CARD_SALE_VOIDED;
            case BLOCKED -> EventType.CARD_BLOCKED;
            case UNBLOCKED -> EventType.CARD_UNBLOCKED;
            case CANCELLED -> EventType.CARD_CANCELLED;
            case REPLACED -> EventType.CARD_REPLACED;
            case EXPIRED -> EventType.CARD_EXPIRED;
        }, null, "card:" + change.cardId(), data);
    }

    void onReviewDecided(@Observes org.giftportal.redeem.ReviewDecided review) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", subjectOf(review.accountId()));
        data.put("reviewId", review.reviewId());
        GiftCard card = GiftCard.findById(review.cardId());
        data.put("card", Map.of("id", card.id, "maskedNumber", card.maskedNumber()));
        data.put("amount", Map.of("minorUnits", review.amountMinor(), "currency", review.currency()));
        webhooks.record(switch (review.what()) {
            case HELD -> EventType.REDEMPTION_HELD;
            case RELEASED -> EventType.REDEMPTION_RELEASED;
            case REFUSED -> EventType.REDEMPTION_REFUSED;
        }, review.accountId(), accountKey(review.accountId()), data);
    }

    void onAccountEvent(@Observes org.giftportal.ledger.AccountEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", subjectOf(event.accountId()));
        if (event.caseReference() != null) {
            data.put("case", event.caseReference());
        }
        if (event.what() == org.giftportal.ledger.AccountEvent.What.VALUE_REISSUED) {
            GiftCard taken = GiftCard.findById(event.cardId());
            data.put("card", Map.of("id", taken.id, "maskedNumber", taken.maskedNumber()));
            data.put("amount", Map.of("minorUnits", event.amountMinor(), "currency", event.currency()));
            data.put("as", event.reissuedAs());
        }
        webhooks.record(switch (event.what()) {
            case FROZEN -> EventType.ACCOUNT_FROZEN;
            case UNFROZEN -> EventType.ACCOUNT_UNFROZEN;
            case VALUE_REISSUED -> EventType.VALUE_REISSUED;
        }, event.accountId(), accountKey(event.accountId()), data);
    }

    void onMonthClosed(@Observes org.giftportal.finance.MonthClosed closed) {
        webhooks.record(EventType.MONTH_CLOSED, null, "region:" + closed.region(), Map.of("region", closed.region(),
                "month", closed.month(), "opening", Map.of("minorUnits", closed.openingMinor(), "currency",
                        closed.currency()), "closing", Map.of("minorUnits", closed.closingMinor(), "currency",
                        closed.currency())));
    }

    void onMoneyChecksFailed(@Observes org.giftportal.ledger.MoneyChecksFailed failed) {
        webhooks.record(EventType.MONEY_CHECKS_FAILED, null, "money-checks", Map.of("runId", failed.runId(),
                "mismatches", failed.mismatches()));
    }

    void onCardRedeemed(@Observes CardRedeemed redeemed) {
        GiftCard card = GiftCard.findById(redeemed.cardId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("card", Map.of("id", card.id, "maskedNumber", card.maskedNumber()));
        data.put("customer", subjectOf(redeemed.accountId()));
        data.put("amount", Map.of("minorUnits", card.amountMinor, "currency", card.currency));
        webhooks.record(EventType.CARD_REDEEMED, redeemed.accountId(), accountKey(redeemed.accountId()), data);
    }

    void onCaseOpened(@Observes CaseOpened opened) {
        webhooks.record(EventType.CASE_OPENED, opened.accountId(), accountKey(opened.accountId()),
                Map.of("case", opened.reference(), "customer", subjectOf(opened.accountId())));
    }

    void onCaseAnswered(@Observes CaseAnswered answered) {
        webhooks.record(EventType.CASE_ANSWERED, answered.accountId(), accountKey(answered.accountId()),
                Map.of("case", answered.reference(), "customer", subjectOf(answered.accountId()),
                        "resolved", answered.resolved()));
    }

    private static String subjectOf(long accountId) {
        return Account.<Account>findById(accountId).subject;
    }

    private static String accountKey(long accountId) {
        return "account:" + accountId;
    }
}
