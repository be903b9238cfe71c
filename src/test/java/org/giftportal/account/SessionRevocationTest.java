package org.giftportal.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.Test;

/**
 * Signing out ends the session for good: a cookie copied before opens nothing after, on any instance (the
 * two-instance case runs in deployment.TwoInstancesIT), and only the shopper's own form can sign them out.
 */
@QuarkusTest
class SessionRevocationTest {

    @Test
    void aSessionCookieCopiedBeforeSignOutOpensNothingAfterIt() {
        List<Cookie> copied;
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));
            copied = browser.portalCookieJar();
            browser.signOut();
        }

        try (Browser thief = Browser.open()) {
            copied.forEach(cookie -> thief.client().getCookieManager().addCookie(cookie));

            HtmlPage page = thief.open("/balance");

            assertThat(page.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
            assertThat(page.asNormalizedText()).doesNotContain("Your gift card balance");
        }
    }

    @Test
    void anotherSiteCannotSignAShopperOutWithALinkOrAFormWithoutTheirToken() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Shoppers.customer("US"));

            HtmlPage confirm = browser.open("/signout");
            HtmlPage forged = browser.post("/signout", Map.of());

            assertThat(confirm.asNormalizedText()).contains("Signing out ends your session");
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(400);
            HtmlPage balance = browser.open("/balance");
            assertThat(balance.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(balance.asNormalizedText()).contains("Your gift card balance");
        }
    }

    @Test
    void aSignOutAtTheIdentityProviderIsRecordedForEveryInstance() throws Exception {
        TestShopper shopper = Shoppers.customer("GB");
        try (Browser browser = Browser.open()) {
            browser.signIn(shopper);
            long before = revokedSessions();

            Shoppers.signOutEverywhere(shopper);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (revokedSessions() == before && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(revokedSessions()).isEqualTo(before + 1);
            assertThat(browser.open("/balance").getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
        }
    }

    private static long revokedSessions() throws Exception {
        return Database.number("SELECT COUNT(*) FROM revoked_session");
    }
}
