package org.giftportal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.giftportal.testsupport.CaseForms.reference;
import static org.giftportal.testsupport.CaseForms.reply;
import static org.giftportal.testsupport.CaseForms.submit;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/** Support works a case from the queue to resolved; the shopper reads every answer and never an internal note. */
@QuarkusTest
class CaseBackOfficeTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    org.giftportal.testsupport.TestClock clock;

    @Test
    void theWorkWaitingSaysHowLongTheOldestHasWaitedInWords() throws Exception {
        try (Browser own = Browser.open(); Browser staff = Browser.open()) {
            own.signIn(Shoppers.customer("US"));
            submit(own.open("/support/cases/new"), "OTHER", "", "", "Waiting a day for an answer.");
            staff.signIn(Shoppers.support());
            // Everything the suite made is minutes old: a day and an hour on, the oldest waited one day.
            clock.advance(java.time.Duration.ofHours(25));

            String home = staff.open("/backoffice").asNormalizedText();

            assertThat(home).contains("(oldest: 1 day)").doesNotContain("1 days");
        }
    }

    @Test
    void aCaseIsWorkedFromTheQueueToResolvedAndTheShopperSeesEachStep() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        String reference;
        try (Browser own = Browser.open(); Browser staff = Browser.open()) {
            own.signIn(shopper);
            reference = reference(submit(own.open("/support/cases/new"), "OTHER", "", "W-555",
                    "My balance is lower than it should be after order W-555."));
            staff.signIn(Shoppers.support());

            assertThat(staff.open("/backoffice/cases?assigned=nobody").asNormalizedText()).contains(reference);
            HtmlPage taken = click(staff.open("/backoffice/cases/" + reference), "assign");
            assertThat(staff.open("/backoffice/cases?assigned=me").asNormalizedText()).contains(reference);
            assertThat(taken.asNormalizedText()).contains("Assigned to");

            HtmlPage replied = write(staff.open("/backoffice/cases/" + reference), "reply",
                    "Which store did you shop at for order W-555?");
            assertThat(replied.asNormalizedText()).as("staff words, and what happened to whom")
                    .contains("Reply sent to " + shopper.firstName()).contains("Waiting for the shopper's reply")
                    .doesNotContain("Waiting on you").doesNotContain("Done.");
            assertThat(write(replied, "note", "Till logs show a partial refund on the 12th.").asNormalizedText())
                    .contains("Internal note added: only staff see it.");

            HtmlPage seen = own.open("/support/cases/" + reference);
            assertThat(seen.asNormalizedText()).contains("Which store did you shop at for order W-555?")
                    .contains("Waiting on you: please reply").doesNotContain("Till logs");
            Mail answer = Mailbox.awaitFirst(mailbox, shopper.email(), "We've replied to your request " + reference);
            assertThat(answer.getText()).contains("Which store did you shop at for order W-555?")
                    .doesNotContain("Till logs");

            assertThat(reply(seen, "The one on Main Street.").asNormalizedText())
                    .contains("Open: we're looking into it");
            HtmlPage resolved = write(staff.open("/backoffice/cases/" + reference), "resolve",
                    "We've refunded the difference to your balance.");
            assertThat(resolved.asNormalizedText()).contains("Resolved");
            assertThat(own.open("/support/cases/" + reference).asNormalizedText()).contains("Resolved")
                    .contains("We've refunded the difference to your balance.");
            assertThat(Mailbox.awaitFirst(mailbox, shopper.email(), "Resolved: your request " + reference).getText())
                    .contains("We've refunded the difference");
        }
        assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE target_label = ?",
                reference)).isEqualTo("case.assign,case.reply,case.note,case.resolve");
    }

    @Test
    void staffCannotWorkTheirOwnCase() throws Exception {
        TestShopper colleague = Shoppers.support();
        try (Browser browser = Browser.open()) {
            browser.signIn(colleague);
            String reference = reference(submit(browser.open("/support/cases/new"), "OTHER", "", "",
                    "A question about my own balance."));

            HtmlPage refused = write(browser.open("/backoffice/cases/" + reference), "reply", "Answering myself.");

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.asNormalizedText()).contains("Staff may not work their own case");
            assertThat(Database.text("SELECT outcome FROM audit_log WHERE target_label = ? AND action = 'case.reply'",
                    reference)).isEqualTo("REFUSED");
        }
    }

    @Test
    void aColleagueWritingOnACaseThatChangedIsToldSoAndNothingIsSent() throws Exception {
        try (Browser own = Browser.open(); Browser first = Browser.open(); Browser second = Browser.open()) {
            own.signIn(Shoppers.customer("GB"));
            String reference = reference(submit(own.open("/support/cases/new"), "OTHER", "", "",
                    "Two people will answer this at once."));
            first.signIn(Shoppers.support());
            second.signIn(Shoppers.support());
            HtmlPage firstSees = first.open("/backoffice/cases/" + reference);
            HtmlPage secondSees = second.open("/backoffice/cases/" + reference);

            write(firstSees, "reply", "First answer.");
            HtmlPage late = write(secondSees, "reply", "Second answer, too late.");

            assertThat(late.getWebResponse().getStatusCode()).isEqualTo(409);
            assertThat(late.asNormalizedText()).contains("The case changed while you were working on it")
                    .contains("First answer.");
            assertThat(Database.number("SELECT COUNT(*) FROM support_case_message WHERE body = ?",
                    "Second answer, too late.")).isZero();
        }
    }

    @Test
    void aNewCaseIsCountedInTheWorkWaiting() throws Exception {
        try (Browser own = Browser.open(); Browser staff = Browser.open()) {
            staff.signIn(Shoppers.support());
            long before = waitingOnTheTeam(staff.open("/backoffice"));
            own.signIn(Shoppers.customer("US"));
            submit(own.open("/support/cases/new"), "OTHER", "", "", "Counted on the back office's home.");

            assertThat(waitingOnTheTeam(staff.open("/backoffice"))).isEqualTo(before + 1);
        }
    }

    private static long waitingOnTheTeam(HtmlPage home) {
        String line = home.asNormalizedText().lines().filter(text -> text.contains("Cases waiting on the team"))
                .findFirst().orElseThrow();
        return Long.parseLong(line.strip().split("\\s+")[0]);
    }

    /** Fills the form with that action (reply, note, resolve) and sends it. */
    private static HtmlPage write(HtmlPage casePage, String action, String text) throws Exception {
        HtmlForm form = casePage.getFirstByXPath(action.equals("resolve")
                ? "//form[contains(@action,'/reply')]" : "//form[contains(@action,'/" + action + "')]");
        form.<HtmlTextArea>getOneHtmlElementByAttribute("textarea", "name", "text").setText(text);
        HtmlButton button = action.equals("resolve")
                ? form.getFirstByXPath(".//button[contains(@formaction,'/resolve')]")
                : form.getFirstByXPath(".//button[@type='submit']");
        return button.click();
    }

    private static HtmlPage click(HtmlPage casePage, String action) throws Exception {
        return casePage.<HtmlButton>getFirstByXPath("//form[contains(@action,'/" + action + "')]//button").click();
    }
}
