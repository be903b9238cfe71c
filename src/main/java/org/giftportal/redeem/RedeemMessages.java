package org.giftportal.redeem;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The redeem pages' words (other languages: messages/redeem_*.properties). */
@MessageBundle(value = "redeem", locale = "en")
public interface RedeemMessages {
    @Message("Redeem a gift card")
    String title();

    @Message("Claim code")
    String codeLabel();

    @Message("15 letters and numbers, like ACDE-FGHJKM-NPQRT. Dashes and spaces are optional.")
    String codeHint();

    @Message("Apply to your balance")
    String apply();

    @Message("Where to find your claim code")
    String whereTitle();

    @Message("Plastic card:")
    String plasticCard();

    @Message("on the back, under the scratch-off strip.")
    String plasticCardWhere();

    @Message("Gift email:")
    String giftEmail();

    @Message("in the email, next to the gift amount. The button in the email brings you here with the code filled in.")
    String giftEmailWhere();

    @Message("Printed receipt:")
    String receipt();

    @Message("some shops print the code on the receipt.")
    String receiptWhere();

    @Message("Only redeem a card from someone you know. {brand} will never ask you to pay with gift cards by phone or"
            + " email.")
    String onlyFromSomeoneYouKnow(String brand);

    @Message("Gift card redeemed")
    String redeemedTitle();

    @Message("{amount} added to your balance")
    String added(String amount);

    @Message("Thanks! Your gift card is now part of your {brand} balance.")
    String thanks(String brand);

    @Message("Redemption details")
    String details();

    @Message("Gift card")
    String giftCard();

    @Message("Amount added")
    String amountAdded();

    @Message("Your balance now")
    String balanceNow();

    @Message("When")
    String when();

    @Message("We've emailed you a confirmation. Your balance is used automatically when you check out.")
    String emailed();

    @Message("Start shopping")
    String startShopping();

    @Message("See your balance and history")
    String seeBalanceAndHistory();

    @Message("Redeem another card")
    String redeemAnother();

    @Message("What your balance can and can't be used for")
    String whatFor();

    @Message("Gift card being checked")
    String checkingTitle();

    @Message("We're checking this gift card before adding it")
    String checkingHeading();

    @Message("Your gift card {card} worth {amount} is kept for your account, and nobody else can use it. We check some"
            + " redemptions by hand to protect shoppers from gift card scams. This usually takes less than {hours}"
            + " hours.")
    String checkingText(String card, String amount, int hours);

    @Message("Value")
    String value();

    @Message("Redeemed")
    String redeemedAt();

    @Message("Status")
    String status();

    @Message("Being checked")
    String beingChecked();

    @Message("When the check is done, the value is added to your balance and shows in your history. You don't need to"
            + " do anything or type the code again.")
    String whenChecked();

    @Message("If someone you don't know asked you to buy gift cards or to tell them a code, stop: no real company,"
            + " government office or bank asks to be paid that way.")
    String scamStop();

    @Message("How to spot a gift card scam")
    String howToSpot();

    @Message("Why cards are checked")
    String whyChecked();

    @Message("See your balance")
    String seeBalance();

    @Message("Contact support")
    String contactSupport();

    @Message("Before you redeem: is someone asking you for gift cards?")
    String warningTitle();

    @Message("Stop: is someone asking you for gift cards?")
    String warningHeading();

    @Message("Someone on another account checked this card's code a few minutes ago.")
    String lookedUpElsewhere();

    @Message("You're adding several high-value gift cards in a short time.")
    String manyHighValue();

    @Message("Gift card scams are common")
    String scamsCommon();

    @Message("Nobody real asks to be paid in gift cards. No government or tax office, utility company, bank, police"
            + " force or tech support desk ever does. If someone called, messaged or emailed you and asked you to buy"
            + " gift cards or to read out or send their codes, it's a scam.")
    String nobodyReal();

    @Message("If someone asked you for these codes, stop here")
    String stopHere();

    @Message("and")
    String stopHereAnd();

    @Message("contact us")
    String contactUs();

    @Message("A card nobody has redeemed yet keeps its value.")
    String keepsValue();

    @Message("These are my own cards: redeem")
    String ownCards();

    @Message("Stop, don't redeem")
    String dontRedeem();

    @Message("Ask us to look into who redeemed it")
    String askWhoRedeemed();

    @Message("You added {amount} to your {brand} balance")
    String mailSubject(String amount, String brand);

    @Message("Your gift card is in your balance")
    String mailHeading();

    @Message("Hello {name},")
    String mailHello(String name);

    @Message("You added {amount} to your {brand} balance.")
    String mailAdded(String amount, String brand);

    @Message("Your balance is used automatically when you check out at")
    String mailUsedAt();

    @Message("Didn't redeem this card? Contact us straight away: someone may be using your account.")
    String mailNotYou();
}
