package org.giftportal.gift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestClock;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gifts for a business from a CSV file: every line checked first into a report (nothing issued while any line is
 * wrong), confirmed once however often the form is sent, approved by a second admin above the limits, issued in
 * chunks that another instance finishes when the first one died, and reported back with the codes masked.
 */
@QuarkusTest
class GiftOrderCsvTest {
    private static final String HEADER = "recipient_name,recipient_email,amount,message,sender_name,deliver_at,theme\n";

    @TempDir
    Path files;

    @Inject
    GiftIssuer issuer;

    @Inject
    TestClock clock;


    @Test
    void theDryRunReportsEveryKindOfBadLineAndIssuesNothing() throws Exception {
        String domain = UUID.randomUUID() + ".example.com";
        String file = HEADER
                + "Ana,ana@" + domain + ",25,\"Thanks, Ana!\",Acme,,thank-you\n"
                + "Ben,not-an-email,25,Hi,Acme,,birthday\n"
                + "Cy,cy@" + domain + ",5000,Hi,Acme,,birthday\n"
                + "Di,di@" + domain + ",25,Hi,Acme,,halloween\n"
                + "Ed,ed@" + domain + ",25,Hi,Acme,2020-01-01 09:00,seasonal\n"
                + "Ana,ana@" + domain + ",25,\"Thanks, Ana!\",Acme,,thank-you\n"
                + "Fay,fay@" + domain + ",25,Hi,Acme\n"
                + "Gil,gil@" + domain + ",25.50,Hi,Acme,,birthday\n"
                + "Hal,hal@" + domain + ",25," + "x".repeat(301) + ",Acme,,birthday\n"
                + "Ivy,ivy@" + domain + ",25,\"Two\nlines\",Acme,2026-13-45 09:00,birthday\n"
                + ",jo@" + domain + ",25,Hi,Acme,,birthday\n";
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());

            HtmlPage report = upload(admin, "Acme year-end", "US", file);

            String text = report.asNormalizedText();
            assertThat(text).contains("10 lines have problems").contains("Nothing was issued").contains("1 line is fine")
                    .doesNotContain("Confirm and send");
            assertThat(text).contains("3\t\"not-an-email\" is not an email address.")
                    .contains("4\tThe amount must be a whole number from 25 to 2000 USD, not \"5000\".")
                    .contains("5\t\"halloween\" is not a theme")
                    .contains("6\tThe delivery time 2020-01-01 09:00 (America/New_York) is in the past")
                    .contains("7\tThis line repeats line 2")
                    .contains("8\tThis line has 5 fields, not 7")
                    .contains("9\tThe amount must be a whole number from 25 to 2000 USD, not \"25.50\".")
                    .contains("10\tThe message has 301 characters: shorten it to 300.")
                    .contains("11\tGive the delivery time as 2026-12-24 09:00")
                    .contains("13\tGive the recipient's name");
            String reference = report.getUrl().getPath().substring("/backoffice/gifts/orders/".length());
            assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference)).isZero();
            HtmlPage forced = admin.postForm("/backoffice/gifts/orders/" + reference + "/confirm",
                    Map.of("reason", "Confirming it anyway."));
            assertThat(forced.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(forced.asNormalizedText()).contains("has 10 lines with a problem");
            assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference)).isZero();

            HtmlPage unreadable = upload(admin, "Wrong columns", "US", "name,email,amount\nAna,ana@a.example,25\n");
            assertThat(unreadable.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(unreadable.asNormalizedText()).contains("names a column \"name\" that gifts don't have");
        }
    }

    @Test
    void anOrderAboveTheLimitIsAskedForOnceAndIssuedWhenASecondAdminApproves() throws Exception {
        String domain = UUID.randomUUID() + ".example.com";
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            file.append("Colleague ").append(i).append(",c").append(i).append('@').append(domain)
                    .append(",50,Thank you for a great year,Acme Ltd,,thank-you\n");
        }
        String reference;
        try (Browser requester = Browser.open(); Browser second = Browser.open()) {
            requester.signIn(Shoppers.admin());
            second.signIn(Shoppers.admin());
            HtmlPage report = upload(requester, "Acme thanks", "GB", file.toString());
            assertThat(report.asNormalizedText()).contains("Every line is fine: confirm").contains("£500.00");
            reference = report.getUrl().getPath().substring("/backoffice/gifts/orders/".length());
            HtmlForm confirm = Forms.form(report, "/confirm");
            Forms.<HtmlPage>send(report, "/confirm", Map.of("reason", "Acme's staff thank-you, PO 4471."));

            HtmlPage waiting = Forms.submit(confirm); // the same form again: a double click, a resubmit
            HtmlPage secondAdminsConfirm = second.postForm("/backoffice/gifts/orders/" + reference + "/confirm",
                    Map.of("reason", "Confirming it too."));

            assertThat(waiting.asNormalizedText()).contains("You sent this form already");
            assertThat(secondAdminsConfirm.asNormalizedText()).contains("You sent this form already");
            assertThat(Database.number("SELECT COUNT(*) FROM value_request WHERE batch_reference = ?", reference))
                    .isEqualTo(1);
            assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference)).isZero();
            assertThat(requester.open("/backoffice/gifts/orders/" + reference).asNormalizedText())
                    .contains("Waiting for approval").doesNotContain("Confirm and send");

            Forms.submit(Forms.form(second.open(waiting.getUrl().getPath()), "/approve"));

            Await.until("order issued", Duration.ofSeconds(20), () -> "ISSUED".equals(Database.text(
                    "SELECT status FROM gift_order WHERE reference = ?", reference)));
            assertThat(Database.number("SELECT COUNT(DISTINCT gift_card_id) FROM gift g JOIN gift_order o"
                    + " ON o.id = g.order_id WHERE o.reference = ?", reference)).isEqualTo(10);
            assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ? AND status = 'ACTIVE'"
                    + " AND amount_minor = 5000 AND currency = 'GBP'", reference)).isEqualTo(10);
            Await.until("the emails sent", Duration.ofSeconds(20), () -> Database.number("SELECT COUNT(*) FROM"
                    + " mail_outbox m JOIN gift g ON g.mail_id = m.id JOIN gift_order o ON o.id = g.order_id"
                    + " WHERE o.reference = ? AND m.status = 'SENT'", reference) == 10);

            assertThat(requester.open("/backoffice/gifts/orders/" + reference).asNormalizedText())
                    .contains("10 sent").contains("Download the delivery report");
            Page csv = requester.fetch("/backoffice/gifts/orders/" + reference + "/report.csv");
            List<String> lines = csv.getWebResponse().getContentAsString().lines().toList();
            assertThat(lines).hasSize(11);
            assertThat(lines.get(0)).isEqualTo("line,card_number,claim_code,recipient_name,recipient_email,amount,"
                    + "currency,deliver_at,time_zone,state,sent_at,problem");
            assertThat(lines.get(1)).startsWith("2,").contains(",••••-••••••-•").contains(",Colleague 1,c1@" + domain
                    + ",50.00,GBP,").contains(",sent,");
            assertThat(csv.getWebResponse().getContentAsString()).doesNotContainPattern(
                    "[A-Z0-9]{4}-[A-Z0-9]{6}-[A-Z0-9]{5}");
        }
        assertThat(Database.text("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE target_label = ?",
                reference)).isEqualTo("gifts.done");
    }

    @Test
    void anOrderWhoseIssuerDiedIsFinishedByTheJobOnceItsClaimRunsOutEachGiftOnce() throws Exception {
        String domain = UUID.randomUUID() + ".example.com";
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            file.append("Winner ").append(i).append(",w").append(i).append('@').append(domain)
                    .append(",25,,Acme,,congratulations\n");
        }
        String reference;
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            reference = upload(admin, "Prize draw", "US", file.toString()).getUrl().getPath()
                    .substring("/backoffice/gifts/orders/".length());
        }
        // Confirmed by an instance that claimed the order and died before its first chunk committed.
        Database.update("UPDATE gift_order SET status = 'ISSUING', claimed_by = 'a-dead-instance',"
                + " claimed_until = ? WHERE reference = ?", org.giftportal.ops.DatabaseTime.of(clock.instant()
                        .plus(GiftIssuer.CLAIM)), reference);

        assertThat(issuer.issueConfirmed()).as("the claim still holds").isZero();
        clock.advance(GiftIssuer.CLAIM.plusSeconds(1));
        issuer.issueConfirmed();
        issuer.issueConfirmed();

        assertThat(Database.text("SELECT CONCAT(status, ' ', issued_count) FROM gift_order WHERE reference = ?",
                reference)).isEqualTo("ISSUED 5");
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference))
                .isEqualTo(5);
        assertThat(Database.number("SELECT COUNT(*) FROM mail_outbox m JOIN gift g ON g.id = m.gift_id"
                + " JOIN gift_order o ON o.id = g.order_id WHERE o.reference = ? AND m.kind = 'GIFT'", reference))
                .isEqualTo(5);
    }

    private HtmlPage upload(Browser admin, String name, String region, String csv) throws Exception {
        Path file = Files.writeString(files.resolve(UUID.randomUUID() + ".csv"), csv, StandardCharsets.UTF_8);
        HtmlPage page = admin.open("/backoffice/gifts/upload");
        HtmlForm form = Forms.form(page, "/backoffice/gifts/upload");
        form.getInputByName("name").setValue(name);
        form.getSelectByName("region").setSelectedAttribute(region, true);
        form.getInputByName("zone").setValue("GB".equals(region) ? "Europe/London" : "America/New_York");
        ((HtmlFileInput) form.getInputByName("file")).setFiles(file.toFile());
        return Forms.submit(form);
    }
}
