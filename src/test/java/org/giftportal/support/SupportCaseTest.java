package org.giftportal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.giftportal.testsupport.CaseForms.csrfToken;
import static org.giftportal.testsupport.CaseForms.reply;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.giftportal.card.CardStatus;
import org.giftportal.card.IssuedCard;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.CaseForms;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestClock;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Support cases through the pages: attachments checked by content, replies, escalation, lost cards on hold. */
@QuarkusTest
class SupportCaseTest {
    private static final byte[] PNG = CaseForms.PNG;
    private static final byte[] PDF = CaseForms.PDF;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestClock clock;

    @TempDir
    Path files;


    @Test
    void openingACaseWithAReceiptAndAScreenshotConfirmsItByEmail() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);

            HtmlPage page = submit(browser.open("/support/cases/new"), "NOT_ACTIVATED", "", "W-1234-5678",
                    "I bought a card at the shop yesterday and it says it isn't activated.",
                    file("receipt.pdf", PDF), file("screenshot.png", PNG));

            assertThat(page.getUrl().getPath()).startsWith("/support/cases/GC-");
            String reference = page.getUrl().getPath().substring("/support/cases/".length());
            assertThat(page.asNormalizedText()).contains("we've opened case " + reference)
                    .contains("The card isn't activated").contains("Open: we're looking into it")
                    .contains("W-1234-5678").contains("receipt.pdf").contains("screenshot.png");
            Page download = browser.client().getPage(new java.net.URL(page.getUrl(),
                    page.getAnchorByText("receipt.pdf").getHrefAttribute()));
            assertThat(download.getWebResponse().getContentType()).isEqualTo("application/pdf");
            assertThat(download.getWebResponse().getContentAsStream().readAllBytes()).isEqualTo(PDF);
            assertThat(browser.open("/support/cases").asNormalizedText()).contains(reference);

            Mail mail = Mailbox.awaitFirst(mailbox, shopper.email());
            assertThat(mail.getSubject()).isEqualTo("We've received your request " + reference);
            assertThat(mail.getText()).contains("opened case " + reference + ": The card isn't activated");
        }
    }

    @Test
    void attachmentsThatAreTooBigOrNotWhatTheirNameSaysAreRefusedAndNothingIsStored() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            byte[] big = Arrays.copyOf(PNG, 5 * 1024 * 1024 + 1);
            byte[] program = "MZ\u0090\u0000 this is a program, not a picture".getBytes();

            HtmlPage tooBig = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "Here is a large photo of my receipt.", file("photo.png", big));
            HtmlPage disguised = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "Here is a photo of my receipt.", file("receipt.png", program));
            HtmlPage tooMany = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "Four files for one case.", file("a.png", PNG), file("b.png", PNG), file("c.png", PNG),
                    file("d.png", PNG));

            assertThat(tooBig.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(tooBig.asNormalizedText()).contains("photo.png is larger than 5 MB");
            assertThat(disguised.asNormalizedText()).contains("receipt.png isn't a PNG, JPEG or PDF file");
            assertThat(tooMany.asNormalizedText()).contains("Attach up to 3 files.");
            assertThat(disguised.<HtmlSelect>getHtmlElementById("topic").getSelectedOptions().get(0).getValueAttribute())
                    .isEqualTo("OTHER");
            long cases = QuarkusTransaction.requiringNew().call(() ->
                    SupportCase.count("accountId", TestCards.account(shopper).id));
            assertThat(cases).isZero();
        }
    }

    @Test
    void missingFieldsAreNamedOneByOne() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = submit(browser.open("/support/cases/new"), "", "NOT-A-CODE", "bad order #1", "short");

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(page.asNormalizedText()).contains("Choose what your problem is about.")
                    .contains("Tell us what happened").contains("That doesn't look like a card code or a 16-digit card number")
                    .contains("An order number has letters, digits and dashes only");
        }
    }

    @Test
    void aFormThatComesBackWithAProblemSaysWhichFilesToAttachAgain() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = submit(browser.open("/support/cases/new"), "OTHER", "", "", "",
                    CaseForms.file(files, "receipt.pdf", CaseForms.PDF));

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(page.getElementById("attachments-error").asNormalizedText())
                    .contains("Attach your file again (receipt.pdf)");
            assertThat(page.getElementById("attachments").getAttribute("aria-invalid")).isEqualTo("true");
        }
    }

    @Test
    void repliesAreAddedAndASupportAnswerWaitsOnTheShopperUntilTheyReply() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("GB"));
            HtmlPage page = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "My balance looks lower than I expected after an order.");
            String reference = page.getUrl().getPath().substring("/support/cases/".length());
            QuarkusTransaction.requiringNew().run(() -> {
                SupportCase supportCase = SupportCase.findByReference(reference).orElseThrow();
                supportCase.supportReplied(Instant.now(), false);
                CaseMessage.add(supportCase, AuthorRole.SUPPORT, "Jo", "Which order do you mean?", Instant.now(),
                        null);
            });
            assertThat(browser.open("/support/cases/" + reference).asNormalizedText())
                    .contains("Waiting on you: please reply").contains("Jo (support team)")
                    .contains("Which order do you mean?");

            HtmlPage empty = reply(browser.open("/support/cases/" + reference), "   ");
            assertThat(empty.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(empty.asNormalizedText()).contains("Write a message before sending it.");

            HtmlPage afterReply = reply(browser.open("/support/cases/" + reference), "Order W-99, placed on Monday.");

            assertThat(afterReply.asNormalizedText()).contains("Order W-99, placed on Monday.")
                    .contains("Open: we're looking into it");
            org.htmlunit.html.DomElement sent = afterReply.getElementById("reply-sent");
            assertThat(sent).as("a status says the reply went").isNotNull();
            assertThat(sent.getAttribute("role")).isEqualTo("status");
            assertThat(sent.hasAttribute("autofocus")).as("focus moves to it").isTrue();
            assertThat(sent.asNormalizedText()).contains("Reply sent");
        }
    }

    @Test
    void escalationIsOfferedOnlyOnceACaseHasWaitedLongEnough() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            HtmlPage page = submit(browser.open("/support/cases/new"), "ALREADY_REDEEMED", "", "",
                    "The card I was given says it's already redeemed but it isn't in my history.");
            String reference = page.getUrl().getPath().substring("/support/cases/".length());
            assertThat(page.asNormalizedText()).contains("you'll be able to ask for escalation here");
            assertThat((Object) page.getFirstByXPath("//form[contains(@action,'/escalation')]")).isNull();

            HtmlPage early = browser.postWithToken("/support/cases/" + reference,
                    "/support/cases/" + reference + "/replies", Map.of("body", "still waiting"));
            HtmlPage refused = browser.post("/support/cases/" + reference + "/escalation",
                    Map.of("csrf-token", csrfToken(early)));
            assertThat(refused.asNormalizedText()).contains("This case can't be escalated yet");

            clock.advance(Duration.ofDays(2).plusMinutes(1));
            HtmlPage later = browser.open("/support/cases/" + reference);
            HtmlButton escalate = later.getFirstByXPath("//form[contains(@action,'/escalation')]//button");
            HtmlPage escalated = escalate.click();

            assertThat(escalated.asNormalizedText()).contains("Escalated to a senior team member")
                    .contains("You asked for this case to be escalated");
            assertThat((Object) escalated.getFirstByXPath("//form[contains(@action,'/escalation')]")).isNull();
        }
    }

    @Test
    void reportingALostCardPutsItOnHoldSoNobodyCanRedeemIt() throws Exception {
        IssuedCard card = TestCards.active("US", 200);
        TestShopper owner = Shoppers.customer("US");
        try (Browser browser = Browser.open()) {
            browser.signIn(owner);
            HtmlPage form = browser.open("/support/cases/new?topic=LOST_OR_STOLEN");
            assertThat(form.asNormalizedText()).contains("Report a lost or stolen card").contains("Proof of purchase");

            HtmlPage page = submit(form, "LOST_OR_STOLEN", card.code().formatted(), "",
                    "I lost the card on the bus this morning.", file("receipt.jpg",
                            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10}));

            assertThat(page.asNormalizedText()).contains("is now on hold")
                    .contains("••••-••••••-•" + card.code().lastFour());
            assertThat(page.asXml()).doesNotContain(card.code().formatted());
            String reference = page.getUrl().getPath().substring("/support/cases/".length());
            SupportCase stored = QuarkusTransaction.requiringNew().call(() ->
                    SupportCase.findByReference(reference).orElseThrow());
            assertThat(stored.cardLast4).isEqualTo(card.code().lastFour());
            assertThat(stored.cardCodeHash).hasSize(32);
        }
        assertThat(TestCards.reload(card).status).isEqualTo(CardStatus.BLOCKED);
        try (Browser thief = Browser.open()) {
            thief.signIn(Shoppers.customer("US"));
            HtmlPage attempt = thief.redeem(card.code().formatted());
            assertThat(attempt.getElementById("problem-title").getTextContent()).isEqualTo("This card is on hold");
        }
    }

    @Test
    void aLostCardReportNeedsProofOfPurchase() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = submit(browser.open("/support/cases/new?topic=LOST_OR_STOLEN"), "LOST_OR_STOLEN", "", "",
                    "Lost it somewhere in town.");

            assertThat(page.asNormalizedText()).contains("Attach proof of purchase");
        }
    }

    @Test
    void anotherShopperFindsNeitherTheCaseNorItsFileButSupportCanOpenTheFile() throws Exception {
        String casePath;
        String filePath;
        try (Browser owner = Browser.open()) {
            owner.signIn(Shoppers.customer("US"));
            HtmlPage page = submit(owner.open("/support/cases/new"), "OTHER", "", "",
                    "A question about my balance and a receipt.", file("receipt.pdf", PDF));
            casePath = page.getUrl().getPath();
            filePath = page.getAnchorByText("receipt.pdf").getHrefAttribute();
        }
        try (Browser stranger = Browser.open()) {
            stranger.signIn(Shoppers.customer("US"));
            assertThat(stranger.open(casePath).getWebResponse().getStatusCode()).isEqualTo(404);
            Page file = stranger.client().getPage(new java.net.URL(stranger.open("/").getUrl(), filePath));
            assertThat(file.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(stranger.open(casePath + "/replies").getWebResponse().getStatusCode()).isIn(404, 405);
            assertThat(stranger.open("/support/cases/GC-not%20a%23case").getWebResponse().getStatusCode())
                    .isEqualTo(404);
        }
        try (Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            Page file = staff.client().getPage(new java.net.URL(staff.open("/").getUrl(), filePath));
            assertThat(file.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(file.getWebResponse().getContentAsStream().readAllBytes()).isEqualTo(PDF);
        }
    }

    @Test
    void aCaseFormWithoutItsCsrfTokenIsRejected() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = browser.post("/support/cases", Map.of("topic", "OTHER", "description",
                    "Forged from another site."), org.htmlunit.FormEncodingType.MULTIPART);

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.asNormalizedText()).contains("We couldn't accept that form");
            long cases = QuarkusTransaction.requiringNew().call(() ->
                    SupportCase.count("description", "Forged from another site."));
            assertThat(cases).isZero();
        }
    }

    private File file(String name, byte[] content) throws IOException {
        return CaseForms.file(files, name, content);
    }
}
