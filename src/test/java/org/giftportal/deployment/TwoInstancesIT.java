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
import org.giftportal.testsupport.Counter;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Forms;
import org.giftportal.testsupport.Race;
import org.giftportal.testsupport.RawForms;
import org.giftportal.testsupport.ValueRequests;
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
        Map<String, String> settings = new java.util.HashMap<>(PortalInstance.productionSettings(
                TestStackProperties.stackSettings(), PortalInstance.Secrets.random(), Path.of("target",
                        "it-attachments")));
        // The webhook test's receiver runs on this machine (a live deployment leaves this off).
        settings.put("PORTAL_WEBHOOKS_ALLOW_LOOPBACK", "true");
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
        // The other instance learns of the sign-out from its list of signed-out sessions within this bound.
        Thread.sleep(org.giftportal.account.SessionRevocations.FRESH_FOR.toMillis());

        try (Browser thief = new Browser(new URL(second.url() + "/"))) {
            copied.forEach(cookie -> thief.client().getCookieManager().addCookie(cookie));

            HtmlPage page = thief.open("/balance");

            assertThat(page.getUrl().toString()).startsWith(TestStackProperties.keycloakUrl());
            assertThat(page.asNormalizedText()).doesNotContain("Your gift card balance");
        }
    }

    /**
     * Both instances send webhooks at once (every five seconds, production's schedule) to one real receiver: each
     * event arrives once, signed, however the two senders interleave.
     */
    @Test
    void bothInstancesSendingWebhooksDeliverEachEventOnce() throws Exception {
        try (org.giftportal.webhook.Receiver receiver = org.giftportal.webhook.Receiver.answering();
                Browser phone = new Browser(new URL(first.url() + "/"));
                Browser one = new Browser(new URL(first.url() + "/"));
                Browser other = new Browser(new URL(second.url() + "/"))) {
            TestShopper shopper = Shoppers.customer("US");
            phone.signIn(shopper);
            long account = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
            String caseReference = ValueRequests.caseOf(account);
            one.signIn(Shoppers.admin());
            HtmlPage created = Forms.send(one.open("/backoffice/webhooks"), "/backoffice/webhooks", Map.of(
                    "clientId", "store-checkout", "url", receiver.url(), "types", "all"));
            assertThat(created.asNormalizedText()).contains("Copy its secret now");
            other.signIn(Shoppers.admin());
            int credits = 8;
            for (int i = 0; i < credits; i++) {
                Browser admin = i % 2 == 0 ? one : other;
                Forms.send(admin.open("/backoffice/accounts/" + account), "/adjust", Map.of("direction", "credit",
                        "amount", "1.00", "caseReference", caseReference, "shopperText", "Credit " + i, "reason",
                        "Webhooks from two instances, credit " + i));
            }
            java.util.function.Supplier<List<org.giftportal.webhook.Receiver.Received>> ours = () -> receiver.received
                    .stream().filter(request -> request.body().contains(shopper.keycloakId())
                            && request.body().contains("balance.credited")).toList();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(40);
            while (ours.get().size() < credits && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            Thread.sleep(6_000); // another round of both senders: nothing more may come

            assertThat(ours.get()).hasSize(credits);
            assertThat(ours.get().stream().map(request -> request.header("webhook-id")).distinct()).hasSize(credits);
            assertThat(ours.get()).allSatisfy(request -> assertThat(request.header("webhook-signature"))
                    .startsWith("v1,"));
            Database.update("UPDATE webhook_endpoint SET status = 'PAUSED', paused_reason = 'test over'");
        }
    }

    /** The till's refund approvals raced across both instances: what was paid comes back once at most. */
    @Test
    void refundApprovalsRacedAcrossBothInstancesNeverPayOutMoreThanWasPaid() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser phone = new Browser(new URL(first.url() + "/")); Browser admin = new Browser(new URL(second.url()
                + "/")); Browser till = new Browser(new URL(first.url() + "/"));
                Browser colleague = new Browser(new URL(second.url() + "/"))) {
            phone.signIn(shopper);
            long account = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
            admin.signIn(Shoppers.admin());
            HtmlPage funded = Forms.send(admin.open("/backoffice/accounts/" + account), "/adjust", Map.of("direction",
                    "credit", "amount", "200.00", "caseReference", ValueRequests.caseOf(account), "shopperText",
                    "Opening balance", "reason", "Funds for the two-instance till race."));
            assertThat(funded.asNormalizedText()).contains("the balance is adjusted");
            till.signIn(Shoppers.cashier("US-NYC-01"));
            HtmlPage paid = Counter.paid(till, phone, "150");
            String path = paid.getUrl().getPath();
            long payment = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            for (int i = 1; i <= 4; i++) {
                Forms.send(till.open(path), "/refunds", Map.of("amount", "120", "reason", "Returned item " + i));
            }
            List<long[]> waiting = ValueRequests.waitingOnPayment(payment);
            assertThat(waiting).hasSize(4);
            colleague.signIn(Shoppers.cashier("US-NYC-01"));
            String cookies = RawForms.cookieHeader(colleague);
            String token = colleague.csrfToken();
            List<String> instances = List.of(first.url(), second.url());

            List<Integer> answers = Race.atOnce(java.util.stream.IntStream.range(0, waiting.size())
                    .<java.util.concurrent.Callable<Integer>>mapToObj(i -> () -> RawForms.post(instances.get(i % 2),
                            cookies, "/till/requests/" + waiting.get(i)[0] + "/approve", Map.of("csrf-token", token,
                                    "version", String.valueOf(waiting.get(i)[1])))).toList());

            assertThat(answers).containsOnly(303, 409);
            assertThat(Database.text("SELECT GROUP_CONCAT(status ORDER BY status) FROM value_request"
                    + " WHERE till_payment_id = ?", payment)).isEqualTo("DONE,FAILED,FAILED,FAILED");
            long capture = Database.number("SELECT c.id FROM store_capture c JOIN till_payment p ON p.hold_id ="
                    + " c.hold_id WHERE p.id = ?", payment);
            assertThat(Database.number("SELECT refunded_minor FROM store_capture WHERE id = ?", capture))
                    .isEqualTo(12_000);
            assertThat(Database.number("SELECT SUM(amount_minor) FROM store_refund WHERE capture_id = ?", capture))
                    .isEqualTo(12_000);
            assertThat(Database.number("SELECT balance_minor FROM account WHERE id = ?", account))
                    .as("paid 150 of 200, refunded 120 once").isEqualTo(20_000 - 15_000 + 12_000)
                    .isEqualTo(Database.number("SELECT SUM(amount_minor) FROM ledger_entry WHERE account_id = ?",
                            account));
        }
    }

    /**
     * The review queue on two instances, with the production profile's rules: the sixth card in ten minutes waits;
     * two members of staff release it at once, one on each instance, while the shopper types its code again on the
     * other: it is credited once.
     */
    @Test
    void aRedemptionHeldForReviewIsCreditedOnceWhenBothInstancesReleaseItAtOnce() throws Exception {
        TestShopper shopper = Shoppers.customer("US");
        try (Browser admin = new Browser(new URL(second.url() + "/")); Browser phone = new Browser(new URL(first.url()
                + "/")); Browser support = new Browser(new URL(first.url() + "/"))) {
            admin.signIn(Shoppers.admin());
            HtmlPage confirm = Forms.send(admin.open("/backoffice/batches/new"), "/backoffice/batches/new", Map.of(
                    "region", "US", "value", "25", "count", "6", "name", "Two-instance review", "kind", "online",
                    "reason", "Cards for the two-instance review race."));
            List<String> codes = codesIn(Forms.submit(Forms.form(confirm, "/backoffice/batches/issue")));
            assertThat(codes).hasSize(6);
            phone.signIn(shopper);
            for (String code : codes.subList(0, 5)) {
                assertThat(phone.redeem(code).asNormalizedText()).contains("added to your balance");
            }
            HtmlPage checking = phone.redeem(codes.get(5));
            assertThat(checking.asNormalizedText()).contains("We're checking this gift card before adding it");
            long review = Database.number("SELECT MAX(r.id) FROM redemption_review r JOIN account a ON a.id ="
                    + " r.account_id WHERE a.subject = ?", shopper.keycloakId());
            String version = String.valueOf(Database.number("SELECT version FROM redemption_review WHERE id = ?",
                    review));
            support.signIn(Shoppers.support());
            String staffCookies = RawForms.cookieHeader(support);
            String staffToken = support.csrfToken();
            String shopperCookies = RawForms.cookieHeader(phone);
            String shopperToken = phone.csrfToken();

            List<Integer> answers = Race.atOnce(List.<java.util.concurrent.Callable<Integer>>of(
                    () -> RawForms.post(first.url(), staffCookies, "/backoffice/reviews/" + review + "/release",
                            Map.of("csrf-token", staffToken, "version", version, "note", "Receipt checked (first).")),
                    () -> RawForms.post(second.url(), staffCookies, "/backoffice/reviews/" + review + "/release",
                            Map.of("csrf-token", staffToken, "version", version, "note", "Receipt checked (second).")),
                    () -> RawForms.post(second.url(), shopperCookies, "/redeem", Map.of("csrf-token", shopperToken,
                            "claimCode", codes.get(5), "requestId", java.util.UUID.randomUUID().toString()))));

            assertThat(answers.subList(0, 2)).containsExactlyInAnyOrder(303, 409);
            assertThat(answers.get(2)).as("being checked, or already in the balance: never credited again")
                    .isEqualTo(422);
            long account = Database.number("SELECT id FROM account WHERE subject = ?", shopper.keycloakId());
            assertThat(Database.number("SELECT COUNT(*) FROM ledger_entry WHERE account_id = ?", account)).isEqualTo(6);
            assertThat(Database.number("SELECT balance_minor FROM account WHERE id = ?", account)).isEqualTo(15_000)
                    .isEqualTo(Database.number("SELECT SUM(amount_minor) FROM ledger_entry WHERE account_id = ?",
                            account));
        }
    }

    /** The claim codes in the file a batch's hand-over page saves. */
    private static List<String> codesIn(HtmlPage handOver) {
        org.htmlunit.html.HtmlAnchor save = handOver.getFirstByXPath("//a[@download]");
        String href = save.getHrefAttribute();
        String csv = new String(java.util.Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1)),
                java.nio.charset.StandardCharsets.UTF_8);
        return java.util.regex.Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{6}-[0-9A-Z]{5}").matcher(csv).results()
                .map(java.util.regex.MatchResult::group).toList();
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
