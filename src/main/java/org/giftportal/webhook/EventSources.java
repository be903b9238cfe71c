package org.giftportal.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.card.CardChanged;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.MailOutcome;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.gift.Gift;
import org.giftportal.gift.GiftOrder;
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
        aboutAccount(change.amountMinor() > 0 ? EventType.BALANCE_CREDITED : EventType.BALANCE_DEBITED,
                change.accountId(), () -> {
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
        aboutAccount(switch (change.what()) {
            case PLACED -> EventType.HOLD_PLACED;
            case CAPTURED -> EventType.HOLD_CAPTURED;
            case VOIDED -> EventType.HOLD_VOIDED;
            case LAPSED -> EventType.HOLD_LAPSED;
        }, change.accountId(), () -> {
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
        aboutAccount(switch (review.what()) {
            case HELD -> EventType.REDEMPTION_HELD;
            case RELEASED -> EventType.REDEMPTION_RELEASED;
            case REFUSED -> EventType.REDEMPTION_REFUSED;
        }, review.accountId(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", subjectOf(review.accountId()));
            data.put("reviewId", review.reviewId());
            data.put("card", card(review.cardId()));
            data.put("amount", money(review.amountMinor(), review.currency()));
            return data;
        });
    }

    void onAccountEvent(@Observes org.giftportal.ledger.AccountEvent event) {
        aboutAccount(switch (event.what()) {
            case FROZEN -> EventType.ACCOUNT_FROZEN;
            case UNFROZEN -> EventType.ACCOUNT_UNFROZEN;
            case VALUE_REISSUED -> EventType.VALUE_REISSUED;
        }, event.accountId(), () -> {
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
        aboutAccount(EventType.CARD_REDEEMED, redeemed.accountId(), () -> {
            GiftCard card = GiftCard.findById(redeemed.cardId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("card", card(card.id));
            data.put("customer", subjectOf(redeemed.accountId()));
            data.put("amount", money(card.amountMinor, card.currency));
            return data;
        });
    }

    void onCaseOpened(@Observes CaseOpened opened) {
        aboutAccount(EventType.CASE_OPENED, opened.accountId(),
                () -> Map.of("case", opened.reference(), "customer", subjectOf(opened.accountId())));
    }

    void onCaseAnswered(@Observes CaseAnswered answered) {
        aboutAccount(EventType.CASE_ANSWERED, answered.accountId(),
                () -> Map.of("case", answered.reference(), "customer", subjectOf(answered.accountId()),
                        "resolved", answered.resolved()));
    }

    void onGiftOrderChanged(@Observes org.giftportal.gift.GiftOrderChanged change) {
        webhooks.record(change.what() == org.giftportal.gift.GiftOrderChanged.What.ISSUED
                ? EventType.EGIFT_ORDER_ISSUED : EventType.EGIFT_ORDER_CANCELLED, null, orderKey(change.orderId()),
                () -> {
                    GiftOrder order = GiftOrder.findById(change.orderId());
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("order", order(order));
                    data.put("region", order.region);
                    data.put("gifts", order.lineCount);
                    data.put("total", money(order.totalMinor, order.currency));
                    if (order.buyerSubject != null) {
                        data.put("buyer", order.buyerSubject);
                    }
                    return data;
                });
    }

    /** A gift's email settled: sent, refused for good, or given up. The address goes only where it is allowed. */
    void onMailOutcome(@Observes MailOutcome outcome) {
        if (outcome.kind() != OutboxMail.Kind.GIFT || outcome.giftId() == null) {
            return;
        }
        Gift gift = Gift.findById(outcome.giftId());
        webhooks.record(switch (outcome.what()) {
            case SENT -> EventType.GIFT_EMAIL_SENT;
            case REFUSED -> EventType.GIFT_EMAIL_REFUSED;
            case GIVEN_UP -> EventType.GIFT_EMAIL_GIVEN_UP;
        }, null, orderKey(gift.orderId), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("gift", Map.of("id", gift.id, "order", order(GiftOrder.findById(gift.orderId))));
            data.put("card", card(gift.giftCardId));
            data.put("attempts", outcome.attempts());
            return data;
        }, () -> gift.recipientEmail);
    }

    private static Map<String, Object> order(GiftOrder order) {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("id", order.id);
        named.put("reference", order.reference);
        if (order.storeOrderReference != null) {
            named.put("storeOrderReference", order.storeOrderReference);
            named.put("client", order.clientId);
        }
        return named;
    }

    private static String orderKey(long orderId) {
        return "egift-order:" + orderId;
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

    /** An event about a shopper: in order with their other events, their address only where it is allowed. */
    private void aboutAccount(EventType type, long accountId, java.util.function.Supplier<Map<String, Object>> data) {
        webhooks.record(type, accountId, accountKey(accountId), data,
                () -> Account.<Account>findById(accountId).email);
    }

    private static String subjectOf(long accountId) {
        return Account.<Account>findById(accountId).subject;
    }

    private static String accountKey(long accountId) {
        return "account:" + accountId;
    }
}
