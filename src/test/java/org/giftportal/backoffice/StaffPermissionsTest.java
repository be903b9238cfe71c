package org.giftportal.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.card.IssuedCard;
import org.giftportal.stack.TestStackProperties;
import org.giftportal.testsupport.Browser;
import org.giftportal.testsupport.Database;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestAccounts;
import org.giftportal.testsupport.TestCards;
import org.giftportal.testsupport.TestShopper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every back-office route for every kind of visitor: an anonymous one is sent to sign in, a customer gets the refusal
 * page, support what support may do, finance what finance reads, an admin everything.
 */
@QuarkusTest
class StaffPermissionsTest {
    private static final String SUPPORT = "support";
    private static final String ADMIN = "admin";
    /** Finance's routes: the statements, the audit log and the money checks (admins may read them too). */
    private static final String FINANCE = "finance";
    /** The till's routes: cashiers only (not even admins, whose sign-in names no store). */
    private static final String CASHIER = "cashier";
    private static String card;
    private static long account;
    private static final String CASE = "GC-MATR1XQQ".replace('1', 'X');
    private static final String BATCH = "B-MATRIX-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private static long request;
    private static final String GIFT_ORDER = "G-MATRIX-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private static long gift;

    /** A route, and the least role that may use it. */
    private record Route(String method, String path, String least) {
    }

    @BeforeAll
    static void someoneToActOn() {
        IssuedCard issued = TestCards.active("US", 30);
        card = issued.card().cardNumber;
        Account shopper = TestAccounts.create("US", "USD");
        account = shopper.id;
        try {
            Database.update("INSERT INTO support_case (reference, account_id, topic, status, description, created_at,"
                    + " updated_at) VALUES (?, ?, 'OTHER', 'OPEN', 'A case for the matrix.', NOW(6), NOW(6))",
                    CASE, account);
            Database.update("INSERT INTO card_batch (reference, name, region, currency, card_value_minor, card_count,"
                    + " physical, value_request_id, issued_by_subject, issued_by_name, issued_at) VALUES (?, 'Matrix',"
                    + " 'US', 'USD', 2500, 1, TRUE, ?, 'someone', 'Someone', NOW(6))", BATCH,
                    -System.nanoTime());
            // Seen at version 5: an empty approval form (version 0) is "changed meanwhile", never carried out.
            Database.update("INSERT INTO value_request (kind, status, currency, amount_minor, summary, reason,"
                    + " request_key, account_id, signed_amount_minor, shopper_text, case_reference,"
                    + " requested_by_subject, requested_by_name, requested_at, needs_approval, version) VALUES"
                    + " ('ADJUSTMENT', 'PENDING', 'USD', 100, 'Credit for the matrix', 'The matrix test.', ?, ?, 100,"
                    + " 'Matrix', ?, 'someone-else', 'Someone Else', NOW(6), TRUE, 5)",
                    java.util.UUID.randomUUID().toString(), account, CASE);
            request = Database.number("SELECT MAX(id) FROM value_request WHERE case_reference = ?", CASE);
            // An order with a problem line (never confirmable) and a gift whose card is already issued.
            Database.update("INSERT INTO gift_order (reference, name, region, currency, sender_zone, source, status,"
                    + " line_count, problem_count, created_by_subject, created_by_name, created_at) VALUES (?,"
                    + " 'Matrix', 'US', 'USD', 'America/New_York', 'CSV', 'CHECKED', 1, 1, 'someone', 'Someone',"
                    + " NOW(6))", GIFT_ORDER);
            long order = Database.number("SELECT id FROM gift_order WHERE reference = ?", GIFT_ORDER);
            Database.update("INSERT INTO gift (order_id, line_number, recipient_name, recipient_email, sender_name,"
                    + " theme, amount_minor, currency, deliver_at, sender_zone, gift_card_id, token_hash, created_at)"
                    + " VALUES (?, 1, 'Matrix', 'matrix@example.com', 'Matrix', 'BIRTHDAY', 3000, 'USD', NOW(6),"
                    + " 'America/New_York', ?, UNHEX(SHA2(UUID(), 256)), NOW(6))", order,
                    TestCards.active("US", 30).card().id);
            gift = Database.number("SELECT id FROM gift WHERE order_id = ?", order);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Route> routes() {
        return List.of(
                new Route("GET", "/backoffice", SUPPORT),
                new Route("GET", "/backoffice/cards", SUPPORT),
                new Route("GET", "/backoffice/cards/" + card, SUPPORT),
                new Route("POST", "/backoffice/cards/find", SUPPORT),
                new Route("POST", "/backoffice/cards/" + card + "/block", SUPPORT),
                new Route("POST", "/backoffice/cards/" + card + "/unblock", SUPPORT),
                new Route("GET", "/backoffice/cards/" + card + "/cancel", ADMIN),
                new Route("POST", "/backoffice/cards/" + card + "/cancel", ADMIN),
                new Route("GET", "/backoffice/cards/" + card + "/replace", ADMIN),
                new Route("POST", "/backoffice/cards/" + card + "/replace", ADMIN),
                new Route("POST", "/backoffice/cards/" + card + "/activate", ADMIN),
                new Route("POST", "/backoffice/cards/" + card + "/send-code-again", SUPPORT),
                new Route("GET", "/backoffice/mails", SUPPORT),
                new Route("POST", "/backoffice/mails/0/send-again", SUPPORT),
                new Route("GET", "/backoffice/accounts/" + account, SUPPORT),
                new Route("POST", "/backoffice/accounts/" + account + "/adjust", ADMIN),
                new Route("GET", "/backoffice/batches", ADMIN),
                new Route("GET", "/backoffice/batches/new", ADMIN),
                new Route("POST", "/backoffice/batches/new", ADMIN),
                new Route("POST", "/backoffice/batches/issue", ADMIN),
                new Route("GET", "/backoffice/batches/" + BATCH, ADMIN),
                new Route("POST", "/backoffice/batches/" + BATCH + "/activate", ADMIN),
                new Route("GET", "/backoffice/approvals", ADMIN),
                new Route("GET", "/backoffice/approvals/" + request, ADMIN),
                new Route("POST", "/backoffice/approvals/" + request + "/approve", ADMIN),
                new Route("POST", "/backoffice/approvals/" + request + "/reject", ADMIN),
                new Route("POST", "/backoffice/approvals/" + request + "/withdraw", ADMIN),
                new Route("POST", "/backoffice/accounts/" + account + "/lift-lock", SUPPORT),
                new Route("GET", "/backoffice/cases", SUPPORT),
                new Route("GET", "/backoffice/cases/" + CASE, SUPPORT),
                new Route("POST", "/backoffice/cases/" + CASE + "/note", SUPPORT),
                new Route("GET", "/backoffice/cases/" + CASE + "/investigation", SUPPORT),
                new Route("POST", "/backoffice/cases/" + CASE + "/investigation/freeze", SUPPORT),
                new Route("POST", "/backoffice/cases/" + CASE + "/investigation/clawback", ADMIN),
                new Route("POST", "/backoffice/cases/" + CASE + "/investigation/reissue", ADMIN),
                new Route("POST", "/backoffice/cases/" + CASE + "/investigation/unfreeze", ADMIN),
                new Route("GET", "/backoffice/accounts/" + account + "/cases/new", SUPPORT),
                new Route("POST", "/backoffice/accounts/" + account + "/cases/new", SUPPORT),
                new Route("GET", "/backoffice/reviews", SUPPORT),
                new Route("POST", "/backoffice/reviews/0/release", SUPPORT),
                new Route("POST", "/backoffice/reviews/0/refuse", SUPPORT),
                new Route("GET", "/backoffice/audit", FINANCE),
                new Route("GET", "/backoffice/audit/export.csv", FINANCE),
                new Route("GET", "/backoffice/reconciliation", FINANCE),
                new Route("POST", "/backoffice/reconciliation", FINANCE),
                new Route("GET", "/backoffice/finance", FINANCE),
                new Route("GET", "/backoffice/finance/US/2026-11", FINANCE),
                new Route("GET", "/backoffice/finance/US/2026-11.csv", FINANCE),
                new Route("GET", "/backoffice/finance/US/dormant", FINANCE),
                new Route("GET", "/backoffice/finance/US/dormant.csv", FINANCE),
                new Route("GET", "/backoffice/cases/" + CASE + "/cash-out", ADMIN),
                new Route("GET", "/backoffice/webhooks", ADMIN),
                new Route("POST", "/backoffice/webhooks", ADMIN),
                new Route("GET", "/backoffice/webhooks/0", ADMIN),
                new Route("POST", "/backoffice/webhooks/0/pause", ADMIN),
                new Route("POST", "/backoffice/webhooks/0/settings", ADMIN),
                new Route("POST", "/backoffice/webhooks/0/deliveries/0/send-again", ADMIN),
                new Route("POST", "/backoffice/cases/" + CASE + "/cash-out", ADMIN),
                new Route("GET", "/backoffice/gifts", SUPPORT),
                new Route("GET", "/backoffice/gifts/" + gift, SUPPORT),
                new Route("POST", "/backoffice/gifts/" + gift + "/resend", SUPPORT),
                new Route("POST", "/backoffice/gifts/" + gift + "/address", ADMIN),
                new Route("GET", "/backoffice/gifts/new", ADMIN),
                new Route("POST", "/backoffice/gifts/new", ADMIN),
                new Route("GET", "/backoffice/gifts/upload", ADMIN),
                new Route("POST", "/backoffice/gifts/upload", ADMIN),
                new Route("GET", "/backoffice/gifts/orders", ADMIN),
                new Route("GET", "/backoffice/gifts/orders/" + GIFT_ORDER, ADMIN),
                new Route("POST", "/backoffice/gifts/orders/" + GIFT_ORDER + "/confirm", ADMIN),
                new Route("GET", "/backoffice/gifts/orders/" + GIFT_ORDER + "/report.csv", ADMIN),
                new Route("GET", "/till", CASHIER),
                new Route("POST", "/till/payments", CASHIER),
                new Route("GET", "/till/payments/0", CASHIER),
                new Route("POST", "/till/payments/0/take", CASHIER),
                new Route("POST", "/till/payments/0/cancel", CASHIER),
                new Route("GET", "/till/payments/0/receipt", CASHIER),
                new Route("POST", "/till/payments/0/refunds", CASHIER),
                new Route("POST", "/till/requests/0/approve", CASHIER),
                new Route("POST", "/till/requests/0/turn-down", CASHIER),
                new Route("POST", "/till/requests/0/withdraw", CASHIER),
                new Route("POST", "/till/activations", CASHIER));
    }

    @Test
    void anAnonymousVisitorIsSentToSignInForEveryRoute() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (Route route : routes()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + System.getProperty("quarkus.http.test-port") + route.path()))
                    // An empty form, as a browser posts one (the pages take nothing else); an upload's is multipart.
                    .header("Content-Type", route.path().endsWith("/upload") ? "multipart/form-data; boundary=x"
                            : "application/x-www-form-urlencoded")
                    .method(route.method(), HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse(""))
                    .as(route.toString()).startsWith(TestStackProperties.keycloakUrl());
        }
    }

    @Test
    void aCustomerGetsTheRefusalPageForEveryRoute() {
        assertEveryRoute(Shoppers.customer("US"), route -> false);
    }

    @Test
    void supportMayUseSupportRoutesOnly() {
        assertEveryRoute(Shoppers.support(), route -> route.least().equals(SUPPORT));
    }

    @Test
    void anAdminMayUseEveryBackOfficeRouteButNotTheTill() {
        assertEveryRoute(Shoppers.admin(), route -> !route.least().equals(CASHIER));
    }

    @Test
    void financeMayReadTheStatementsTheAuditLogAndTheMoneyChecksOnly() {
        assertEveryRoute(Shoppers.finance(), route -> route.least().equals(FINANCE));
    }

    @Test
    void aCashierMayUseTheTillOfTheirStoreOnly() {
        assertEveryRoute(Shoppers.cashier("US-NYC-01"), route -> route.least().equals(CASHIER));
    }

    /** The matrix can't fall behind the code: every back-office method of every resource class has a row. */
    @Test
    void theMatrixCoversEveryBackOfficeRoute() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes"); // Maven runs tests in the project
        assertThat(classes.resolve("org/giftportal/backoffice/BackOfficeResource.class")).exists();
        List<String> declared = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> resource = Class.forName(name, false, getClass().getClassLoader());
                jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || !(root.value().startsWith("/backoffice") || root.value().startsWith("/till"))) {
                    continue;
                }
                for (java.lang.reflect.Method method : resource.getDeclaredMethods()) {
                    String verb = method.isAnnotationPresent(jakarta.ws.rs.GET.class) ? "GET"
                            : method.isAnnotationPresent(jakarta.ws.rs.POST.class) ? "POST" : null;
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        declared.add(verb + " " + root.value() + (sub == null ? "" : "/" + sub.value()));
                    }
                }
            }
        }
        assertThat(declared).hasSizeGreaterThan(20);
        for (String route : declared) {
            String pattern = route.replaceAll("\\{[^}]+}", "[^/]+");
            assertThat(routes()).as(route).anyMatch(row -> (row.method() + " " + row.path()).matches(pattern));
        }
    }

    private void assertEveryRoute(TestShopper who, java.util.function.Predicate<Route> allowed) {
        try (Browser browser = Browser.open()) {
            browser.signIn(who);
            for (Route route : routes()) {
                Map<String, String> empty = new LinkedHashMap<>(Map.of("reason", "", "text", ""));
                if (route.path().endsWith("/upload")) { // a file upload: multipart, as its page sends it
                    empty.put("csrf-token", browser.csrfToken());
                }
                org.htmlunit.Page page = route.method().equals("GET") ? browser.fetch(route.path())
                        : route.path().endsWith("/upload")
                                ? browser.post(route.path(), empty, org.htmlunit.FormEncodingType.MULTIPART)
                                : browser.postForm(route.path(), empty);
                int status = page.getWebResponse().getStatusCode();
                String text = page instanceof HtmlPage html ? html.asNormalizedText()
                        : page.getWebResponse().getContentAsString();
                if (allowed.test(route)) {
                    // Allowed: the page, or its own answer to an empty form; never the refusal.
                    assertThat(status).as(route + " for " + who.username()).isNotEqualTo(403);
                    assertThat(text).as(route.toString()).doesNotContain("This page isn't available to your account");
                } else {
                    assertThat(status).as(route + " for " + who.username()).isEqualTo(403);
                    assertThat(text).contains("This page isn't available to your account");
                }
            }
        }
    }
}
