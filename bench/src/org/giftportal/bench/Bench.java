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
import java.util.Optional;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

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
    private static final ClaimCodeHasher HASHER = ClaimCodeHasher.withSecret(BENCH_ONLY_SECRET);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        int portalPort = Ports.freeLoopbackPort();
        String portal = "http://localhost:" + portalPort;
        System.out.printf("Starting MariaDB, Keycloak and the portal (%s)...%n", portal);
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, portal,
                Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"));
                PortalInstance portalProcess = PortalProcess.start(stack.portalSettings(), portalPort,
                        BENCH_ONLY_SECRET, work.resolve("portal.log"))) {
            Map<String, String> db = stack.portalSettings();
            List<ShopperSession> shoppers = signIn(stack, portal, sessions);
            System.out.printf("%d shoppers signed in through Keycloak%n", sessions);

            List<String> warmUp = issue(db, Math.min(500, cards / 4));
            Workers.run(sessions, warmUp.size(), (worker, i) -> shoppers.get(worker).redeem(warmUp.get(i)));
            Latencies bare = bareRequests(portal, sessions, cards * 3);
            Counted page = counted(db, cards, () -> Workers.run(sessions, cards,
                    (worker, i) -> shoppers.get(worker).get("/redeem").statusCode() == 200));
            List<String> codes = issue(db, cards);
            long mailsBefore = number(db, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'", 1);
            Counted redeem = counted(db, cards, () -> Workers.run(sessions, codes.size(),
                    (worker, i) -> shoppers.get(worker).redeem(codes.get(i))));
            double mailsEach = (number(db, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'", 1) - mailsBefore)
                    / (double) cards;
            Counted statements = redemptionStatementsOnly(db, sessions, cards);
            Optional<WrkLoad> wrk = WrkLoad.ifInstalled(work);
            WrkResults withWrk = wrk.isPresent() ? withWrk(wrk.get(), portal, db, shoppers) : null;
            // Enough commits that the ceiling is measured over seconds, not a blip.
            Latencies ceiling = durableOneRowTransactions(db, sessions, Math.max(cards, 50_000));
            // The same commits without the log flush: what durability itself costs on this disk.
            Latencies unflushed = withoutLogFlush(db, () -> durableOneRowTransactions(db, sessions,
                    Math.max(cards, 50_000)));

            Map<String, Latencies> history = historyPages(stack, portal, db);

            System.out.println();
            System.out.printf("Bare HTTP GET (static file, no session): %s%n", bare.summary());
            System.out.printf("Signed-in page GET /redeem, %d sessions:  %s%n", sessions, page.summary());
            System.out.printf("Redeem over HTTP, %d sessions:         %s%n", sessions, redeem.summary());
            System.out.printf("Redeem's SQL alone, %d connections:    %s%n", sessions, statements.summary());
            System.out.printf("MariaDB one-row commit, %d connections:  %s%n", sessions, ceiling.summary());
            System.out.printf("  the same without log flush:          %s%n", unflushed.summary());
            System.out.printf("Ratio redeem / ceiling: %.2f (goal >= 0.5)%n", redeem.perSecond() / ceiling.perSecond());
            System.out.printf("  for reference: bare HTTP / ceiling %.2f, signed-in page / ceiling %.2f,"
                    + " redeem / signed-in page %.2f, ceiling flushed / unflushed %.2f%n",
                    bare.perSecond() / ceiling.perSecond(), page.perSecond() / ceiling.perSecond(),
                    redeem.perSecond() / page.perSecond(), ceiling.perSecond() / unflushed.perSecond());
            System.out.printf("  statements sent to MariaDB: %.1f per page, %.1f per redemption, %.1f per redemption's"
                    + " SQL alone, 1 per one-row commit%n", page.statementsEach(), redeem.statementsEach(),
                    statements.statementsEach());
            System.out.printf("  of a redemption's: its confirmation mail sent during the phase, %.2f per redemption"
                    + " (16 statements each, after the answer: see ops.StatementBudgetTest)%n", mailsEach);
            System.out.printf("  redeem's SQL alone / ceiling %.2f: the most any portal could reach with these"
                    + " statements; redeem / its SQL alone %.2f%n", statements.perSecond() / ceiling.perSecond(),
                    redeem.perSecond() / statements.perSecond());
            System.out.println();
            if (withWrk == null) {
                System.out.println("wrk is not installed (apt-get install wrk): the loads were not repeated with it.");
            } else {
                System.out.println("The same loads from wrk, a load generator in C that leaves the cores to the portal:");
                System.out.printf("Bare HTTP GET (static file, no session): %s%n", withWrk.bare().summary());
                System.out.printf("Signed-in page GET /redeem, %d sessions:  %s%n", sessions, withWrk.page().summary());
                System.out.printf("Redeem over HTTP, %d sessions:         %s%n", sessions, withWrk.redeem().summary());
                System.out.printf("Ratio signed-in page / bare static GET with wrk: %.2f (must >= 0.37, aim >= 0.5)%n",
                        withWrk.page().perSecond() / withWrk.bare().perSecond());
                System.out.printf("Ratio redeem / its SQL alone with wrk: %.2f (must >= 0.39, aim >= 0.5)%n",
                        withWrk.redeem().perSecond() / statements.perSecond());
                System.out.printf("Ratio redeem / ceiling with wrk: %.2f (goal >= 0.5); bare HTTP / ceiling %.2f,"
                        + " signed-in page / ceiling %.2f, redeem / redeem's SQL alone %.2f%n",
                        withWrk.redeem().perSecond() / ceiling.perSecond(),
                        withWrk.bare().perSecond() / ceiling.perSecond(),
                        withWrk.page().perSecond() / ceiling.perSecond(),
                        withWrk.redeem().perSecond() / statements.perSecond());
            }
            System.out.println();
            history.forEach((name, latencies) -> System.out.printf("Balance page, %-28s %s%n", name + ":",
                    latencies.summary()));
            System.out.printf("Ratio p50 1,000,000 entries / 100 entries: %.2f (goal <= 1.1)%n",
                    history.get("1,000,000 entries").percentileMillis(50) / history.get("100 entries").percentileMillis(50));
            System.out.printf("Ratio p50 1,000,000 / 100, filtered by type: %.2f (goal <= 1.1)%n",
                    history.get("1,000,000 entries, purchases").percentileMillis(50)
                            / history.get("100 entries, purchases").percentileMillis(50));
        }
    }

    /**
     * The balance page of an account with 100 entries against one with 1,000,000, requests alternating between the
     * two so both see the same machine.
     */
    private static Map<String, Latencies> historyPages(LocalStack stack, String portal, Map<String, String> db)
            throws Exception {
        ShopperSession small = signedInWithHistory(stack, portal, db, "history-small", 100);
        ShopperSession large = signedInWithHistory(stack, portal, db, "history-large", 1_000_000);
        Map<String, Latencies> results = new java.util.LinkedHashMap<>();
        for (String filter : new String[] {"", "?type=PURCHASE"}) {
            String path = "/balance" + filter;
            int rounds = 1500;
            long[] smallNanos = new long[rounds];
            long[] largeNanos = new long[rounds];
            long smallWall = 0;
            long largeWall = 0;
            for (int i = 0; i < rounds; i++) {
                long begin = System.nanoTime();
                expectOk(small.get(path));
                smallNanos[i] = System.nanoTime() - begin;
                smallWall += smallNanos[i];
                begin = System.nanoTime();
                expectOk(large.get(path));
                largeNanos[i] = System.nanoTime() - begin;
                largeWall += largeNanos[i];
            }
            String suffix = filter.isEmpty() ? "" : ", purchases";
            results.put("100 entries" + suffix, new Latencies(smallNanos, smallWall));
            results.put("1,000,000 entries" + suffix, new Latencies(largeNanos, largeWall));
        }
        return results;
    }

    private static void expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().contains("Your activity, newest first")) {
            throw new IllegalStateException("Balance page answered " + response.statusCode());
        }
    }

    /** A signed-in shopper whose ledger holds {@code entries} entries (a purchase every tenth), written by JDBC. */
    private static ShopperSession signedInWithHistory(LocalStack stack, String portal, Map<String, String> db,
            String username, int entries) throws Exception {
        stack.keycloakAdmin().createUser(username, "History", "Bench", "US", "pw-" + username, List.of());
        ShopperSession session = new ShopperSession(portal);
        session.signIn(username, "pw-" + username);
        try (Connection connection = connect(db)) {
            connection.setAutoCommit(false);
            long accountId;
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT id FROM account WHERE email = ?")) {
                find.setString(1, username + "@example.test");
                java.sql.ResultSet row = find.executeQuery();
                row.next();
                accountId = row.getLong(1);
            }
            long balance = 0;
            long redeemed = 0;
            long spent = 0;
            Instant start = Instant.now().minus(Duration.ofDays(365));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry (account_id,"
                    + " entry_type, amount_minor, balance_after_minor, currency, description, created_at)"
                    + " VALUES (?, ?, ?, ?, 'USD', ?, ?)")) {
                for (int i = 0; i < entries; i++) {
                    boolean purchase = i % 10 == 9;
                    long amount = purchase ? -500 : 1_000;
                    balance += amount;
                    redeemed += purchase ? 0 : amount;
                    spent += purchase ? -amount : 0;
                    insert.setLong(1, accountId);
                    // Credits as adjustments: a redemption entry names its card, and a million cards would only slow
                    // the set-up (the page reads entries alike, whatever their type).
                    insert.setString(2, purchase ? "PURCHASE" : "ADJUSTMENT");
                    insert.setLong(3, amount);
                    insert.setLong(4, balance);
                    insert.setString(5, purchase ? "Purchase" : "Adjustment by customer support");
                    // Spread over the past year, however many there are.
                    insert.setTimestamp(6, Timestamp.from(start.plusMillis(i * (365L * 86_400_000L / entries))));
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE account SET balance_minor = ?,"
                    + " total_redeemed_minor = ?, total_spent_minor = ?, last_activity_at = ? WHERE id = ?")) {
                update.setLong(1, balance);
                update.setLong(2, redeemed);
                update.setLong(3, spent);
                update.setTimestamp(4, Timestamp.from(start.plusSeconds((entries - 1) * 300L)));
                update.setLong(5, accountId);
                update.executeUpdate();
            }
            connection.commit();
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE TABLE ledger_entry");
            }
        }
        return session;
    }

    static List<ShopperSession> signIn(LocalStack stack, String portal, int count)
            throws IOException, InterruptedException {
        return signIn(stack, portal, count, "bench");
    }

    /** Creates {@code count} shoppers named {@code prefix}0, 1, ... and signs each in once. */
    static List<ShopperSession> signIn(LocalStack stack, String portal, int count, String prefix)
            throws IOException, InterruptedException {
        List<ShopperSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = prefix + i;
            String password = "bench-pass-" + i;
            stack.keycloakAdmin().createUser(username, "Bench", "Shopper" + i, "US", password, List.of());
            ShopperSession session = new ShopperSession(portal);
            session.signIn(username, password);
            sessions.add(session);
        }
        return sessions;
    }

    /** Active US cards of $50, written straight to the database in batches; returns their codes. */
    static List<String> issue(Map<String, String> db, int count) throws SQLException {
        return issueCards(db, count).stream().map(BenchCard::code).toList();
    }

    /** A card the bench issued: its code as typed, and the hash it is stored under. */
    record BenchCard(String code, byte[] hash) {
    }

    private static List<BenchCard> issueCards(Map<String, String> db, int count) throws SQLException {
        List<BenchCard> cards = new ArrayList<>(count);
        try (Connection connection = connect(db); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO gift_card (code_hash, code_last4, amount_minor, currency, region, status, issued_at,"
                        + " batch_reference, card_number) VALUES (?, ?, 5000, 'USD', 'US', 'ACTIVE', ?, 'bench', ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                ClaimCode code = ClaimCode.generate();
                BenchCard card = new BenchCard(code.formatted(), HASHER.hash(code));
                insert.setBytes(1, card.hash());
                insert.setString(2, code.lastFour());
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setString(4, org.giftportal.card.CardNumber.generate("9990").digits());
                insert.addBatch();
                cards.add(card);
            }
            insert.executeBatch();
            connection.commit();
        }
        return cards;
    }

    record WrkResults(WrkLoad.Result bare, WrkLoad.Result page, WrkLoad.Result redeem) {
    }

    /** The bare request, the page and redeeming, driven by wrk; every redeem request must have redeemed a card. */
    private static WrkResults withWrk(WrkLoad wrk, String portal, Map<String, String> db,
            List<ShopperSession> shoppers) throws Exception {
        WrkLoad.Result bare = wrk.bare(portal + "/favicon.svg", shoppers.size());
        WrkLoad.Result page = wrk.shoppers(portal, shoppers, List.of(), "page");
        // More codes than 8 seconds can use up, each shopper its own.
        int perShopper = 1_500;
        List<String> codes = issue(db, shoppers.size() * perShopper);
        List<List<String>> codesPerShopper = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            codesPerShopper.add(codes.subList(i * perShopper, (i + 1) * perShopper));
        }
        long redeemedBefore = redeemedCards(db);
        WrkLoad.Result redeem = wrk.shoppers(portal, shoppers, codesPerShopper, "redeem");
        long redeemed = redeemedCards(db) - redeemedBefore;
        // Requests still under way when wrk stops are not counted by it, but may have redeemed their card.
        if (redeemed < redeem.requests() || redeemed > redeem.requests() + shoppers.size() || redeem.errors() > 0) {
            throw new IllegalStateException("wrk sent " + redeem.requests() + " redemptions (" + redeem.errors()
                    + " errors) but " + redeemed + " cards were redeemed");
        }
        return new WrkResults(bare, page, redeem);
    }

    private static long redeemedCards(Map<String, String> db) throws SQLException {
        return number(db, "SELECT COUNT(*) FROM gift_card WHERE status = 'REDEEMED'", 1);
    }

    /**
     * The cheapest request the portal can answer: a static file, no session cookie, nothing looked up. No page can
     * be served faster than this on the same machine, whatever it does.
     */
    private static Latencies bareRequests(String portal, int workers, int total) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest favicon = HttpRequest.newBuilder(URI.create(portal + "/favicon.svg")).build();
        return Workers.run(workers, total,
                (worker, i) -> http.send(favicon, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    interface Measurement {
        Latencies run() throws Exception;
    }

    /** Runs a measurement with InnoDB writing its log at commit but not flushing it to disk. */
    private static Latencies withoutLogFlush(Map<String, String> db, Measurement measurement) throws Exception {
        try (Connection admin = connect(db); Statement statement = admin.createStatement()) {
            statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            try {
                return measurement.run();
            } finally {
                statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
            }
        }
    }

    /**
     * The statements of one redemption as the portal sends them (lock check, card and account
     * locked, card, ledger and balance written, one commit), straight over JDBC with no portal in between: the
     * database's share of a redemption, which no portal can go below.
     */
    private static Counted redemptionStatementsOnly(Map<String, String> db, int workers, int total)
            throws Exception {
        List<byte[]> hashes = issueCards(db, total).stream().map(BenchCard::hash).toList();
        List<Long> accounts = new ArrayList<>();
        try (Connection connection = connect(db); Statement query = connection.createStatement();
                java.sql.ResultSet rows = query.executeQuery("SELECT id FROM account WHERE email LIKE 'bench%'"
                        + " ORDER BY id LIMIT " + workers)) {
            while (rows.next()) {
                accounts.add(rows.getLong(1));
            }
        }
        List<RedemptionStatements> perWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            perWorker.add(new RedemptionStatements(connect(db), accounts.get(w % accounts.size())));
        }
        try {
            return counted(db, total,
                    () -> Workers.run(workers, total, (worker, i) -> perWorker.get(worker).redeem(hashes.get(i))));
        } finally {
            for (RedemptionStatements statements : perWorker) {
                statements.close();
            }
        }
    }

    /** A measurement, and how many statements MariaDB received per operation while it ran. */
    record Counted(Latencies latencies, double statementsEach) {
        double perSecond() {
            return latencies.perSecond();
        }

        String summary() {
            return latencies.summary();
        }
    }

    private static Counted counted(Map<String, String> db, int operations, Measurement measurement)
            throws Exception {
        // An earlier phase's confirmation mails, still being sent, are not this phase's statements.
        awaitOutboxEmpty(db);
        long before = statementsReceived(db);
        Latencies latencies = measurement.run();
        // Less the one SHOW STATUS of the count itself.
        return new Counted(latencies, (statementsReceived(db) - before - 1) / (double) operations);
    }

    private static void awaitOutboxEmpty(Map<String, String> db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (number(db, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'", 1) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** MariaDB's count of statements received from all clients since it started. */
    private static long statementsReceived(Map<String, String> db) throws SQLException {
        return number(db, "SHOW GLOBAL STATUS LIKE 'Questions'", 2);
    }

    /** One number from the first row a query returns, on a connection of its own. */
    private static long number(Map<String, String> db, String sql, int column) throws SQLException {
        try (Connection connection = connect(db); Statement query = connection.createStatement();
                java.sql.ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(column);
        }
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
