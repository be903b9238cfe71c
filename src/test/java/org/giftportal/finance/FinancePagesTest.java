package org.giftportal.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * What finance reads: the months of every region, a month's statement whose CSV carries the same figures as its
 * page, and the audit log with shoppers' emails and names masked (an admin reads them whole). Finance sees nothing of
 * the support or card desks.
 */
@QuarkusTest
class FinancePagesTest {

    @Inject
    Audit audit;

    @Test
    void financeReadsAStatementAndItsCsvWithTheSameFigures() {
        String month = YearMonth.now(ZoneId.of("America/New_York")).toString();
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.finance());
            HtmlPage index = browser.open("/backoffice/finance");
            assertThat(index.asNormalizedText()).contains("Finance: what we owe").contains("United States (USD)")
                    .contains("Follows California law").contains("United Kingdom (GBP)");
            assertThat(index.getAnchorByHref("/backoffice/finance/US/" + month)).isNotNull();

            HtmlPage statement = browser.open("/backoffice/finance/US/" + month);
            String page = statement.asNormalizedText();
            assertThat(page).contains("Value on sold, unredeemed cards").contains("Account balances")
                    .contains("Open: the figures change until the month closes").contains("(agrees)")
                    .doesNotContain("(differs)");
            String csv = browser.fetch("/backoffice/finance/US/" + month + ".csv").getWebResponse()
                    .getContentAsString();
            assertThat(csv).startsWith(LiabilityStatement.HEADER);
            for (String line : csv.split("\r\n")) {
                if (line.startsWith("US,USD," + month + ",total,closing,")) {
                    String decimal = line.substring(line.lastIndexOf(',') + 1);
                    assertThat(page).as("the page shows the CSV's closing").contains(dollars(decimal));
                }
            }
            assertThat(browser.fetch("/backoffice/finance/US/not-a-month").getWebResponse().getStatusCode())
                    .isEqualTo(404);
            assertThat(browser.fetch("/backoffice").getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    @Test
    void financeReadsTheAuditLogWithShoppersMaskedAndAnAdminReadsItWhole() {
        Account shopper = TestAccounts.create("US", "USD");
        String name = QuarkusTransaction.requiringNew().call(() -> {
            Account found = Account.findById(shopper.id);
            found.displayName = "Marguerite Quillfeather";
            return found.displayName;
        });
        String reason = "Masking check " + UUID.randomUUID();
        audit.done(new Actor("staff-" + UUID.randomUUID(), "Sam Staffer", null), "account.unfreeze",
                Audit.Target.account(shopper.id, "account " + shopper.id), reason,
                "frozen, balance of " + name + " <" + shopper.email + ">", "not frozen");

        try (Browser finance = Browser.open(); Browser admin = Browser.open()) {
            finance.signIn(Shoppers.finance());
            String masked = finance.open("/backoffice/audit").asNormalizedText();
            assertThat(masked).contains(reason).contains("Sam Staffer").contains("M. Q.").contains("t•••@•••")
                    .doesNotContain(name).doesNotContain(shopper.email);
            String exported = finance.fetch("/backoffice/audit/export.csv").getWebResponse().getContentAsString();
            assertThat(exported).contains(reason).doesNotContain(name).doesNotContain(shopper.email);

            admin.signIn(Shoppers.admin());
            assertThat(admin.open("/backoffice/audit").asNormalizedText()).contains(name).contains(shopper.email);
        }
    }

    /** "1234.50" as the page writes it in the US: "$1,234.50". */
    private static String dollars(String decimal) {
        return java.text.NumberFormat.getCurrencyInstance(java.util.Locale.US)
                .format(new java.math.BigDecimal(decimal));
    }
}
