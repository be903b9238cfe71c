package org.giftportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged portals in the production profile on one database, as behind a load balancer without sticky
 * sessions: a session opened on one works on the other, and signing out on one ends it on both.
 */
class TwoInstancesIT {
    private static PortalInstance first;
    private static PortalInstance second;

    @BeforeAll
    static void startTwoInstances() {
        Map<String, String> settings = PortalInstance.productionSettings(TestStackProperties.stackSettings(),
                PortalInstance.Secrets.random(), Path.of("target", "it-attachments"));
        List<Integer> ports = TestStackProperties.instancePorts();
        first = PortalInstance.start(settings, ports.get(0), Path.of("target", "it-logs", "first.log"), List.of());
        Map<String, String> jsonLogs = new java.util.HashMap<>(settings);
        jsonLogs.put("LOG_JSON", "true");
        second = PortalInstance.start(jsonLogs, ports.get(1), Path.of("target", "it-logs", "second.log"), List.of());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aSessionOpenedOnOneInstanceWorksOnTheOther() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser browser = new Browser(new URL(first.url() + "/"))) {
            browser.signIn(shopper);

            HtmlPage balance = browser.open(second.url() + "/balance");

            assertThat(balance.getUrl().toString()).startsWith(second.url());
            assertThat(balance.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(balance.asNormalizedText()).contains("Your gift card balance");
        }
    }

    @Test
    void aSessionCookieCopiedBeforeSignOutOpensNothingOnAnyInstanceAfterIt() throws Exception {
        TestShopper shopper = Shoppers.customer("GB");
        List<Cookie> copied;
        try (Browser browser = new Browser(new URL(first.url() + "/"))) {
            browser.signIn(shopper);
            copied = browser.portalCookieJar();
            assertThat(copied).anyMatch(cookie -> cookie.getName().startsWith("q_session"));

            browser.signOut();
        }

        try (Browser thief = new Browser(new URL(second.url() + "/"))) {
            copied.forEach(cookie -> thief.client().getCookieManager().addCookie(cookie));

            HtmlPage page = thief.open("/balance");

            assertThat(page.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
            assertThat(page.asNormalizedText()).doesNotContain("Your gift card balance");
        }
    }

    @Test
    void cookiesAreSecureAndTheFormTokenCookieCannotBeSetBySubdomains() throws Exception {
        try (Browser browser = new Browser(new URL(first.url() + "/"))) {
            browser.signIn(Shoppers.customer("US"));
            browser.open("/redeem");

            List<Cookie> cookies = browser.portalCookieJar();

            Cookie csrf = cookies.stream().filter(cookie -> cookie.getName().equals("__Host-csrf-token"))
                    .findFirst().orElseThrow(() -> new AssertionError("No __Host- form token cookie: " + cookies));
            assertThat(csrf.isSecure()).isTrue();
            assertThat(csrf.getPath()).isEqualTo("/");
            assertThat(cookies).filteredOn(cookie -> cookie.getName().startsWith("q_session"))
                    .isNotEmpty().allMatch(Cookie::isSecure).allMatch(Cookie::isHttpOnly);
        }
    }

    @Test
    void withJsonLogsSwitchedOnTheLogIsOneJsonObjectPerLine() throws Exception {
        List<String> started = java.nio.file.Files.readAllLines(second.log()).stream()
                .filter(line -> line.contains("Listening on") || line.contains("Profile prod activated")).toList();

        assertThat(started).isNotEmpty().allSatisfy(line -> {
            io.vertx.core.json.JsonObject entry = new io.vertx.core.json.JsonObject(line);
            assertThat(entry.getString("level")).isEqualTo("INFO");
            assertThat(entry.getString("message")).isNotBlank();
        });
    }

    @Test
    void metricsAndHealthAreOnTheManagementPortOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        int publicMetrics = http.send(HttpRequest.newBuilder(URI.create(first.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(first.managementUrl()
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(publicMetrics).isEqualTo(404);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds").contains("agroal_active_count");
    }

    @Test
    void aProductionBuildHasNoDevMailbox() throws Exception {
        HttpResponse<String> mailbox = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(first.url()
                + "/dev/mailbox")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(mailbox.statusCode()).isEqualTo(404);
        assertThat(mailbox.body()).doesNotContain("Dev mailbox");
    }
}
