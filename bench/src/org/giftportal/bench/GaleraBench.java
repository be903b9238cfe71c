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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

/**
 * The portal on a three-node MariaDB Galera cluster, with three packaged instances, in the two ways a deployment may
 * spread them: every instance writing to the same node (the others as synchronous standbys), and each instance on its
 * own node (every node a writer). Runs the races a multi-primary cluster turns into commit-time conflicts, kills a
 * node under load in each mode, and compares throughput. Prints what shoppers saw (answers by status; error responses
 * must be 0), what the money saw (double credits and money check violations must be 0), and the ratio.
 *
 * <p>Arguments: shoppers (default 15), codes raced for (default 100), cards per burst (default 600).
 */
public final class GaleraBench {
    private static final String BENCH_ONLY_SECRET = "BENCH-ONLY-claim-code-secret-throwaway-stack";
    private static final ClaimCodeHasher HASHER = ClaimCodeHasher.withSecret(BENCH_ONLY_SECRET);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final int INSTANCES = 3;

    private final GaleraCluster cluster;
    private final LocalStack stack;
    private final PortalInstance.Secrets secrets;
    private final Path work;
    private final int[] ports = new int[INSTANCES];
    private final List<PortalInstance> instances = new CopyOnWriteArrayList<>();
    /** Every answer of every scenario that was an error: a 5xx page or no answer at all. */
    private final Map<String, AtomicInteger> errors = new LinkedHashMap<>();

    private GaleraBench(GaleraCluster cluster, LocalStack stack, PortalInstance.Secrets secrets, Path work,
            int[] ports) {
        this.cluster = cluster;
        this.stack = stack;
        this.secrets = secrets;
        this.work = work;
        System.arraycopy(ports, 0, this.ports, 0, INSTANCES);
    }

    public static void main(String[] args) throws Exception {
        int shoppers = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int raced = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        Instant began = Instant.now();
        // Stopped from outside (Ctrl-C, kill) at any point: every process the bench started goes with it (nodes,
        // their state transfers, Keycloak, instances). After a normal end there are none left, and this does nothing.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly), "galera-bench-stop"));
        Path work = Path.of("target", "bench-galera").toAbsolutePath();
        Files.createDirectories(work);
        // The nodes' folders belong to the mysql user, so they live where every user can reach them.
        Path clusterRoot = Path.of(System.getProperty("java.io.tmpdir"), "giftportal-galera-bench");
        String databasePassword = "throwaway-" + UUID.randomUUID();
        int[] ports = new int[INSTANCES];
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            ports[i] = Ports.freeLoopbackPort();
            urls.add("http://localhost:" + ports[i]);
        }
        System.out.println("Starting a three-node Galera cluster (Debian's mariadb-server and galera-4)...");
        try (GaleraCluster cluster = GaleraCluster.start(clusterRoot, INSTANCES, databasePassword)) {
            System.out.printf("  all three nodes Synced, cluster size 3, in %.1f s (MariaDB %s, Galera %s; node data in"
                    + " %s)%n", seconds(began), cluster.version(), cluster.status(cluster.nodes().get(0),
                    "wsrep_provider_version"), clusterRoot);
            System.out.println("Starting Keycloak...");
            try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, urls,
                    Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"),
                    cluster.settings(List.of(cluster.nodes().get(0))))) {
                PortalInstance.Secrets random = PortalInstance.Secrets.random();
                PortalInstance.Secrets secrets = new PortalInstance.Secrets(BENCH_ONLY_SECRET,
                        random.sessionCookies(), random.signInState(), databasePassword, random.codeMail());
                GaleraBench bench = new GaleraBench(cluster, stack, secrets, work, ports);
                try {
                    bench.run(shoppers, raced, burst);
                } finally {
                    bench.stopInstances();
                }
            }
        }
        System.out.printf("%nThe whole run took %.0f s.%n", seconds(began));
    }

    private void run(int shopperCount, int raced, int burst) throws Exception {
        migrationRefusedWithoutTrust();

        System.out.println("\nOne writer: every instance lists the nodes in the same order (node 1, then 2, then 3):");
        migrate();
        startInstances(false);
        List<ShopperSession> shoppers = Bench.signIn(stack, instances.get(0).url(), shopperCount, "galera");
        double oneWriter = throughput("throughput, every instance writing to node 1", shoppers, burst);
        nodeKilledDuringBurst(shoppers, burst, 0);
        stopInstances();

        System.out.println("\nEvery node a writer: each instance prefers its own node, then the next ones:");
        startInstances(true);
        double everyNode = throughput("throughput, one instance per node", shoppers, burst);
        System.out.printf("  redemptions per second, every node a writer / one writer: %.2f%n", everyNode / oneWriter);
        sameCodesRaced(shoppers, raced);
        wrongCodesSpread(Bench.signIn(stack, instances.get(0).url(), 1, "galera-guesser").get(0));
        holdsAndRefundsRaced();
        nodeKilledDuringBurst(shoppers, burst, INSTANCES - 1);
        summary();
    }

    // ---- Start-up on a cluster ----------------------------------------------------------------------------------

    /**
     * The first instance migrates the empty database. With log_bin_trust_function_creators off (the server's default)
     * on a node with binary logging, MariaDB refuses the ledger's triggers: the portal must stop before that migration
     * with a message that says what to do, and leave no half-applied migration behind.
     */
    private void migrationRefusedWithoutTrust() throws Exception {
        GaleraCluster.Node first = cluster.nodes().get(0);
        cluster.setGlobal(first, "log_bin_trust_function_creators", "0");
        Path log = work.resolve("refused-start.log");
        System.out.println("\nFirst start with log_bin_trust_function_creators=0 on its node:");
        try {
            PortalProcess.start(settings(List.of(first)), ports[0], secrets, log).close();
            System.out.println("  UNEXPECTED: the portal started");
            errors.computeIfAbsent("migration guard", k -> new AtomicInteger()).incrementAndGet();
        } catch (IllegalStateException exited) {
            String said = Files.readAllLines(log).stream().filter(line -> line.contains("log_bin_trust_function"))
                    .findFirst().orElse("(no line names log_bin_trust_function_creators)");
            System.out.println("  the portal stopped: " + said.strip().replaceAll("^.*?(Migration|The database)",
                    "$1"));
        }
        try (Connection connection = Bench.connect(settings(List.of(first)))) {
            System.out.printf("  migrations applied before it stopped: %d; failed (half-applied) migrations: %d, tables"
                    + " of the refused migration present: %d (both must be 0)%n",
                    number(connection, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"),
                    number(connection, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"),
                    number(connection, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema ="
                            + " DATABASE() AND table_name IN ('gift_card', 'ledger_entry', 'claim_guard')"));
        }
        cluster.setGlobal(first, "log_bin_trust_function_creators", "1");
        try (Connection connection = Bench.connect(settings(List.of(first)))) {
            if (number(connection, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success") > 0) {
                System.out.println("  the schema was left half-migrated: dropped by hand, as an operator would have to");
                cluster.recreateDatabase(first);
            }
        }
    }

    private Map<String, String> settings(List<GaleraCluster.Node> preferred) {
        Map<String, String> settings = new LinkedHashMap<>(stack.portalSettings());
        settings.putAll(cluster.settings(preferred));
        // Every bench shopper comes from 127.0.0.1: the address's own guessing budget is not what is measured.
        settings.put("PORTAL_CLAIM_LOCK_MAX_FAILURES_PER_ADDRESS", "1000000");
        return settings;
    }

    /**
     * Forgets every account's failed look-ups, as staff lifting the lock would: a shopper who loses a race for a card
     * has that look-up counted (someone else's card), and after five the claim-code lock rightly stops them.
     */
    private void liftClaimLocks() throws SQLException {
        try (Connection connection = Bench.connect(dbSettings())) {
            connection.createStatement().executeUpdate("DELETE FROM claim_failure");
            connection.createStatement().executeUpdate("UPDATE claim_guard SET locked_until = NULL, failures = 0,"
                    + " window_started_at = NULL");
        }
    }

    /**
     * Migrates once, as a step of its own (the packaged portal with QUARKUS_INIT_AND_EXIT, as the Kubernetes Job runs
     * it: Flyway's lock is a node's GET_LOCK, which other nodes don't see), then starts the three instances at once
     * with migrations off, as replicas start.
     */
    private void migrate() throws Exception {
        Map<String, String> step = new LinkedHashMap<>(PortalInstance.productionSettings(
                settings(List.of(cluster.nodes().get(0))), secrets, work.resolve("attachments")));
        step.put("QUARKUS_INIT_AND_EXIT", "true");
        Instant started = Instant.now();
        int exit = PortalInstance.runToExit(step, work.resolve("migration-step.log"), Duration.ofMinutes(3));
        System.out.printf("  the migration step (QUARKUS_INIT_AND_EXIT=true) exited with %d after %.1f s%n", exit,
                seconds(started));
        if (exit != 0) {
            throw new IllegalStateException("The migration step failed; see " + work.resolve("migration-step.log"));
        }
    }

    /** @param ownNode each instance prefers its own node; otherwise all list the nodes in the same order */
    private void startInstances(boolean ownNode) throws Exception {
        Instant started = Instant.now();
        ExecutorService starting = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<PortalInstance>> ready = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                List<GaleraCluster.Node> hosts = ownNode ? cluster.preferring(i) : cluster.nodes();
                Map<String, String> settings = settings(hosts);
                settings.put("QUARKUS_FLYWAY_ACTIVE", "false");
                Path log = work.resolve((ownNode ? "per-node-" : "one-writer-") + (i + 1) + ".log");
                int port = ports[i];
                ready.add(starting.submit(() -> PortalProcess.start(settings, port, secrets, log)));
            }
            for (Future<PortalInstance> instance : ready) {
                instances.add(instance.get(5, TimeUnit.MINUTES));
            }
        } finally {
            starting.shutdown();
        }
        System.out.printf("  three instances started at once (migrations off) and ready in %.1f s%n",
                seconds(started));
    }

    private synchronized void stopInstances() {
        instances.forEach(PortalInstance::close);
        instances.clear();
    }

    // ---- Scenarios ----------------------------------------------------------------------------------------------

    /** Every card redeemed once, shoppers in parallel, the instances in turn; redemptions per second. */
    private double throughput(String scenario, List<ShopperSession> shoppers, int cards) throws Exception {
        List<String> codes = Bench.issue(dbSettings(), cards);
        warmUp(shoppers);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Instant started = Instant.now();
        parallel(shoppers.size(), shopper -> {
            for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
                count(statuses, shoppers.get(shopper).redeemAt(instances.get(i % INSTANCES).url(), codes.get(i)));
            }
        });
        double perSecond = codes.size() / seconds(started);
        System.out.printf("  %s: %d cards in %.1f s, %.0f redemptions/s; answers %s%n", scenario, codes.size(),
                seconds(started), perSecond, statuses);
        countErrors(scenario, statuses);
        return perSecond;
    }

    /** A few redemptions through every instance first, so each burst measures warm instances. */
    private void warmUp(List<ShopperSession> shoppers) throws Exception {
        List<String> codes = Bench.issue(dbSettings(), INSTANCES * 20);
        for (int i = 0; i < codes.size(); i++) {
            shoppers.get(i % shoppers.size()).redeemAt(instances.get(i % INSTANCES).url(), codes.get(i));
        }
    }

    /**
     * Each code typed by every shopper at the same instant, each shopper's form sent twice (two tabs, the same form)
     * to two different instances: one shopper must get the card once, both of their tabs the confirmation; everyone
     * else the normal "already redeemed" answer.
     */
    private void sameCodesRaced(List<ShopperSession> shoppers, int codesCount) throws Exception {
        List<String> codes = Bench.issue(dbSettings(), codesCount);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicInteger winnersTold = new AtomicInteger();
        AtomicInteger winnersNotTold = new AtomicInteger();
        AtomicInteger confirmationsElsewhere = new AtomicInteger();
        Instant started = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(shoppers.size() * 2);
        try {
            for (int c = 0; c < codes.size(); c++) {
                String code = codes.get(c);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<int[]>> answers = new ArrayList<>();
                for (int s = 0; s < shoppers.size(); s++) {
                    ShopperSession shopper = shoppers.get(s);
                    String requestId = UUID.randomUUID().toString();
                    for (int tab = 0; tab < 2; tab++) {
                        String target = instances.get((s + c + tab) % INSTANCES).url();
                        int shopperIndex = s;
                        answers.add(pool.submit(() -> {
                            go.await();
                            return new int[] {shopperIndex, shopper.redeemWith(target, code, requestId)};
                        }));
                    }
                }
                go.countDown();
                Map<Integer, List<Integer>> byShopper = new TreeMap<>();
                for (Future<int[]> answer : answers) {
                    int[] got = answer.get(2, TimeUnit.MINUTES);
                    count(statuses, got[1]);
                    byShopper.computeIfAbsent(got[0], k -> new ArrayList<>()).add(got[1]);
                }
                int winner = winnerOf(code);
                if (winner >= 0 && byShopper.get(winner).stream().allMatch(status -> status == 303)) {
                    winnersTold.incrementAndGet();
                    // Read through the one instance neither of the winner's tabs used.
                    if (shoppers.get(winner).confirmationShownAt(instances.get((winner + c + 2) % INSTANCES).url())) {
                        confirmationsElsewhere.incrementAndGet();
                    }
                } else if (winner >= 0) {
                    winnersNotTold.incrementAndGet();
                    System.out.printf("    the winner (%s) of a card got %s%n", shoppers.get(winner).username(),
                            byShopper.get(winner));
                }
                liftClaimLocks();
            }
        } finally {
            pool.shutdownNow();
        }
        long attempts = statuses.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%n  the same code from %d shoppers at once, each form sent to two instances (%d codes):%n",
                shoppers.size(), codes.size());
        System.out.printf("    attempts %d in %.1f s; answers %s (303: confirmation, 422: already redeemed, 429: locked)%n",
                attempts, seconds(started), statuses);
        System.out.printf("    winners whose both tabs showed the confirmation: %d; winners told otherwise: %d"
                + " (must be 0)%n", winnersTold.get(), winnersNotTold.get());
        System.out.printf("    each winner's confirmation then read through the third instance: shown %d of %d%n",
                confirmationsElsewhere.get(), winnersTold.get());
        countErrors("same code raced", statuses);
        errors.computeIfAbsent("winner told otherwise", k -> new AtomicInteger()).addAndGet(winnersNotTold.get());
    }

    /** Which bench shopper (by its number) the card was credited to, or -1. */
    private int winnerOf(String code) throws SQLException {
        try (Connection connection = Bench.connect(dbSettings()); PreparedStatement query = connection.prepareStatement(
                "SELECT a.subject, a.email FROM gift_card c JOIN account a ON a.id = c.redeemed_by_account_id"
                        + " WHERE c.code_hash = ?")) {
            query.setBytes(1, HASHER.hash(ClaimCode.parse(code).code()));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return -1;
                }
                Matcher number = Pattern.compile("galera(\\d+)@").matcher(row.getString(2));
                return number.find() ? Integer.parseInt(number.group(1)) : -1;
            }
        }
    }

    /**
     * Sixty well-formed codes that match no card, from one account, all at once, spread over the instances: the
     * claim-code lock must count exactly its budget of failures and then refuse, on every node.
     */
    private void wrongCodesSpread(ShopperSession guesser) throws Exception {
        liftClaimLocks();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        parallel(60, i -> {
            go.await();
            count(statuses, guesser.redeemAt(instances.get(i % INSTANCES).url(), ClaimCode.generate().formatted()));
        }, go::countDown);
        long failures;
        try (Connection connection = Bench.connect(dbSettings())) {
            failures = number(connection, "SELECT COUNT(*) FROM claim_failure f JOIN account a"
                    + " ON f.scope_key = CONCAT('account:', a.id) WHERE a.email LIKE 'galera-guesser%'");
        }
        System.out.printf("%n  60 wrong codes from one account at once over three instances: answers %s"
                + " (422: no such card, 429: locked); failures counted %d (must be 5)%n", statuses, failures);
        countErrors("wrong codes", statuses);
        if (failures != 5) {
            errors.computeIfAbsent("claim lock miscounted", k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * The store API on one account through all three instances at once: thirty-two $5 hold requests on a $100 balance
     * (two of them with one Idempotency-Key, sent to two instances; at most twenty holds fit), a capture of every hold
     * placed, and sixteen $3 refunds of one $5 capture (one fits).
     */
    private void holdsAndRefundsRaced() throws Exception {
        String account = HoldBench.accounts(dbSettings(), 1, 10_000).get(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = token(http);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        CopyOnWriteArrayList<String> holds = new CopyOnWriteArrayList<>();
        String sharedKey = UUID.randomUUID().toString();
        CountDownLatch go = new CountDownLatch(1);
        parallel(32, i -> {
            go.await();
            String key = i >= 30 ? sharedKey : UUID.randomUUID().toString();
            HttpResponse<String> hold = HoldBench.post(http, api(i, "holds"), token, key, "{\"account\":\"" + account
                    + "\",\"currency\":\"USD\",\"orderReference\":\"G-" + (i >= 30 ? "shared" : i) + "\",\"amount\":500}");
            count(statuses, hold.statusCode());
            Matcher id = ID.matcher(hold.body());
            if (hold.statusCode() == 201 && id.find()) {
                holds.addIfAbsent(id.group(1));
            }
        }, go::countDown);
        List<String> captures = new CopyOnWriteArrayList<>();
        parallel(holds.size(), i -> {
            HttpResponse<String> capture = HoldBench.post(http, api(i, "holds/" + holds.get(i) + "/capture"), token,
                    UUID.randomUUID().toString(), "{}");
            count(statuses, capture.statusCode());
            Matcher id = ID.matcher(capture.body());
            if (capture.statusCode() == 201 && id.find()) {
                captures.add(id.group(1));
            }
        });
        CountDownLatch refundsGo = new CountDownLatch(1);
        Map<Integer, Long> refunds = new ConcurrentHashMap<>();
        if (!captures.isEmpty()) {
            parallel(16, i -> {
                refundsGo.await();
                HttpResponse<String> refund = HoldBench.post(http, api(i, "captures/" + captures.get(0) + "/refunds"),
                        token, UUID.randomUUID().toString(), "{\"amount\":300}");
                count(refunds, refund.statusCode());
            }, refundsGo::countDown);
        }
        long held;
        long captured;
        long refunded;
        long balance;
        try (Connection connection = Bench.connect(dbSettings())) {
            String ofAccount = " JOIN account a ON a.id = h.account_id WHERE a.subject = '" + account + "'";
            held = number(connection, "SELECT COALESCE(SUM(h.amount_minor), 0) FROM store_hold h" + ofAccount
                    + " AND h.status IN ('ACTIVE', 'CAPTURED')");
            captured = number(connection, "SELECT COALESCE(SUM(h.amount_minor), 0) FROM store_capture h" + ofAccount);
            refunded = number(connection, "SELECT COALESCE(SUM(r.amount_minor), 0) FROM store_refund r"
                    + " WHERE r.capture_id = " + (captures.isEmpty() ? 0 : captures.get(0)));
            balance = number(connection, "SELECT balance_minor FROM account WHERE subject = '" + account + "'");
        }
        System.out.printf("%n  store API on one $100.00 account over three instances (32 hold requests of $5.00, two of"
                + " them with one Idempotency-Key, then a capture of each hold): answers %s; held or captured %s"
                + " (at most 100.00), captured %s; 16 refunds of $3.00 on one $5.00 capture: answers %s, refunded %s (at most 3.00); balance %s"
                + " (must be 100.00 - captured + refunded)%n", statuses, money(held), money(captured), refunds,
                money(refunded), money(balance));
        countErrors("store API holds", statuses);
        countErrors("store API refunds", refunds);
        if (held > 10_000 || refunded > 300 || balance != 10_000 - captured + refunded) {
            errors.computeIfAbsent("store API money rule broken", k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * kill -9 of one node a quarter into a redemption burst: every instance must go on answering (those using that
     * node through the next one), and none with an error; then the node rejoins.
     */
    private void nodeKilledDuringBurst(List<ShopperSession> shoppers, int cards, int victimIndex) throws Exception {
        List<String> codes = Bench.issue(dbSettings(), cards);
        liftClaimLocks();
        GaleraCluster.Node victim = cluster.nodes().get(victimIndex);
        GaleraCluster.Node survivor = cluster.nodes().get((victimIndex + 1) % INSTANCES);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Instant started = Instant.now();
        double[] killedAt = new double[1];
        parallel(shoppers.size() + 1, worker -> {
            if (worker == shoppers.size()) {
                while (answers.size() < codes.size() / 4) {
                    Thread.sleep(5);
                }
                killedAt[0] = seconds(started);
                cluster.kill(victim);
                return;
            }
            for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
                int status = shoppers.get(worker).redeemAt(instances.get(i % INSTANCES).url(), codes.get(i));
                answers.put(codes.get(i), status);
                count(statuses, status);
            }
        });
        System.out.printf("%n  kill -9 of %s at %.1f s of a %d-card burst: answers %s in %.1f s%n", victim.name(),
                killedAt[0], codes.size(), statuses, seconds(started));
        System.out.printf("    cluster size afterwards: %s; instances ready: %s%n",
                cluster.status(survivor, "wsrep_cluster_size"),
                instances.stream().map(instance -> instance.isReady() ? "UP" : "DOWN").toList());
        countErrors(victim.name() + " killed", statuses);
        long acknowledgedMissing = 0;
        try (Connection connection = Bench.connect(dbSettings()); PreparedStatement entries = connection
                .prepareStatement("SELECT COUNT(e.id) FROM gift_card c LEFT JOIN ledger_entry e"
                        + " ON e.gift_card_id = c.id WHERE c.code_hash = ?")) {
            for (Map.Entry<String, Integer> answer : answers.entrySet()) {
                entries.setBytes(1, HASHER.hash(ClaimCode.parse(answer.getKey()).code()));
                try (ResultSet row = entries.executeQuery()) {
                    row.next();
                    if (answer.getValue() == 303 && row.getLong(1) != 1) {
                        acknowledgedMissing++;
                    }
                }
            }
        }
        System.out.printf("    confirmed redemptions missing from the ledger: %d (must be 0)%n", acknowledgedMissing);
        Duration rejoin = cluster.restart(victim);
        cluster.awaitClusterSize(INSTANCES, Duration.ofMinutes(2));
        System.out.printf("    %s started again and was Synced in %.1f s (state transfer: %s)%n", victim.name(),
                rejoin.toMillis() / 1000.0, stateTransfer(victim));
        if (acknowledgedMissing > 0) {
            errors.computeIfAbsent("confirmed but missing", k -> new AtomicInteger()).addAndGet((int) acknowledgedMissing);
        }
    }

    private static String stateTransfer(GaleraCluster.Node node) {
        try {
            List<String> log = Files.readAllLines(node.dir.resolve("error.log"));
            boolean ist = log.stream().anyMatch(line -> line.contains("IST received") || line.contains("Receiving IST"));
            return ist ? "incremental (IST)" : "full (SST)";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Money after everything: no card credited twice, every money check holds. */
    private void summary() throws Exception {
        long creditedTwice;
        List<MoneyChecks.CheckResult> checks;
        long redeemed;
        try (Connection connection = Bench.connect(dbSettings())) {
            creditedTwice = number(connection, "SELECT COUNT(*) FROM (SELECT gift_card_id FROM ledger_entry"
                    + " WHERE gift_card_id IS NOT NULL GROUP BY gift_card_id HAVING COUNT(*) > 1) t");
            redeemed = number(connection, "SELECT COUNT(*) FROM gift_card WHERE status = 'REDEEMED'");
            checks = MoneyChecks.run(connection);
        }
        long violations = checks.stream().mapToLong(MoneyChecks.CheckResult::mismatches).sum();
        int errorResponses = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("\nSummary:");
        System.out.printf("  cards redeemed %d; double credits: %d (must be 0)%n", redeemed, creditedTwice);
        System.out.printf("  ledger invariant violations: %d (must be 0)%n", violations);
        checks.stream().filter(check -> !check.holds()).forEach(check ->
                System.out.printf("    FAIL %s: %s%n", check.check(), check.examples()));
        System.out.printf("  error responses and broken promises: %d (goal 0) %s%n", errorResponses, errors);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    /** The bench's own connection, for seeding cards and counting: the first node that answers. */
    private Map<String, String> dbSettings() {
        return cluster.settings(cluster.nodes());
    }

    /** A store API address on the instance whose turn request {@code i} is. */
    private String api(int i, String path) {
        return instances.get(i % INSTANCES).url() + "/api/v1/" + path;
    }

    private String token(HttpClient http) throws Exception {
        return HoldBench.token(http, stack.keycloakUrl() + "/realms/gift-portal/protocol/openid-connect/token");
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} tasks on threads of their own; {@code ready} runs once all are waiting to start. */
    private static void parallel(int count, Task task, Runnable... ready) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            Thread.sleep(ready.length > 0 ? 200 : 0);
            for (Runnable start : ready) {
                start.run();
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void count(Map<Integer, Long> statuses, int status) {
        statuses.merge(status, 1L, Long::sum);
    }

    private void countErrors(String scenario, Map<Integer, Long> statuses) {
        long bad = statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500 || entry.getKey() < 0)
                .mapToLong(Map.Entry::getValue).sum();
        errors.computeIfAbsent(scenario, k -> new AtomicInteger()).addAndGet((int) bad);
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String money(long minor) {
        return String.format("%d.%02d", minor / 100, minor % 100);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
