package org.giftportal.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can subscribe to, by the names receivers see (docs/api.md, "Webhooks"). */
public enum EventType {
    CARD_ACTIVATED("card.activated", "A gift card became spendable (sold at a till, activated in a batch, issued online)"),
    CARD_SALE_VOIDED("card.sale_voided", "A till's sale of a card was cancelled: the card is unsold again"),
    CARD_REDEEMED("card.redeemed", "A gift card was redeemed to a shopper's balance"),
    CARD_BLOCKED("card.blocked", "A card was reported lost or stolen and blocked"),
    CARD_UNBLOCKED("card.unblocked", "A blocked card was released"),
    CARD_CANCELLED("card.cancelled", "A card was cancelled (by staff, or its e-gift order was)"),
    CARD_REPLACED("card.replaced", "A lost card was cancelled and its value carried to a new card"),
    CARD_EXPIRED("card.expired", "A sold, unredeemed card's validity ended"),
    BALANCE_CREDITED("balance.credited", "A balance went up (redemption, refund, credit adjustment)"),
    BALANCE_DEBITED("balance.debited", "A balance went down (purchase, debit adjustment, claw-back, cash paid out)"),
    HOLD_PLACED("hold.placed", "A store set part of a balance aside for an order"),
    HOLD_CAPTURED("hold.captured", "A store took a hold's amount (a purchase)"),
    HOLD_VOIDED("hold.voided", "A hold was given back (the order was cancelled, or the account frozen)"),
    HOLD_LAPSED("hold.lapsed", "A hold passed its time unused and was given back"),
    REDEMPTION_HELD("redemption.held_for_review", "A redemption waits for staff's check before crediting"),
    REDEMPTION_RELEASED("redemption.released", "Staff released a held redemption: the balance is credited"),
    REDEMPTION_REFUSED("redemption.refused", "Staff refused a held redemption: nothing is credited"),
    ACCOUNT_FROZEN("account.frozen", "An account was frozen while a case is looked into"),
    ACCOUNT_UNFROZEN("account.unfrozen", "A frozen account may spend again"),
    VALUE_REISSUED("value.reissued", "A card's value taken by someone else was given back (a new card or a credit)"),
    MONTH_CLOSED("finance.month_closed", "A region's month closed: its liability statement is final"),
    MONEY_CHECKS_FAILED("money_checks.failed", "A run of the money checks found mismatches"),
    EGIFT_ORDER_ISSUED("egift_order.issued", "Every card of an e-gift order was issued: its emails are on their way"),
    EGIFT_ORDER_CANCELLED("egift_order.cancelled", "The store cancelled an e-gift order: its unredeemed cards too"),
    GIFT_EMAIL_SENT("gift_email.sent", "A gift's email was handed to the recipient's mail server"),
    GIFT_EMAIL_REFUSED("gift_email.refused", "The recipient's mail server refused a gift's email for good (no such"
            + " address, say)"),
    GIFT_EMAIL_GIVEN_UP("gift_email.given_up", "A gift's email could not be sent after every attempt"),
    CASE_OPENED("case.opened", "A shopper opened a support case"),
    CASE_ANSWERED("case.answered", "Support answered a shopper's case");

    private final String key;
    private final String description;

    EventType(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<EventType> of(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }
}
