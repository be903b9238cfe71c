package org.giftportal.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Await;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.GiftForms;
import org.giftportal.testsupport.Mailbox;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.Test;

/**
 * Signing out ends the session for good: a cookie copied before opens nothing after, on any instance (the
 * two-instance case runs in deployment.TwoInstancesIT), and only the shopper's own form can sign them out.
 */
@QuarkusTest
class SessionRevocationTest {
    private static final Pattern GIFT_LINK = Pattern.compile("https?://[^\"\\s]+/gift/[A-Za-z0-9_-]{43}");

    @Inject
    MockMailbox mailbox;

    @Inject
    SessionRevocations revocations;

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

    /**
     * Another instance's sign-out is a row this instance didn't write: it is refused within a second, the bound the
     * in-memory list promises, with no read of the table per page in between.
     */
    @Test
    void aSessionSignedOutOnAnotherInstanceIsRefusedWithinASecond() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = Browser.open(); Browser thief = Browser.open()) {
            browser.signIn(shopper);
            List<String> sessions = TestStackProperties.keycloakAdmin().sessionIds(shopper.keycloakId());
            assertThat(sessions).hasSize(1);
            browser.portalCookieJar().forEach(cookie -> thief.client().getCookieManager().addCookie(cookie));
            assertThat(thief.open("/balance").asNormalizedText()).contains("Your gift card balance");

            Database.update("INSERT INTO revoked_session (session_key, revoked_at, forget_after)"
                    + " VALUES (?, NOW(6), NOW(6) + INTERVAL 1 DAY)", "sid:" + sessions.get(0));
            // The bound is the guarantee under test: waiting it out, not polling, shows the next page is refused.
            Thread.sleep(SessionRevocations.FRESH_FOR.toMillis());

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

            Await.until("the provider's sign-out recorded", Duration.ofSeconds(10), () -> revokedSessions() > before);
            assertThat(revokedSessions()).isEqualTo(before + 1);
            assertThat(browser.open("/balance").getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
        }
    }

    @Test
    void aRecipientWhoseSessionWasEndedElsewhereStillLandsOnTheirGiftAndTheProviderNeverSeesItsLink()
            throws Exception {
        TestShopper recipient = Shoppers.customer("US");
        try (Browser admin = Browser.open()) {
            admin.signIn(Shoppers.admin());
            GiftForms.awaitIssued(GiftForms.order(admin, recipient.email(), "25", "", "For you"));
        }
        Matcher link = GIFT_LINK.matcher(Mailbox.awaitFirst(mailbox, recipient.email()).getHtml());
        assertThat(link.find()).isTrue();
        String token = link.group().substring(link.group().lastIndexOf('/') + 1);

        try (Browser browser = Browser.open()) {
            browser.signIn(recipient);
            // Ended elsewhere: what another instance records when the provider tells it the session is over.
            List<String> sessions = TestStackProperties.keycloakAdmin().sessionIds(recipient.keycloakId());
            assertThat(sessions).hasSize(1);
            revocations.revoke("sid:" + sessions.get(0));
            List<URL> visited = new ArrayList<>();
            new WebConnectionWrapper(browser.client()) {
                @Override
                public WebResponse getResponse(WebRequest request) throws IOException {
                    visited.add(request.getUrl());
                    return super.getResponse(request);
                }
            };

            HtmlPage landed = browser.open(link.group().substring(link.group().indexOf("/gift/")));

            assertThat(landed.getUrl().getPath()).isEqualTo("/gift/" + token);
            assertThat(landed.asNormalizedText()).contains("Sign in to apply it to your balance");
            List<URL> atTheProvider = visited.stream()
                    .filter(url -> url.toString().startsWith(TestStackProperties.keycloakUrl())).toList();
            assertThat(atTheProvider).as("the provider's sign-out was visited").isNotEmpty();
            assertThat(atTheProvider).allSatisfy(url -> assertThat(URLDecoder.decode(url.toString(),
                    StandardCharsets.UTF_8)).doesNotContain(token).doesNotContain("/gift/"));
            assertThat(URLDecoder.decode(atTheProvider.get(0).getQuery(), StandardCharsets.UTF_8))
                    .contains("post_logout_redirect_uri=" + browser.portalUrl() + "/signed-out");
            assertThat(browser.client().getCookieManager().getCookie(ReturnAddresses.SIGN_OUT_COOKIE))
                    .as("the kept address is used once").isNull();
        }
    }

    @Test
    void theSignedOutPageOnlyEverSendsABrowserOnWithinThePortal() {
        try (Browser browser = Browser.open()) {
            for (String elsewhere : List.of("https://evil.example/x", "//evil.example/x", "/\\evil.example")) {
                browser.client().getCookieManager().addCookie(new Cookie(browser.portalHost(),
                        ReturnAddresses.SIGN_OUT_COOKIE, java.net.URLEncoder.encode(elsewhere, StandardCharsets.UTF_8),
                        "/", null, false));

                HtmlPage page = browser.open("/signed-out");

                assertThat(page.getUrl().getPath()).isEqualTo("/signed-out");
                assertThat(page.asNormalizedText()).contains("signed out");
            }
        }
    }

    private static long revokedSessions() throws Exception {
        return Database.number("SELECT COUNT(*) FROM revoked_session");
    }
}
