package org.giftportal.home;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The home pages' words, for a visitor and for a signed-in shopper (other languages: messages/home_*.properties). */
@MessageBundle(value = "home", locale = "en")
public interface HomeMessages {
    @Message("Redeem and manage your gift cards")
    String visitorTitle();

    @Message("You've signed out. To use your gift card balance again, sign in.")
    String signedOut();

    @Message("Your {brand} gift cards, in one place")
    String heroTitle(String brand);

    @Message("Add a gift card to your account balance, see what you have left and everything you've spent, and get"
            + " help if a code doesn't work.")
    String heroLead();

    @Message("Sign in to redeem a gift card")
    String signInToRedeem();

    @Message("Got a gift card by email? Open the link in the email and sign in: the code will be filled in for you.")
    String giftByEmail();

    @Message("What you can do here")
    String whatYouCanDo();

    @Message("Redeem a code")
    String redeemTitle();

    @Message("Type the claim code from the back of your card or your gift email. The value goes straight to your"
            + " balance.")
    String redeemText();

    @Message("Track your balance")
    String trackTitle();

    @Message("See your balance, every card you've added and every purchase it paid for.")
    String trackText();

    @Message("Get help")
    String helpTitle();

    @Message("Code not working? Our")
    String helpTextBefore();

    @Message("help centre")
    String helpTextLink();

    @Message("explains what each message means and how to fix it.")
    String helpTextAfter();

    @Message("Your gift cards")
    String shopperTitle();

    @Message("Hello, {name}")
    String hello(String name);

    @Message("Your balance")
    String yourBalance();

    @Message("Last change: {what}, {amount}, on {when}.")
    String lastChange(String what, String amount, String when);

    @Message("See your history")
    String seeHistory();

    @Message("Nothing yet: redeem a gift card to add to it.")
    String nothingYet();

    @Message("What would you like to do?")
    String whatNext();

    @Message("Open the till")
    String openTill();

    @Message("Redeem a gift card")
    String actionRedeem();

    @Message("Add a claim code to your balance")
    String actionRedeemText();

    @Message("Balance & history")
    String actionBalance();

    @Message("See what you have and where it went")
    String actionBalanceText();

    @Message("Pay in store")
    String actionPay();

    @Message("Show a code at the counter to pay with your balance")
    String actionPayText();

    @Message("Help")
    String actionHelp();

    @Message("Codes that don't work, lost cards, contacting us")
    String actionHelpText();

    @Message("Your account shops in {region}, and its balance is in {currency}.")
    String accountShopsIn(String region, String currency);
}
