package org.giftportal.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import org.giftportal.account.Account;
import org.giftportal.ledger.Ledger;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/**
 * A balance nobody uses for the region's dormant-after (three years in the tests' Irish region) is listed for the
 * unclaimed-property filing, with its CSV; its shopper is reminded once before that point, and not again until the
 * balance has been used.
 */
@QuarkusTest
class DormancyTest {
    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");

    @Inject
    Dormancy dormancy;

    @Inject
    Ledger ledger;

    @Inject
    Regions regions;

    @Inject
    TestClock clock;

    @Inject
    MockMailbox mailbox;

    @Inject
    org.giftportal.site.RegionFormats formats;

    @Test
    void aQuietBalanceIsRemindedOnceAndThenListedAsDormant() throws Exception {
        Region ireland = regions.find("IE").orElseThrow();
        Account account = TestAccounts.create("IE", "EUR");
        QuarkusTransaction.requiringNew().run(() -> {
            Account.<Account>findById(account.id).emailVerified = true;
            ledger.recordAdjustment(account.id, 1_234, "Welcome", "GC-DORMANT");
        });
        Instant used = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(account.id)
                .lastActivityAt);

        clock.travelTo(used.atZone(DUBLIN).plusYears(3).minusDays(90).toInstant());
        dormancy.remindDue();
        assertThat(remindedAt(account)).as("90 days before: too early").isNull();

        clock.travelTo(used.atZone(DUBLIN).plusYears(3).minusDays(30).toInstant());
        assertThat(dormancy.remindDue()).isGreaterThanOrEqualTo(1);
        Mail mail = Mailbox.awaitFirst(mailbox, account.email,
                "Your Brightleaf Market gift card balance of €12.34 is waiting for you");
        assertThat(mail.getText()).contains("hasn't been used since")
                .contains("if it isn't used by " + formats.date(used.atZone(DUBLIN).plusYears(3).toInstant(), ireland))
                .contains("/balance");
        Instant reminded = remindedAt(account);
        assertThat(reminded).isNotNull();
        dormancy.remindDue();
        assertThat(remindedAt(account)).as("one reminder per quiet spell").isEqualTo(reminded);
        assertThat(inList(ireland, account)).as("not dormant yet").isFalse();

        clock.travelTo(used.atZone(DUBLIN).plusYears(3).plusDays(1).toInstant());
        assertThat(inList(ireland, account)).isTrue();
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.finance());
            assertThat(browser.open("/backoffice/finance/IE/dormant").asNormalizedText())
                    .contains("account " + account.id).contains("€12.34");
            assertThat(browser.fetch("/backoffice/finance/IE/dormant.csv").getWebResponse().getContentAsString())
                    .startsWith("region,currency,kind,reference,name,email,last_activity,amount_minor,amount")
                    .contains("IE,EUR,balance,account " + account.id + ",Service Test," + account.email + ","
                            + used.atZone(DUBLIN).toLocalDate() + ",1234,12.34");
        }
    }

    private boolean inList(Region region, Account account) {
        return QuarkusTransaction.requiringNew().call(() -> dormancy.of(region).stream()
                .anyMatch(row -> row.reference().equals("account " + account.id)));
    }

    private static Instant remindedAt(Account account) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(account.id)
                .dormancyRemindedAt);
    }
}
