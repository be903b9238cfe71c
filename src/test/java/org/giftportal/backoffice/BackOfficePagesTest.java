package org.giftportal.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.CaseForms;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;

/** The back office in a real Chromium on a desktop and a phone: no sideways scrolling, screenshots in target/. */
@QuarkusTest
class BackOfficePagesTest {
    private static final int[][] SIZES = {{1440, 900}, {390, 844}};

    @Test
    void theQueueACaseAndACardFitADesktopAndAPhone() throws Exception {
        IssuedCard card = TestCards.active("US", 75);
        String reference;
        try (Browser shopper = Browser.open()) {
            shopper.signIn(Shoppers.customer("US"));
            shopper.redeem(card.code().formatted());
            reference = CaseForms.reference(CaseForms.submit(shopper.open("/support/cases/new"), "OTHER", "", "",
                    "The card I redeemed shows a lower value than printed on it."));
        }
        assertThat(Database.number("SELECT COUNT(*) FROM support_case WHERE reference = ?", reference)).isOne();
        try (Chromium chromium = Chromium.start(1440, 900)) {
            chromium.signIn(Shoppers.support());
            for (int[] size : SIZES) {
                chromium.resize(size[0], size[1]);
                String suffix = (size[0] < 768 ? "phone-" : "desktop-") + size[0] + "x" + size[1];
                for (String[] page : new String[][] {{"/backoffice", "backoffice-home"},
                        {"/backoffice/cases", "backoffice-queue"}, {"/backoffice/cases/" + reference,
                        "backoffice-case"}, {"/backoffice/cards/" + card.card().cardNumber, "backoffice-card"}}) {
                    chromium.open(page[0]);
                    Path shot = chromium.screenshot(page[1] + "-" + suffix);
                    assertThat(Files.size(shot)).isPositive();
                    assertThat(chromium.scrollsSideways()).as("sideways scrolling on " + page[0] + " at " + suffix)
                            .isFalse();
                }
            }
        }
    }
}
