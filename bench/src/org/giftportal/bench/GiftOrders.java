package org.giftportal.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

/**
 * Bulk gift orders through the packaged portal (production profile) on its own database: an admin uploads a CSV file
 * of gifts (the dry run checks and stores every line in one request), confirms, a second admin approves, and the
 * portal issues the cards in chunks and sends every email through the outbox (the mock mailer). A small and a large
 * order run side by side in one run, so the cost per gift of each phase is compared, not judged by absolute times.
 *
 * <p>Arguments: gifts in the large order (default 10,000); the small one has a tenth.
 */
public final class GiftOrders {
    private static final Pattern ORDER = Pattern.compile("/backoffice/gifts/orders/(G[0-9A-Z-]+)");
    private static final Pattern REQUEST = Pattern.compile("/backoffice/approvals/(\\d+)");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final String[] THEMES = {"birthday", "thank-you", "congratulations", "seasonal"};

    private GiftOrders() {
    }

    /** What one order cost, phase by phase. */
    record Run(int gifts, Duration dryRun, Duration issuing, Duration sending, long longestRequestMs) {
        double perGift(Duration phase) {
            return phase.toNanos() / 1e6 / gifts;
        }
    }

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int small = Math.max(100, large / 10);
        Path work = Path.of("target", "bench-gifts").toAbsolutePath();
        Files.createDirectories(work);
        int port = Ports.freeLoopbackPort();
        String portal = "http://localhost:" + port;
        System.out.println("Starting MariaDB, Keycloak and a portal instance...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, portal,
                Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"))) {
            Map<String, String> db = stack.portalSettings();
            PortalInstance instance = PortalProcess.start(db, port, PortalProcess.secrets(
                    "BENCH-ONLY-claim-code-secret-throwaway-stack"), work.resolve("portal.log"));
            try {
                ShopperSession requester = admin(stack, portal, "bench-admin-1");
                ShopperSession approver = admin(stack, portal, "bench-admin-2");
                // A first small order warms the instance up, as the redeem bench's first burst does.
                order(db, requester, approver, Math.max(50, small / 4), work);
                Run few = order(db, requester, approver, small, work);
                Run many = order(db, requester, approver, large, work);
                report(few, many);
            } finally {
                instance.close();
            }
        }
    }

    private static ShopperSession admin(LocalStack stack, String portal, String username) throws Exception {
        String password = "bench-pass-" + username;
        stack.keycloakAdmin().createUser(username, "Bench", "Admin", "US", password, List.of("customer", "admin"));
        ShopperSession session = new ShopperSession(portal);
        session.signIn(username, password);
        return session;
    }

    /** Uploads, confirms, approves and waits for every gift to be issued and its email sent. */
    private static Run order(Map<String, String> db, ShopperSession requester, ShopperSession approver, int gifts,
            Path work) throws Exception {
        byte[] file = csv(gifts);
        Files.write(work.resolve("gifts-" + gifts + ".csv"), file);
        long started = System.nanoTime();
        HttpResponse<String> checked = requester.upload("/backoffice/gifts/upload", Map.of("name",
                "Bench order of " + gifts, "region", "US", "zone", "America/New_York"), "file", "gifts.csv", file);
        Duration dryRun = Duration.ofNanos(System.nanoTime() - started);
        Matcher order = ORDER.matcher(checked.headers().firstValue("Location").orElse(""));
        if (checked.statusCode() != 303 || !order.find()) {
            throw new IllegalStateException("The upload answered " + checked.statusCode() + ": " + checked.body());
        }
        String reference = order.group(1);
        long requestStarted = System.nanoTime();
        HttpResponse<String> confirmed = requester.post("/backoffice/gifts/orders/" + reference + "/confirm",
                Map.of("reason", "Benchmark order"));
        long longest = Math.max(dryRun.toMillis(), (System.nanoTime() - requestStarted) / 1_000_000);
        Matcher request = REQUEST.matcher(confirmed.headers().firstValue("Location").orElse(""));
        if (!request.find()) {
            throw new IllegalStateException("Confirming answered " + confirmed.statusCode() + " " + confirmed.body());
        }
        String page = approver.get("/backoffice/approvals/" + request.group(1)).body();
        Matcher version = VERSION.matcher(page);
        version.find();
        long approving = System.nanoTime();
        HttpResponse<String> approved = approver.post("/backoffice/approvals/" + request.group(1) + "/approve",
                Map.of("version", version.group(1)));
        longest = Math.max(longest, (System.nanoTime() - approving) / 1_000_000);
        if (approved.statusCode() != 303) {
            throw new IllegalStateException("Approving answered " + approved.statusCode());
        }
        await(db, "SELECT status = 'ISSUED' FROM gift_order WHERE reference = ?", reference);
        Duration issuing = Duration.ofNanos(System.nanoTime() - approving);
        await(db, "SELECT COUNT(*) = (SELECT line_count FROM gift_order WHERE reference = ?1) FROM mail_outbox m"
                + " JOIN gift g ON g.mail_id = m.id JOIN gift_order o ON o.id = g.order_id WHERE o.reference = ?1"
                + " AND m.status = 'SENT'", reference);
        Duration sending = Duration.ofNanos(System.nanoTime() - approving);
        System.out.printf("  %,6d gifts: dry run %.1f s, issued %.1f s after approval, all emails sent %.1f s after"
                + " approval; longest request %.1f s%n", gifts, dryRun.toMillis() / 1000.0, issuing.toMillis()
                        / 1000.0, sending.toMillis() / 1000.0, longest / 1000.0);
        return new Run(gifts, dryRun, issuing, sending, longest);
    }

    private static void report(Run few, Run many) {
        System.out.printf("%nCost per gift, %,d gifts against %,d (1.0 = scales linearly):%n", many.gifts(),
                few.gifts());
        System.out.printf("  dry run (check and store each line):   %.2f ms vs %.2f ms, ratio %.2f%n",
                many.perGift(many.dryRun()), few.perGift(few.dryRun()), ratio(many, few, Run::dryRun));
        System.out.printf("  issuing (card, token, code, email):     %.2f ms vs %.2f ms, ratio %.2f%n",
                many.perGift(many.issuing()), few.perGift(few.issuing()), ratio(many, few, Run::issuing));
        System.out.printf("  until every email is sent:             %.2f ms vs %.2f ms, ratio %.2f%n",
                many.perGift(many.sending()), few.perGift(few.sending()), ratio(many, few, Run::sending));
        System.out.printf("The longest single request of the large order took %.1f s (the upload's dry run):"
                + " %.2f of a 60 s proxy timeout.%n", many.longestRequestMs() / 1000.0,
                many.longestRequestMs() / 60_000.0);
    }

    private static double ratio(Run many, Run few, java.util.function.Function<Run, Duration> phase) {
        return many.perGift(phase.apply(many)) / few.perGift(phase.apply(few));
    }

    /** Gifts to distinct made-up recipients, every theme, some with a comma in the message, all to send now. */
    private static byte[] csv(int gifts) {
        StringBuilder text = new StringBuilder("recipient_name,recipient_email,amount,message,sender_name,"
                + "deliver_at,theme\n");
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < gifts; i++) {
            text.append("Colleague ").append(i).append(",colleague-").append(run).append('-').append(i)
                    .append("@bench.invalid,").append(25 + (i % 4) * 25).append(",\"Thank you, colleague ")
                    .append(i).append(", for a great year!\",Bench Corp,,").append(THEMES[i % THEMES.length])
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void await(Map<String, String> db, String sql, String reference) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = Bench.connect(db); PreparedStatement query = connection.prepareStatement(
                    sql.replace("?1", "?"))) {
                for (int p = 1; p <= query.getParameterMetaData().getParameterCount(); p++) {
                    query.setString(p, reference);
                }
                try (ResultSet result = query.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        return;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Gave up waiting for order " + reference);
    }
}
