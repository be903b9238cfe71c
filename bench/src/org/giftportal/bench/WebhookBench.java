package org.giftportal.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.giftportal.ops.SecretBox;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;
import org.giftportal.webhook.WebhookSecrets;

/**
 * Webhooks, measured side by side in one run against one packaged production-profile portal: redemptions over HTTP
 * with an endpoint subscribed to their events against none (alternating, so both see the same machine; the
 * shopper's path must stay within 10 %), and the delivery rate of 10,000 events to a local receiver.
 *
 * <p>Arguments: cards to redeem per phase (default 1,000), sessions (default 32), events to deliver (default 10,000).
 */
public final class WebhookBench {
    private static final String BENCH_ONLY_SECRET = "BENCH-ONLY-claim-code-secret-throwaway-stack";

    private WebhookBench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path work = Path.of("target", "bench-webhooks").toAbsolutePath();
        Files.createDirectories(work);
        int port = Ports.freeLoopbackPort();
        String portal = "http://localhost:" + port;
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong repeats = new AtomicLong();
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            if (!ids.add(exchange.getRequestHeaders().getFirst("webhook-id"))) {
                repeats.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        System.out.println("Starting MariaDB, Keycloak and a portal instance...");
        PortalInstance.Secrets secrets = PortalProcess.secrets(BENCH_ONLY_SECRET);
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, portal,
                Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"));
                PortalInstance instance = PortalProcess.start(stack.portalSettings(), port, secrets,
                        work.resolve("portal.log"), Map.of("PORTAL_WEBHOOKS_ALLOW_LOOPBACK", "true",
                                "PORTAL_WEBHOOKS_EVERY", "1s",
                                // Each attempt a receiver didn't take is logged, so a repeat can be explained.
                                "QUARKUS_LOG_CATEGORY__ORG_GIFTPORTAL_WEBHOOK__LEVEL", "DEBUG"))) {
            Map<String, String> db = stack.portalSettings();
            String key = PortalInstance.productionSettings(db, secrets, work).get("WEBHOOK_SECRET_KEY");
            long endpoint = endpoint(db, key, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            List<ShopperSession> shoppers = Bench.signIn(stack, portal, sessions, "hooks");
            List<String> warmUp = Bench.issue(db, Math.min(500, cards / 2));
            Workers.run(sessions, warmUp.size(), (worker, i) -> shoppers.get(worker).redeem(warmUp.get(i)));

            Latencies[] none = new Latencies[2];
            Latencies[] subscribed = new Latencies[2];
            for (int round = 0; round < 2; round++) {
                subscribe(db, endpoint, "none");
                none[round] = redeem(db, shoppers, sessions, cards / 2);
                subscribe(db, endpoint, "card.redeemed balance.credited");
                subscribed[round] = redeem(db, shoppers, sessions, cards / 2);
            }
            subscribe(db, endpoint, "none");
            awaitDelivered(db, Duration.ofMinutes(5));

            long before = received.get();
            long repeatsBefore = repeats.get();
            insertEvents(db, endpoint, events);
            Instant start = Instant.now();
            awaitDelivered(db, Duration.ofMinutes(30));
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

            double withNone = (none[0].perSecond() + none[1].perSecond()) / 2;
            double withEndpoint = (subscribed[0].perSecond() + subscribed[1].perSecond()) / 2;
            System.out.println();
            System.out.printf("Redeem over HTTP, %d sessions, no endpoint subscribed:  %s / %s%n", sessions,
                    none[0].summary(), none[1].summary());
            System.out.printf("Redeem over HTTP, %d sessions, an endpoint subscribed:  %s / %s%n", sessions,
                    subscribed[0].summary(), subscribed[1].summary());
            System.out.printf("Ratio redeem with an endpoint / without: %.2f (goal >= 0.90)%n",
                    withEndpoint / withNone);
            System.out.printf("Delivered %d events to a local receiver in %.1f s: %.0f events per second"
                    + " (the receiver counted %d requests, %d of them repeats of an id it had taken)%n", events,
                    seconds, events / seconds, received.get() - before, repeats.get() - repeatsBefore);
            System.out.println("Attempts not taken (from the portal's log): see " + work.resolve("portal.log"));
        } finally {
            receiver.stop(0);
        }
    }

    private static Latencies redeem(Map<String, String> db, List<ShopperSession> shoppers, int sessions, int cards)
            throws Exception {
        List<String> codes = Bench.issue(db, cards);
        return Workers.run(sessions, codes.size(), (worker, i) -> shoppers.get(worker).redeem(codes.get(i)));
    }

    /** An endpoint of the bench's own, written as the back office would: its secret sealed under the portal's key. */
    private static long endpoint(Map<String, String> db, String key, String url) throws SQLException {
        try (Connection connection = Bench.connect(db); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO webhook_endpoint (client_id, url, event_types, status, secret_cipher, created_by_subject,"
                        + " created_at, updated_at) VALUES ('bench', ?, 'none', 'ENABLED', X'', 'bench', NOW(6),"
                        + " NOW(6))", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, url);
            insert.executeUpdate();
            ResultSet keys = insert.getGeneratedKeys();
            keys.next();
            long id = keys.getLong(1);
            byte[] sealed = new SecretBox(key, "WEBHOOK_SECRET_KEY", WebhookSecrets.LABEL)
                    .seal("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]), id);
            try (PreparedStatement seal = connection.prepareStatement(
                    "UPDATE webhook_endpoint SET secret_cipher = ? WHERE id = ?")) {
                seal.setBytes(1, sealed);
                seal.setLong(2, id);
                seal.executeUpdate();
            }
            return id;
        }
    }

    private static void subscribe(Map<String, String> db, long endpoint, String types) throws SQLException {
        try (Connection connection = Bench.connect(db); PreparedStatement update = connection.prepareStatement(
                "UPDATE webhook_endpoint SET event_types = ? WHERE id = ?")) {
            update.setString(1, types);
            update.setLong(2, endpoint);
            update.executeUpdate();
        }
    }

    /** Events for the delivery rate, each about an account of its own (no event waits behind another). */
    private static void insertEvents(Map<String, String> db, long endpoint, int count) throws SQLException {
        try (Connection connection = Bench.connect(db)) {
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO webhook_event (public_id, type,"
                    + " occurred_at, payload) VALUES (?, 'balance.credited', ?, ?)", Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement delivery = connection.prepareStatement("INSERT INTO webhook_delivery"
                            + " (endpoint_id, event_id, ordering_key, status, next_attempt_at, created_at)"
                            + " VALUES (?, ?, ?, 'PENDING', ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < count; i++) {
                    String id = "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
                    event.setString(1, id);
                    event.setTimestamp(2, now);
                    event.setString(3, "{\"id\":\"" + id + "\",\"type\":\"balance.credited\",\"data\":{\"n\":" + i
                            + "}}");
                    event.executeUpdate();
                    ResultSet keys = event.getGeneratedKeys();
                    keys.next();
                    delivery.setLong(1, endpoint);
                    delivery.setLong(2, keys.getLong(1));
                    delivery.setString(3, "account:bench-" + i);
                    delivery.setTimestamp(4, now);
                    delivery.setTimestamp(5, now);
                    delivery.addBatch();
                    if (i % 1_000 == 999) {
                        delivery.executeBatch();
                        connection.commit();
                    }
                }
                delivery.executeBatch();
                connection.commit();
            }
        }
    }

    private static void awaitDelivered(Map<String, String> db, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = Bench.connect(db); Statement statement = connection.createStatement();
                    ResultSet pending = statement.executeQuery(
                            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'PENDING'")) {
                pending.next();
                if (pending.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Deliveries still pending after " + timeout);
    }
}
