package org.giftportal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** In dev and test builds a newcomer reads the mails the portal would have sent, with links to follow. */
@QuarkusTest
class DevMailboxTest {

    @Inject
    MockMailbox mailbox;

    @Test
    void theMailsSentToAShopperAreReadableWithTheirLinks() throws Exception {
        TestShopper shopper = Shoppers.customer("GB");
        IssuedCard card = TestCards.active("GB", 30);
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            browser.redeem(card.code().formatted());
            Mailbox.awaitFirst(mailbox, shopper.email());

            HtmlPage list = browser.open("/dev/mailbox");
            HtmlPage mails = list.getAnchorByText(shopper.email()).click();

            assertThat(mails.asNormalizedText()).contains("You added £30.00 to your Brightleaf Market balance")
                    .contains(card.code().lastFour());
            assertThat(mails.getAnchorByHref("https://shop.example.com/uk")).isNotNull();

            // The HTML part too, as the recipient sees it: in a frame that may run nothing and load nothing.
            org.htmlunit.html.HtmlInlineFrame frame = mails.getFirstByXPath("//details[@class='mail-html']//iframe");
            assertThat(frame.hasAttribute("sandbox")).isTrue();
            assertThat(frame.getAttribute("sandbox")).as("no allowance of any kind").isEmpty();
            org.htmlunit.Page html = browser.client().getPage(mails.getUrl().toURI().resolve(frame.getSrcAttribute())
                    .toURL());
            assertThat(html.getWebResponse().getContentAsString()).contains("<html").contains("£30.00");
            assertThat(html.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                    .contains("sandbox").contains("default-src 'none'").contains("frame-ancestors 'self'");
        }
    }

    @Test
    void theSignInServicesMailsCopiedByTheDemoAreThereTooForSomeoneSigningUp() throws Exception {
        String newcomer = "signing-up-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        java.nio.file.Path folder = java.nio.file.Path.of("target", "identity-mail");
        java.nio.file.Files.createDirectories(folder);
        String link = "http://localhost:8180/realms/gift-portal/login-actions/action-token?key=abc";
        java.nio.file.Files.writeString(folder.resolve(System.nanoTime() + ".txt"), "To: " + newcomer
                + "\nSubject: Verify email\n\nSomeone has created an account with this email address. Confirm it: "
                + link + "\n");
        try (Browser browser = Browser.open()) {
            HtmlPage list = browser.open("/dev/mailbox");
            HtmlPage mails = list.getAnchorByText(newcomer).click();

            assertThat(mails.asNormalizedText()).contains("Verify email").contains("From the sign-in service");
            assertThat(mails.getAnchorByHref(link)).isNotNull();
        }
    }
}
