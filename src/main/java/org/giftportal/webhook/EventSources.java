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
 * change (so the event is written with it, or not at all). An event's data is gathered only when an endpoint wants it. A shopper is named by their OIDC subject, as the store API
 * names them; a card by its id and masked number; amounts in minor units with their ISO currency.
 */
@ApplicationScoped
class EventSources {
    private final Webhooks webhooks;

    EventSources(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void onBalanceChanged(@Observes BalanceChanged change) {
        webhooks.record(change.amountMinor() > 0 ? EventType.BALANCE_CREDITED : EventType.BALANCE_DEBITED,
                change.accountId(), accountKey(change.accountId()), () -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("customer", subjectOf(change.accountId()));
                    data.put("entryId", change.entryId());
                    data.put("reason", change.type().name().toLowerCase(java.util.Locale.ROOT));
                    data.put("amount", money(Math.abs(change.amountMinor()), change.currency()));
                    data.put("balanceAfter", money(change.balanceAfterMinor(), change.currency()));
                    if (change.reference() != null) {
                        data.put("reference", change.reference());
                    }
                    return data;
                });
    }

    void onHoldChanged(@Observes HoldChanged change) {
        webhooks.record(switch (change.what()) {
            case PLACED -> EventType.HOLD_PLACED;
            case CAPTURED -> EventType.HOLD_CAPTURED;
            case VOIDED -> EventType.HOLD_VOIDED;
            case LAPSED -> EventType.HOLD_LAPSED;
        }, change.accountId(), accountKey(change.accountId()), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", subjectOf(change.accountId()));
            data.put("holdId", change.holdId());
            data.put("orderReference", change.orderReference());
            data.put("client", change.clientId());
            data.put("amount", money(change.amountMinor(), change.currency()));
            return data;
        });
    }

    void onCardChanged(@Observes CardChanged change) {
        webhooks.record(switch (change.what()) {
            case ACTIVATED -> EventType.CARD_ACTIVATED;
            case SALE_VOIDED -> EventType.CARD_SALE_VOIDED;
            case BLOCKED -> EventType.CARD_BLOCKED;
            case UNBLOCKED -> EventType.CARD_UNBLOCKED;
            case CANCELLED -> EventType.CARD_CANCELLED;
            case REPLACED -> EventType.CARD_REPLACED;
            case EXPIRED -> EventType.CARD_EXPIRED;
        }, null, "card:" + change.cardId(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("card", Map.of("id", change.cardId(), "maskedNumber", change.maskedNumber()));
            data.put("region", change.region());
            data.put("value", money(change.amountMinor(), change.currency()));
            return data;
        });
    }

    void onReviewDecided(@Observes org.giftportal.redeem.ReviewDecided review) {
        webhooks.record(switch (review.what()) {
            case HELD -> EventType.REDEMPTION_HELD;
            case RELEASED -> EventType.REDEMPTION_RELEASED;
            case REFUSED -> EventType.REDEMPTION_REFUSED;
        }, review.accountId(), accountKey(review.accountId()), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", subjectOf(review.accountId()));
            data.put("reviewId", review.reviewId());
            data.put("card", card(review.cardId()));
            data.put("amount", money(review.amountMinor(), review.currency()));
            return data;
        });
    }

    void onAccountEvent(@Observes org.giftportal.ledger.AccountEvent event) {
        webhooks.record(switch (event.what()) {
            case FROZEN -> EventType.ACCOUNT_FROZEN;
            case UNFROZEN -> EventType.ACCOUNT_UNFROZEN;
            case VALUE_REISSUED -> EventType.VALUE_REISSUED;
        }, event.accountId(), accountKey(event.accountId()), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", subjectOf(event.accountId()));
            if (event.caseReference() != null) {
                data.put("case", event.caseReference());
            }
            if (event.what() == org.giftportal.ledger.AccountEvent.What.VALUE_REISSUED) {
                data.put("card", card(event.cardId()));
                data.put("amount", money(event.amountMinor(), event.currency()));
                data.put("as", event.reissuedAs());
            }
            return data;
        });
    }

    void onMonthClosed(@Observes org.giftportal.finance.MonthClosed closed) {
        webhooks.record(EventType.MONTH_CLOSED, null, "region:" + closed.region(), () -> Map.of("region",
                closed.region(), "month", closed.month(), "opening", money(closed.openingMinor(), closed.currency()),
                "closing", money(closed.closingMinor(), closed.currency())));
    }

    void onMoneyChecksFailed(@Observes org.giftportal.ledger.MoneyChecksFailed failed) {
        webhooks.record(EventType.MONEY_CHECKS_FAILED, null, "money-checks", () -> Map.of("runId", failed.runId(),
                "mismatches", failed.mismatches()));
    }

    void onCardRedeemed(@Observes CardRedeemed redeemed) {
        webhooks.record(EventType.CARD_REDEEMED, redeemed.accountId(), accountKey(redeemed.accountId()), () -> {
            GiftCard card = GiftCard.findById(redeemed.cardId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("card", card(card.id));
            data.put("customer", subjectOf(redeemed.accountId()));
            data.put("amount", money(card.amountMinor, card.currency));
            return data;
        });
    }

    void onCaseOpened(@Observes CaseOpened opened) {
        webhooks.record(EventType.CASE_OPENED, opened.accountId(), accountKey(opened.accountId()),
                () -> Map.of("case", opened.reference(), "customer", subjectOf(opened.accountId())));
    }

    void onCaseAnswered(@Observes CaseAnswered answered) {
        webhooks.record(EventType.CASE_ANSWERED, answered.accountId(), accountKey(answered.accountId()),
                () -> Map.of("case", answered.reference(), "customer", subjectOf(answered.accountId()),
                        "resolved", answered.resolved()));
    }

    /** An amount as every event writes it. */
    private static Map<String, Object> money(long minorUnits, String currency) {
        return Map.of("minorUnits", minorUnits, "currency", currency);
    }

    /** A card as every event names it: never its code. */
    private static Map<String, Object> card(long cardId) {
        GiftCard card = GiftCard.findById(cardId);
        return Map.of("id", card.id, "maskedNumber", card.maskedNumber());
    }

    private static String subjectOf(long accountId) {
        return Account.<Account>findById(accountId).subject;
    }

    private static String accountKey(long accountId) {
        return "account:" + accountId;
    }
}
