package org.giftportal.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words every page shares (its header, navigation, footer and language switcher), in English here and in the
 * other languages in {@code messages/page_<language>.properties}. Templates write {@code {page:key}}; a key or a
 * parameter that doesn't exist fails the build.
 */
@MessageBundle(value = "page", locale = "en")
public interface PageMessages {
    @Message("Skip to main content")
    String skipLink();

    @Message("{brand} Gift Cards")
    String siteTitle(String brand);

    @Message("Gift Cards")
    String brandSub();

    @Message("Main")
    String mainNav();

    @Message("Redeem")
    String navRedeem();

    @Message("Balance")
    String navBalance();

    @Message("& history")
    String navBalanceMore();

    @Message("Pay in store")
    String navPay();

    @Message("Help")
    String navHelp();

    @Message("Back office")
    String navBackOffice();

    @Message("Finance")
    String navFinance();

    @Message("Till")
    String navTill();

    @Message("Sign out")
    String signOut();

    @Message("Sign in")
    String signIn();

    @Message("Footer")
    String footerNav();

    @Message("Help centre")
    String helpCentre();

    @Message("Contact us")
    String contactUs();

    @Message("What your balance can be used for")
    String restrictionsLink();

    @Message("Shop at {brand}")
    String shopAt(String brand);

    @Message("Gift card balances are held in your {brand} account.")
    String balancesHeld(String brand);

    @Message("Language")
    String language();

    @Message("Change")
    String changeLanguage();

    @Message("Problem: {title}")
    String problemTitle(String title);

    /** Read before a field's error by screen readers (hidden on screen). */
    @Message("Error:")
    String errorPrefix();
}
