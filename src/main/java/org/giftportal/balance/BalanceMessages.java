package org.giftportal.balance;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The balance page's words (other languages: messages/balance_*.properties). */
@MessageBundle(value = "balance", locale = "en")
public interface BalanceMessages {
    @Message("Balance & history")
    String title();

    @Message("Your gift card balance")
    String heading();

    @Message("Balance")
    String balance();

    @Message("{held} of it is set aside for an order you are paying for at the store, so {available} is available to"
            + " spend now. If the order is cancelled, the amount comes back to your balance.")
    String held(String held, String available);

    @Message("Not yet in your balance: {amount} from {#when cards.pluralForm}{#is 'one'}{cards} gift card we're"
            + " checking before adding it{#else}{cards} gift cards we're checking before adding them{/when}. This"
            + " usually takes less than {hours} hours.")
    String checking(String amount, int cards, int hours);

    @Message("Why cards are checked")
    String whyChecked();

    @Message("Your balance can't be used to pay right now, while we look into a gift card redeemed to your account."
            + " Please")
    String frozenBefore();

    @Message("contact customer support")
    String frozenLink();

    @Message(": we'll explain what happens next.")
    String frozenAfter();

    @Message("Redeemed in total")
    String totalRedeemed();

    @Message("Spent in total")
    String totalSpent();

    @Message("Last change")
    String lastChange();

    @Message("Your balance is used automatically at checkout.")
    String usedAtCheckout();

    @Message("What it can and can't be used for")
    String whatFor();

    @Message("Nothing here yet")
    String nothingYet();

    @Message("When you redeem a gift card, its value and every purchase it pays for will show up here.")
    String nothingYetText();

    @Message("Redeem a gift card")
    String redeem();

    @Message("History")
    String history();

    @Message("Filter your history")
    String filter();

    @Message("Show")
    String show();

    @Message("All activity")
    String allActivity();

    @Message("Gift cards redeemed")
    String typeRedemption();

    @Message("Purchases")
    String typePurchase();

    @Message("Refunds")
    String typeRefund();

    @Message("Adjustments by customer support")
    String typeAdjustment();

    @Message("Gift card values returned to their owners")
    String typeClawback();

    @Message("Cash pay-outs")
    String typeCashOut();

    @Message("From")
    String from();

    @Message("To")
    String to();

    @Message("Both days are included.")
    String bothDays();

    @Message("Apply")
    String apply();

    @Message("Clear")
    String clear();

    @Message("No activity matches these filters.")
    String noMatch();

    @Message("Your activity, newest first")
    String caption();

    @Message("(earlier page)")
    String earlierPage();

    @Message("Date")
    String date();

    @Message("What")
    String what();

    @Message("Amount")
    String amount();

    @Message("Balance after")
    String balanceAfter();

    @Message("History pages")
    String pages();

    @Message("← Newer activity")
    String newer();

    @Message("Newest")
    String newest();

    @Message("Older activity →")
    String older();

    @Message("Download history (CSV)")
    String download();

    @Message("Download this filtered history (CSV)")
    String downloadFiltered();

    @Message("Check a gift card without redeeming it")
    String checkCard();

    @Message("Gifts you sent")
    String giftsSent();
}
