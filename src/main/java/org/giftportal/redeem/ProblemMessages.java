package org.giftportal.redeem;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What went wrong with a code, and the help article's link, in the shopper's language (other languages:
 * messages/problem_*.properties). No message ever repeats the code the shopper typed.
 */
@MessageBundle(value = "problem", locale = "en")
public interface ProblemMessages {
    @Message("Help with codes that don't work")
    String linkInvalidCode();

    @Message("Where to find your claim code")
    String linkWhereToFind();

    @Message("Why codes get locked and what you can do")
    String linkLocked();

    @Message("Check your balance and history")
    String linkBalance();

    @Message("Why cards are checked")
    String linkChecked();

    @Message("What to do when a card is already redeemed")
    String linkAlreadyRedeemed();

    @Message("Help with cards that aren't activated")
    String linkNotActivated();

    @Message("Lost, stolen and blocked cards")
    String linkLost();

    @Message("Lost, stolen and cancelled cards")
    String linkCancelled();

    @Message("About card expiry dates")
    String linkExpiry();

    @Message("Cards from other countries")
    String linkRegions();

    @Message("We're still checking your last code")
    String busyTitle();

    @Message("Another code you sent is still being looked up. Wait a few seconds, then check your balance before you"
            + " try again.")
    String busyDetail();

    @Message("We're very busy: your card was not added")
    String notDoneTitle();

    @Message("We couldn't finish adding your gift card, and nothing was added to your balance. The code is still good:"
            + " please try again in a minute.")
    String notDoneDetail();

    @Message("We couldn't find that gift card")
    String notFoundTitle();

    @Message("No {brand} gift card has that claim code. Check each character against your card or gift email, or copy"
            + " and paste the code from the email.")
    String notFoundDetail(String brand);

    @Message("Too many unsuccessful tries from your network")
    String lockedNetworkTitle();

    @Message("To keep gift cards safe, redeeming and checking codes is paused for everyone on the internet connection"
            + " you're using, after many codes that didn't work were tried from it. Your account is fine. You can try"
            + " again after {until}, or now from another connection, such as mobile data instead of a shared Wi-Fi.")
    String lockedNetworkDetail(String until);

    @Message("Too many unsuccessful tries")
    String lockedTitle();

    @Message("To keep gift cards safe, redeeming and checking codes is paused on your account after several codes that"
            + " didn't work. You can try again after {until}.")
    String lockedDetail(String until);

    @Message("Enter a claim code")
    String emptyTitle();

    @Message("Enter the claim code from the back of your gift card or from your gift email.")
    String emptyDetail();

    @Message("That code looks mistyped")
    String mistypedTitle();

    @Message("One of the characters doesn't match: check each one against your card or gift email, or copy and paste"
            + " the code from the email.")
    String checkFailedDetail();

    @Message("A claim code has 15 letters and numbers, shown like ACDE-FGHJKM-NPQRT. Check it against your card or"
            + " gift email.")
    String wrongShapeDetail();

    @Message("You've already redeemed this card")
    String mineTitle();

    @Message("You added this gift card to your balance on {when}. Its value is in your balance.")
    String mineDetail(String when);

    @Message("We're checking this card before adding it")
    String inReviewTitle();

    @Message("You redeemed this gift card on {when}. It's kept for your account while we check it, and its value is"
            + " added to your balance when we're done. You don't need to type the code again.")
    String inReviewDetail(String when);

    @Message("This card was redeemed to another account")
    String someoneElseTitle();

    @Message("If you have another {brand} account, check its balance. If not, contact us with your receipt or gift"
            + " email: we'll look into who used it.")
    String someoneElseDetail(String brand);

    @Message("This card hasn't been activated yet")
    String notActivatedTitle();

    @Message("Cards bought in a shop are activated at the till. Check your receipt, and ask the shop that sold it to"
            + " activate it.")
    String notActivatedDetail();

    @Message("This card is on hold")
    String onHoldTitle();

    @Message("It was reported lost or stolen and can't be used while we review the report. If it's yours, contact us"
            + " with your receipt.")
    String onHoldDetail();

    @Message("This card has been cancelled")
    String cancelledTitle();

    @Message("A cancelled card can't be redeemed. If you think that's a mistake, contact us with your receipt.")
    String cancelledDetail();

    @Message("This card has expired")
    String expiredTitle();

    @Message("It could be redeemed until {date}.")
    String expiredDetail(String date);

    @Message("This card is for another region")
    String wrongRegionTitle();

    @Message("It's a gift card for {cardRegion} and can only be redeemed to an account there. Your account is in"
            + " {yourRegion}.")
    String wrongRegionDetail(String cardRegion, String yourRegion);
}
