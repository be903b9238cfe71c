package org.giftportal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.stack.LocalStack;

/**
 * Side-by-side measurements of the portal against its own database, in one run on one machine: absolute times
 * say little on a shared 2-core box, ratios do. Starts a throwaway MariaDB and Keycloak, runs the packaged portal
 * (production profile) and prints what it measured.
 *
 * <p>Arguments: cards to redeem (default 3000), concurrent sessions (default 32).
 */
public final class Bench {
    /** Bench only: the claim-code key of the throwaway portal this bench starts. */
    private static final String BENCH_ONLY_SECRET = "BENCH-ONLY-claim-code-secret-throwaway-stack";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        int portalPort = freePort();
        String portal = "http://localhost:" + portalPort;
        System.out.printf("Starting MariaDB, Keycloak and the portal (%s)...%n", portal);
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, portal,
                freePort(), freePort(), "Bench Market"));
                PortalProcess portalProcess = PortalProcess.start(stack.portalSettings(), portalPort,
                        BENCH_ONLY_SECRET, work.resolve("portal.log"))) {
            Map<String, String> db = stack.portalSettings();
            List<ShopperSession> shoppers = signIn(stack, portal, sessions);
            System.out.printf("%d shoppers signed in through Keycloak%n", sessions);

            List<String> warmUp = issue(db, Math.min(500, cards / 4));
            Workers.run(sessions, warmUp.size(), (worker, i) -> shoppers.get(worker).redeem(warmUp.get(i)));
            Latencies page = Workers.run(sessions, cards,
                    (worker, i) -> shoppers.get(worker).get("/redeem").statusCode() == 200);
            List<String> codes = issue(db, cards);
            Latencies redeem = Workers.run(sessions, codes.size(),
                    (worker, i) -> shoppers.get(worker).redeem(codes.get(i)));
            // Enough commits that the ceiling is measured over seconds, not a blip.
            Latencies ceiling = durableOneRowTransactions(db, sessions, Math.max(cards, 50_000));

            System.out.println();
            System.out.printf("Signed-in page GET /redeem, %d sessions: %s%n", sessions, page.summary());
            System.out.printf("Redeem over HTTP, %d sessions:        %s%n", sessions, redeem.summary());
            System.out.printf("MariaDB one-row commit, %d connections: %s%n", sessions, ceiling.summary());
            System.out.printf("Ratio redeem / ceiling: %.2f (goal >= 0.5)%n", redeem.perSecond() / ceiling.perSecond());
        }
    }

    private static List<ShopperSession> signIn(LocalStack stack, String portal, int count)
            throws IOException, InterruptedException {
        List<ShopperSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = "bench" + i;
            String password = "bench-pass-" + i;
            stack.keycloakAdmin().createUser(username, "Bench", "Shopper" + i, "US", password, List.of());
            ShopperSession session = new ShopperSession(portal);
            session.signIn(username, password);
            sessions.add(session);
        }
        return sessions;
    }

    /** Active US cards of $50, written straight to the database in batches; returns their codes. */
    private static List<String> issue(Map<String, String> db, int count) throws SQLException {
        ClaimCodeHasher hasher = ClaimCodeHasher.withSecret(BENCH_ONLY_SECRET);
        List<String> codes = new ArrayList<>(count);
        try (Connection connection = connect(db); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO gift_card (code_hash, code_last4, amount_minor, currency, region, status, issued_at,"
                        + " batch_reference) VALUES (?, ?, 5000, 'USD', 'US', 'ACTIVE', ?, 'bench')")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                ClaimCode code = ClaimCode.generate();
                insert.setBytes(1, hasher.hash(code));
                insert.setString(2, code.lastFour());
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.addBatch();
                codes.add(code.formatted());
            }
            insert.executeBatch();
            connection.commit();
        }
        return codes;
    }

    /** The database's own ceiling: autocommitted single-row updates, one connection per worker. */
    private static Latencies durableOneRowTransactions(Map<String, String> db, int workers, int total)
            throws Exception {
        try (Connection admin = connect(db); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_ceiling (id INT PRIMARY KEY, n BIGINT NOT NULL)"
                    + " ENGINE=InnoDB");
            statement.execute("DELETE FROM bench_ceiling");
            for (int w = 0; w < workers; w++) {
                statement.execute("INSERT INTO bench_ceiling VALUES (" + w + ", 0)");
            }
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> updates = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Connection connection = connect(db);
            connections.add(connection);
            updates.add(connection.prepareStatement("UPDATE bench_ceiling SET n = n + 1 WHERE id = " + w));
        }
        try {
            return Workers.run(workers, total, (worker, i) -> updates.get(worker).executeUpdate() == 1);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    static Connection connect(Map<String, String> db) throws SQLException {
        return DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitHttp(String url, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " not up within " + timeout);
    }
}
