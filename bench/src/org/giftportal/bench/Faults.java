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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.ledger.MoneyChecks;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

/**
 * Faults under load, counted: two production-profile instances on one database, shoppers redeeming through both;
 * then one instance is killed with kill -9 mid-burst, and the database is crashed and restarted mid-burst. Afterwards
 * every acknowledged redemption must be in the ledger, none twice, every money check must hold, and the portal must
 * have come back by itself (readiness DOWN while the database was away, UP after).
 *
 * <p>Arguments: cards per scenario (default 600), shoppers (default 16).
 */
public final class Faults {
    private static final String BENCH_ONLY_SECRET = "BENCH-ONLY-claim-code-secret-throwaway-stack";

    private Faults() {
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int shoppers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = Path.of("target", "bench-faults").toAbsolutePath();
        Files.createDirectories(work);
        int firstPort = Ports.freeLoopbackPort();
        int secondPort = Ports.freeLoopbackPort();
        String first = "http://localhost:" + firstPort;
        String second = "http://localhost:" + secondPort;
        System.out.println("Starting MariaDB, Keycloak and two portal instances...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false,
                List.of(first, second), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"))) {
            Map<String, String> db = stack.portalSettings();
            PortalInstance.Secrets secrets = PortalProcess.secrets(BENCH_ONLY_SECRET);
            PortalInstance killedLater = PortalProcess.start(db, firstPort, secrets, work.resolve("first.log"));
            PortalInstance a = killedLater;
            PortalInstance b = PortalProcess.start(db, secondPort, secrets, work.resolve("second.log"));
            try {
                List<ShopperSession> sessions = Bench.signIn(stack, first, shoppers);
                System.out.printf("%d shoppers signed in; their sessions work on both instances%n", shoppers);

                // A first burst without a fault: the instances warm up, so the faults strike at full speed.
                burst(sessions, Bench.issue(db, cards / 2), first, second, (alive, answers) -> { });
                Burst killed = burst(sessions, Bench.issue(db, cards), first, second, (alive, answers) -> {
                    awaitAnswers(answers, cards / 4);
                    killedLater.kill();
                    alive.set(false);
                });
                Instant restarting = Instant.now();
                a = PortalProcess.start(db, firstPort, secrets, work.resolve("first-restarted.log"));
                Duration restart = Duration.between(restarting, Instant.now());
                report("kill -9 of one instance during a redemption burst", killed, db, null);
                System.out.printf("  the killed instance started again and was ready in %.1f s%n",
                        restart.toMillis() / 1000.0);

                Readiness readiness = new Readiness(List.of(a, b));
                Burst crashed = burst(sessions, Bench.issue(db, cards), first, second, (alive, answers) -> {
                    awaitAnswers(answers, cards / 4);
                    readiness.mark("database killed (kill -9 of mariadbd)");
                    stack.restartDatabase(true, Duration.ofSeconds(5));
                    readiness.mark("database started again");
                });
                readiness.awaitAllReady(Duration.ofMinutes(2));
                readiness.stop();
                report("MariaDB crashed and restarted during a redemption burst", crashed, db, readiness);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    interface Fault {
        /** Strikes during the burst; {@code answers} fills as the shoppers get their answers. */
        void strike(AtomicBoolean firstAlive, Map<String, Integer> answers) throws Exception;
    }

    private static void awaitAnswers(Map<String, Integer> answers, int count) throws InterruptedException {
        while (answers.size() < count) {
            Thread.sleep(5);
        }
    }

    /** What the shoppers saw: each card's answer, by status (-1: no answer at all). */
    record Burst(Map<String, Integer> answers, Duration took) {
        long count(int status) {
            return answers.values().stream().filter(answer -> answer == status).count();
        }

        Set<String> acknowledged() {
            return answers.entrySet().stream().filter(entry -> entry.getValue() == 303).map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Every card redeemed once, by the shoppers in turn, through both instances, while the fault strikes. */
    private static Burst burst(List<ShopperSession> sessions, List<String> codes, String first, String second,
            Fault fault) throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean firstAlive = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size() + 1);
        Instant started = Instant.now();
        for (int s = 0; s < sessions.size(); s++) {
            ShopperSession session = sessions.get(s);
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
                    // A load balancer's choice: both instances in turn, only the survivor once one is known dead.
                    String target = i % 2 == 0 && firstAlive.get() ? first : second;
                    answers.put(codes.get(i), session.redeemAt(target, codes.get(i)));
                }
                return null;
            });
        }
        pool.submit(() -> {
            fault.strike(firstAlive, answers);
            return null;
        });
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The burst did not finish within 10 minutes");
        }
        return new Burst(answers, Duration.between(started, Instant.now()));
    }

    private static void report(String scenario, Burst burst, Map<String, String> db, Readiness readiness)
            throws Exception {
        ClaimCodeHasher hasher = ClaimCodeHasher.withSecret(BENCH_ONLY_SECRET);
        long acknowledgedMissing = 0;
        long creditedWithoutAnswer = 0;
        long creditedTwice;
        List<MoneyChecks.CheckResult> checks;
        try (Connection connection = Bench.connect(db);
                PreparedStatement entries = connection.prepareStatement("SELECT COUNT(e.id) FROM gift_card c"
                        + " LEFT JOIN ledger_entry e ON e.gift_card_id = c.id WHERE c.code_hash = ?")) {
            for (Map.Entry<String, Integer> answer : burst.answers().entrySet()) {
                entries.setBytes(1, hasher.hash(ClaimCode.parse(answer.getKey()).code()));
                try (ResultSet row = entries.executeQuery()) {
                    row.next();
                    long credited = row.getLong(1);
                    if (answer.getValue() == 303 && credited != 1) {
                        acknowledgedMissing++;
                    }
                    if (answer.getValue() != 303 && credited > 0) {
                        creditedWithoutAnswer++;
                    }
                }
            }
            try (ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM (SELECT gift_card_id"
                    + " FROM ledger_entry WHERE gift_card_id IS NOT NULL GROUP BY gift_card_id HAVING COUNT(*) > 1) t")) {
                row.next();
                creditedTwice = row.getLong(1);
            }
            checks = MoneyChecks.run(connection);
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        burst.answers().values().forEach(status -> byStatus.merge(status, 1L, Long::sum));
        long violations = checks.stream().mapToLong(MoneyChecks.CheckResult::mismatches).sum();
        System.out.println();
        System.out.println(scenario + ":");
        System.out.printf("  attempts %d in %.1f s; answers by status %s (303 = redeemed, -1 = no answer)%n",
                burst.answers().size(), burst.took().toMillis() / 1000.0, byStatus);
        System.out.printf("  acknowledged redemptions %d, of them missing from the ledger: %d (must be 0)%n",
                burst.acknowledged().size(), acknowledgedMissing);
        System.out.printf("  cards credited twice: %d (must be 0)%n", creditedTwice);
        System.out.printf("  cards credited although the shopper got no confirmation: %d (they see it in their"
                + " history; sending the form again shows the confirmation)%n", creditedWithoutAnswer);
        System.out.printf("  money check violations: %d (must be 0)%n", violations);
        checks.stream().filter(check -> !check.holds()).forEach(check ->
                System.out.printf("    FAIL %s: %s%n", check.check(), check.examples()));
        if (readiness != null) {
            readiness.print();
        }
    }

    /** Each instance's readiness, polled five times a second, as a load balancer would; prints when it changed. */
    static final class Readiness {
        private final List<String> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<PortalInstance> instances;
        private final Instant started = Instant.now();
        private final Thread poller;
        private volatile boolean running = true;

        Readiness(List<PortalInstance> instances) {
            this.instances = instances;
            this.poller = new Thread(this::poll, "readiness-poller");
            poller.setDaemon(true);
            poller.start();
        }

        void mark(String event) {
            timeline.add(String.format("%5.1f s  %s", seconds(), event));
        }

        private void poll() {
            HttpClient http = HttpClient.newHttpClient();
            boolean[] ready = new boolean[instances.size()];
            java.util.Arrays.fill(ready, true);
            while (running) {
                for (int i = 0; i < instances.size(); i++) {
                    boolean now = isReady(http, instances.get(i));
                    if (now != ready[i]) {
                        mark("instance " + (i + 1) + " readiness " + (now ? "UP" : "DOWN"));
                        ready[i] = now;
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static boolean isReady(HttpClient http, PortalInstance instance) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }

        void awaitAllReady(Duration within) throws InterruptedException {
            Instant deadline = Instant.now().plus(within);
            while (!instances.stream().allMatch(PortalInstance::isReady)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The instances did not become ready again by themselves");
                }
                Thread.sleep(200);
            }
            mark("both instances ready again, without a restart");
        }

        void stop() {
            running = false;
            poller.interrupt();
        }

        void print() {
            System.out.println("  readiness, from the burst's start:");
            timeline.forEach(line -> System.out.println("    " + line));
        }

        private double seconds() {
            return Duration.between(started, Instant.now()).toMillis() / 1000.0;
        }
    }
}
