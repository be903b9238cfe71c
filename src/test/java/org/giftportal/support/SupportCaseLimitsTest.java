package org.giftportal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.giftportal.testsupport.CaseForms.PNG;
import static org.giftportal.testsupport.CaseForms.reference;
import static org.giftportal.testsupport.CaseForms.reply;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.giftportal.ops.DatabaseTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.CaseForms;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestClock;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account can't hurt everyone through support cases: a day's cases and attachment bytes are bounded, files live
 * apart from the ledger's database and are served as what they are, and a form sent twice does its work once.
 */
@QuarkusTest
class SupportCaseLimitsTest {
    private static final Path STORE = Path.of("target", "test-stack", "attachments");

    @Inject
    TestClock clock;

    @Inject
    AttachmentMover mover;

    @TempDir
    Path folder;


    @Test
    void attachmentsAreFilesInTheSharedStoreNotRowsInTheLedgersDatabase() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "A screenshot of the error.", CaseForms.file(folder, "screen.png", PNG));

            long caseId = Database.number("SELECT id FROM support_case WHERE reference = ?", reference(page));
            String key = Database.text("SELECT storage_key FROM support_case_attachment WHERE case_id = ?", caseId);
            assertThat(Database.number("SELECT COUNT(*) FROM support_case_attachment WHERE case_id = ?"
                    + " AND content IS NULL", caseId)).isEqualTo(1);
            assertThat(Files.readAllBytes(STORE.resolve(key))).isEqualTo(PNG);
        }
    }

    @Test
    void aFileMissingFromTheStoreIsSaidToBeUnavailableNotAServerError() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            HtmlPage page = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "A photo of the card.", CaseForms.file(folder, "card.png", PNG));
            long caseId = Database.number("SELECT id FROM support_case WHERE reference = ?", reference(page));
            Files.delete(STORE.resolve(Database.text(
                    "SELECT storage_key FROM support_case_attachment WHERE case_id = ?", caseId)));

            Page missing = download(browser, page, "card.png");

            assertThat(missing.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(((HtmlPage) missing).asNormalizedText()).contains("This file isn't available")
                    .contains("attach it again in a reply");
        }
    }

    @Test
    void aFileIsServedUnderTheExtensionOfWhatItIsWhateverItsNameSaid() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage page = submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "Receipt attached, and a photo with an odd name.", CaseForms.file(folder, "receipt.html", PNG),
                    CaseForms.file(folder, "photo\u202Egnp.exe", PNG));

            assertThat(page.asNormalizedText()).contains("receipt.png").doesNotContain("receipt.html");
            Page download = download(browser, page, "receipt.png");
            assertThat(download.getWebResponse().getContentType()).isEqualTo("image/png");
            assertThat(download.getWebResponse().getResponseHeaderValue("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"receipt.png\"");
            String odd = page.getAnchors().stream().map(anchor -> anchor.getTextContent())
                    .filter(text -> text.startsWith("photo")).findFirst().orElseThrow();
            assertThat(odd).doesNotContain("\u202E").endsWith(".png");
        }
    }

    @Test
    void aShopperOpensAFewCasesAnHourAndFiveADay() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            for (int i = 1; i <= 5; i++) {
                assertThat(open(browser, "Case number " + i + " about my card.").getUrl().getPath())
                        .startsWith("/support/cases/GC-");
            }

            HtmlPage tooFast = open(browser, "A sixth case, straight away.");
            clock.advance(Duration.ofMinutes(61));
            HtmlPage tooMany = open(browser, "A sixth case, an hour later.");
            clock.advance(Duration.ofHours(24));
            HtmlPage nextDay = open(browser, "A case the next day.");

            assertThat(tooFast.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(tooMany.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(tooMany.asNormalizedText()).contains("You've opened 5 cases in the last 24 hours")
                    .contains("Add a reply to one of your open cases");
            assertThat(nextDay.getUrl().getPath()).startsWith("/support/cases/GC-");
        }
    }

    @Test
    void aDaysAttachmentsAreBoundedAndARefusedCaseStoresNoFile() throws Exception {
        byte[] fiveMegabytes = Arrays.copyOf(PNG, 5 * 1024 * 1024);
        File[] three = {CaseForms.file(folder, "a.png", fiveMegabytes), CaseForms.file(folder, "b.png", fiveMegabytes),
                CaseForms.file(folder, "c.png", fiveMegabytes)};
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            submit(browser.open("/support/cases/new"), "OTHER", "", "", "First batch of photos.", three);
            submit(browser.open("/support/cases/new"), "OTHER", "", "", "Second batch of photos.", three);
            long filesBefore = storedFiles();

            HtmlPage refused = submit(browser.open("/support/cases/new"), "OTHER", "", "", "One more photo.",
                    CaseForms.file(folder, "d.png", PNG));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("would go over 30 MB, the most we take in a day");
            assertThat(storedFiles()).isEqualTo(filesBefore);
        }
    }

    @Test
    void theSameCaseFormSentTwiceOpensOneCase() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            HtmlPage form = browser.open("/support/cases/new");

            HtmlPage first = submit(form, "OTHER", "", "", "Sent twice by a double click.");
            HtmlPage second = submit(form, "OTHER", "", "", "Sent twice by a double click.");

            assertThat(second.getUrl().getPath()).isEqualTo(first.getUrl().getPath());
            assertThat(Database.number("SELECT COUNT(*) FROM support_case WHERE description = ?",
                    "Sent twice by a double click.")).isEqualTo(1);
        }
    }

    @Test
    void theSameCaseFormSentTwiceAtTheSameMomentOpensOneCaseAndNeitherSeesAnError() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            HtmlPage form = browser.open("/support/cases/new");
            String cookies = RawForms.cookieHeader(browser);
            Map<String, String> fields = Map.of("csrf-token", CaseForms.csrfToken(form), "topic", "OTHER",
                    "description", "Double-clicked at the same moment.", "requestId", form.<org.htmlunit.html.HtmlInput>
                            getFirstByXPath("//input[@name='requestId']").getValue());

            List<Integer> statuses = Race.twice(() -> RawForms.postMultipart(cookies, "/support/cases", fields));

            assertThat(statuses).containsOnly(303);
            assertThat(Database.number("SELECT COUNT(*) FROM support_case WHERE description = ?",
                    "Double-clicked at the same moment.")).isEqualTo(1);
        }
    }

    @Test
    void aReplySentTwiceAtTheSameMomentIsAddedOnceAndNeitherSeesAnError() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String reference = reference(open(browser, "A case to reply to twice."));
            HtmlPage casePage = browser.open("/support/cases/" + reference);
            String token = CaseForms.csrfToken(casePage);
            String requestId = casePage.<org.htmlunit.html.HtmlInput>getFirstByXPath(
                    "//form[contains(@action,'/replies')]//input[@name='requestId']").getValue();
            Map<String, String> form = Map.of("csrf-token", token, "body", "The double-clicked reply.",
                    "requestId", requestId);

            String cookies = RawForms.cookieHeader(browser);

            List<Integer> statuses = Race.twice(() -> RawForms.post(cookies, "/support/cases/" + reference
                    + "/replies", form));

            assertThat(statuses).containsOnly(303);
            assertThat(Database.number("SELECT COUNT(*) FROM support_case_message WHERE body = ?",
                    "The double-clicked reply.")).isEqualTo(1);
        }
    }

    @Test
    void escalationPressedTwiceEscalatesOnceAndSaysSo() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String reference = reference(open(browser, "A case that will need escalating."));
            clock.advance(Duration.ofDays(2).plusMinutes(1));
            HtmlPage casePage = browser.open("/support/cases/" + reference);
            HtmlButton escalate = casePage.getFirstByXPath("//form[contains(@action,'/escalation')]//button");

            HtmlPage first = escalate.click();
            HtmlPage second = escalate.click();

            assertThat(second.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(second.asNormalizedText()).contains("Escalated to a senior team member")
                    .doesNotContain("can't be escalated yet");
            assertThat(first.asNormalizedText()).contains("Escalated to a senior team member");
            assertThat(Database.number("SELECT COUNT(*) FROM support_case_message m JOIN support_case c"
                    + " ON c.id = m.case_id WHERE c.reference = ? AND m.author_role = 'SYSTEM'", reference))
                    .isEqualTo(1);
        }
    }

    @Test
    void aCaseHoldsABoundedNumberOfMessages() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String reference = reference(open(browser, "A very long conversation."));
            long caseId = Database.number("SELECT id FROM support_case WHERE reference = ?", reference);
            for (int i = 0; i < 199; i++) {
                Database.update("INSERT INTO support_case_message (case_id, author_role, author_name, body,"
                        + " created_at) VALUES (?, 'SUPPORT', 'Jo', 'More.', ?)", caseId, DatabaseTime.of(Instant.now()));
            }

            HtmlPage refused = reply(browser.open("/support/cases/" + reference), "And one more.");

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("Please open a new case and mention " + reference);
        }
    }

    @Test
    void theCaseListShowsTheNewestFiftyCases() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String newest = reference(open(browser, "The newest of many cases."));
            long accountId = Database.number("SELECT account_id FROM support_case WHERE reference = ?", newest);
            for (int i = 0; i < 55; i++) {
                Database.update("INSERT INTO support_case (reference, account_id, topic, status, description,"
                        + " created_at, updated_at) VALUES (?, ?, 'OTHER', 'RESOLVED', 'An old case.', ?, ?)",
                        "GC-OLD" + String.format("%05d", i).replace('0', 'Q').replace('1', 'R'), accountId,
                        DatabaseTime.of(Instant.now().minus(Duration.ofDays(400 - i))),
                        DatabaseTime.of(Instant.now().minus(Duration.ofDays(400 - i))));
            }

            HtmlPage list = browser.open("/support/cases");

            assertThat(list.getByXPath("//table[contains(@class,'cases')]/tbody/tr")).hasSize(50);
            assertThat(list.asNormalizedText()).contains("These are your 50 newest cases").contains(newest);
        }
    }

    @Test
    void filesStoredInTheDatabaseBeforeTheStoreExistedAreMovedThereAndStillServed() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            String reference = reference(open(browser, "A case from before the file store."));
            long caseId = Database.number("SELECT id FROM support_case WHERE reference = ?", reference);
            Database.update("INSERT INTO support_case_attachment (case_id, file_name, content_type, size_bytes,"
                    + " sha256, content, created_at) VALUES (?, 'old.pdf', 'application/pdf', ?, ?, ?, ?)", caseId,
                    CaseForms.PDF.length, new byte[32], CaseForms.PDF, DatabaseTime.of(Instant.now()));

            mover.moveAll();

            assertThat(Database.number("SELECT COUNT(*) FROM support_case_attachment WHERE case_id = ?"
                    + " AND content IS NULL AND storage_key IS NOT NULL", caseId)).isEqualTo(1);
            HtmlPage page = browser.open("/support/cases/" + reference);
            assertThat(download(browser, page, "old.pdf").getWebResponse().getContentAsStream().readAllBytes())
                    .isEqualTo(CaseForms.PDF);
        }
    }

    private HtmlPage open(Browser browser, String description) throws Exception {
        return submit(browser.open("/support/cases/new"), "OTHER", "", "", description);
    }

    private static Page download(Browser browser, HtmlPage page, String name) throws Exception {
        return browser.client().getPage(new URL(page.getUrl(), page.getAnchorByText(name).getHrefAttribute()));
    }

    private static long storedFiles() throws Exception {
        try (var files = Files.walk(STORE)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
