package org.giftportal.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

/**
 * Hold + capture pairs through the store API (32 checkout clients, each on its own shopper's account) against the
 * same statements sent straight over JDBC on 32 connections: what the API adds to what the database must do anyway.
 * Both run in one run against one database, so the ratio means something where absolute times don't.
 *
 * <p>Arguments: pairs per run (default 3,000), clients (default 32).
 */
public final class HoldBench {
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    /** Dev-only secret of the demo realm's checkout client (src/test/resources/stack/keycloak-realm.json). */
    private static final String CHECKOUT_SECRET = "dev-only-store-checkout-secret";

    private HoldBench() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path work = Path.of("target", "bench-holds").toAbsolutePath();
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
                List<String> subjects = accounts(db, clients * 3);
                String tokenUrl = stack.keycloakUrl() + "/realms/gift-portal/protocol/openid-connect/token";
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                System.out.printf("%d pairs (hold, then capture) per run, %d clients, each on its own account%n",
                        pairs, clients);
                api(http, portal, token(http, tokenUrl), subjects.subList(0, clients), Math.min(pairs, 500), clients);
                Latencies sql = sql(db, subjects.subList(clients, clients * 2), pairs, clients);
                Latencies api = api(http, portal, token(http, tokenUrl), subjects.subList(0, clients), pairs,
                        clients);
                System.out.println("  SQL alone (JDBC):            " + sql.summary());
                System.out.println("  store API (JDK HTTP client): " + api.summary());
                System.out.printf("API / SQL alone, pairs per second, JDK client: %.2f (goal 0.6)%n",
                        api.perSecond() / sql.perSecond());
                java.util.Optional<WrkLoad> wrk = WrkLoad.ifInstalled(work);
                if (wrk.isPresent()) {
                    WrkLoad.Result result = wrk.get().holds(portal, token(http, tokenUrl), subjects.subList(
                            clients * 2, clients * 3));
                    double pairsPerSecond = result.perSecond() / 2;
                    System.out.printf("  store API (wrk):             %8.1f /s   p50 %7.2f ms   p99 %7.2f ms per"
                            + " request (%d requests, %d errors, in %.1f s)%n", pairsPerSecond, result.p50Millis(),
                            result.p99Millis(), result.requests(), result.errors(), result.seconds());
                    System.out.printf("API / SQL alone, pairs per second, wrk: %.2f (goal 0.6)%n",
                            pairsPerSecond / sql.perSecond());
                } else {
                    System.out.println("wrk is not installed: no run with a load generator that spares the CPU.");
                }
            } finally {
                instance.close();
            }
        }
    }

    /** Shoppers' accounts with a large balance, straight in the database (with the ledger entry that explains it). */
    private static List<String> accounts(Map<String, String> db, int count) throws SQLException {
        return accounts(db, count, 1_000_000_000);
    }

    /** US accounts holding {@code minor} cents each, with the ledger entry that explains it; their subjects. */
    static List<String> accounts(Map<String, String> db, int count, long minor) throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (Connection connection = Bench.connect(db); PreparedStatement account = connection.prepareStatement(
                "INSERT INTO account (subject, email, email_verified, display_name, region, currency, balance_minor,"
                        + " created_at, updated_at) VALUES (?, ?, TRUE, 'Bench Shopper', 'US', 'USD', ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS); PreparedStatement entry = connection.prepareStatement(
                        "INSERT INTO ledger_entry (account_id, entry_type, amount_minor, balance_after_minor, currency,"
                                + " description, reference, created_at) VALUES (?, 'ADJUSTMENT', ?, ?, 'USD',"
                                + " 'Bench balance', 'BENCH', ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < count; i++) {
                String subject = "bench-" + UUID.randomUUID();
                account.setString(1, subject);
                account.setString(2, subject + "@bench.invalid");
                account.setLong(3, minor);
                account.setTimestamp(4, now);
                account.setTimestamp(5, now);
                account.executeUpdate();
                try (ResultSet key = account.getGeneratedKeys()) {
                    key.next();
                    entry.setLong(1, key.getLong(1));
                }
                entry.setLong(2, minor);
                entry.setLong(3, minor);
                entry.setTimestamp(4, now);
                entry.executeUpdate();
                subjects.add(subject);
            }
        }
        return subjects;
    }

    /** A client-credentials token of the dev realm's checkout client. */
    static String token(HttpClient http, String tokenUrl) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=store-checkout"
                        + "&client_secret=" + CHECKOUT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException("No token: " + answer.body());
        }
        return token.group(1);
    }

    private static Latencies api(HttpClient http, String portal, String token, List<String> subjects, int pairs,
            int clients) throws Exception {
        return Workers.run(clients, pairs, (worker, index) -> {
            HttpResponse<String> hold = post(http, portal + "/api/v1/holds", token, "{\"account\":\""
                    + subjects.get(worker) + "\",\"currency\":\"USD\",\"orderReference\":\"B-" + index
                    + "\",\"amount\":100}");
            Matcher id = ID.matcher(hold.body());
            if (hold.statusCode() != 201 || !id.find()) {
                System.err.println("Hold answered " + hold.statusCode() + ": " + hold.body());
                return false;
            }
            HttpResponse<String> capture = post(http, portal + "/api/v1/holds/" + id.group(1) + "/capture", token,
                    "{}");
            return capture.statusCode() == 201;
        });
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String body)
            throws Exception {
        return post(http, url, token, UUID.randomUUID().toString(), body);
    }

    /** A store API POST with this Idempotency-Key. */
    static HttpResponse<String> post(HttpClient http, String url, String token, String key, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Latencies sql(Map<String, String> db, List<String> subjects, int pairs, int clients)
            throws Exception {
        List<HoldStatements> connections = new ArrayList<>();
        for (String subject : subjects) {
            connections.add(new HoldStatements(Bench.connect(db), subject));
        }
        try {
            return Workers.run(clients, pairs, (worker, index) -> connections.get(worker).holdAndCapture(index));
        } finally {
            for (HoldStatements connection : connections) {
                connection.close();
            }
        }
    }

    /** The statements of the portal's hold and capture transactions (and their idempotency keys), on one connection. */
    static final class HoldStatements implements AutoCloseable {
        private final Connection connection;
        private final String subject;

        HoldStatements(Connection connection, String subject) throws SQLException {
            this.connection = connection;
            this.subject = subject;
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        boolean holdAndCapture(int index) throws SQLException {
            long holdId = hold(index);
            capture(holdId);
            return true;
        }

        private long hold(int index) throws SQLException {
            String key = UUID.randomUUID().toString();
            connection.setAutoCommit(false);
            try {
                claimKey(key, "POST /api/v1/holds");
                long accountId;
                long held;
                try (PreparedStatement account = connection.prepareStatement("SELECT id, subject, email,"
                        + " email_verified, display_name, region, currency, balance_minor, held_minor,"
                        + " total_redeemed_minor, total_spent_minor, last_activity_at, created_at, updated_at"
                        + " FROM account WHERE subject = ? FOR UPDATE")) {
                    account.setString(1, subject);
                    try (ResultSet row = account.executeQuery()) {
                        row.next();
                        accountId = row.getLong(1);
                        held = row.getLong(9);
                    }
                }
                update("UPDATE account SET held_minor = ? WHERE id = ?", held + 100, accountId);
                Timestamp now = Timestamp.from(Instant.now());
                long holdId = insert("INSERT INTO store_hold (account_id, client_id, order_reference, currency,"
                        + " requested_minor, amount_minor, status, expires_at, created_at) VALUES (?, 'store-checkout',"
                        + " ?, 'USD', 100, 100, 'ACTIVE', ?, ?)", accountId, "S-" + index,
                        Timestamp.from(Instant.now().plusSeconds(604_800)), now);
                answerKey(key, "{\"id\":" + holdId + ",\"status\":\"active\",\"amount\":100}");
                connection.commit();
                return holdId;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        private void capture(long holdId) throws SQLException {
            String key = UUID.randomUUID().toString();
            connection.setAutoCommit(false);
            try {
                claimKey(key, "POST /api/v1/holds/" + holdId + "/capture");
                long accountId;
                try (PreparedStatement hold = connection.prepareStatement("SELECT id, account_id, client_id,"
                        + " order_reference, currency, requested_minor, amount_minor, status, expires_at,"
                        + " created_at, ended_at FROM store_hold WHERE id = ? FOR UPDATE")) {
                    hold.setLong(1, holdId);
                    try (ResultSet row = hold.executeQuery()) {
                        row.next();
                        accountId = row.getLong(2);
                    }
                }
                long balance;
                long held;
                try (PreparedStatement account = connection.prepareStatement("SELECT balance_minor, held_minor"
                        + " FROM account WHERE id = ? FOR UPDATE")) {
                    account.setLong(1, accountId);
                    try (ResultSet row = account.executeQuery()) {
                        row.next();
                        balance = row.getLong(1);
                        held = row.getLong(2);
                    }
                }
                Timestamp now = Timestamp.from(Instant.now());
                long entryId = insert("INSERT INTO ledger_entry (account_id, entry_type, amount_minor,"
                        + " balance_after_minor, currency, description, reference, created_at) VALUES (?, 'PURCHASE',"
                        + " -100, ?, 'USD', 'Purchase', 'S', ?)", accountId, balance - 100, now);
                update("UPDATE account SET held_minor = ?, balance_minor = ?, total_spent_minor = total_spent_minor"
                        + " + 100 WHERE id = ?", held - 100, balance - 100, accountId);
                update("UPDATE store_hold SET status = 'CAPTURED', ended_at = NOW(6) WHERE id = ?", holdId);
                update("INSERT INTO store_capture (hold_id, account_id, amount_minor, currency, ledger_entry_id,"
                        + " created_at) VALUES (?, ?, 100, 'USD', ?, ?)", holdId, accountId, entryId, now);
                // (A capture just made has no refunds: the portal no longer looks for them, nor does its floor.)
                answerKey(key, "{\"id\":" + holdId + ",\"amount\":100}");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        private void claimKey(String key, String line) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO api_idempotency"
                    + " (client_id, idempotency_key, request_hash, request_line, response_status, response_body,"
                    + " created_at) VALUES ('store-checkout', ?, ?, ?, 0, '', NOW(6))")) {
                insert.setString(1, key);
                insert.setBytes(2, new byte[32]);
                insert.setString(3, line);
                insert.executeUpdate();
            }
        }

        private void answerKey(String key, String body) throws SQLException {
            update("UPDATE api_idempotency SET response_status = 201, response_body = ? WHERE client_id ="
                    + " 'store-checkout' AND idempotency_key = ?", body, key);
        }

        /** Inserts a row; returns its generated id. */
        private long insert(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
                try (ResultSet id = statement.getGeneratedKeys()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        }

        private void update(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
