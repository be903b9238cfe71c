package org.giftportal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;

/**
 * Start-up time and memory of the packaged portal (production profile), side by side in one run with a minimal Quarkus
 * REST application started the same way: both with and without an AppCDS archive, runs interleaved so the machine's
 * mood hits both alike. Then resident memory idle and under load. Prints ratios; absolute figures on a busy 2-core box
 * mean little.
 *
 * <p>Arguments: runs per variant (default 5), load seconds (default 20).
 */
public final class Startup {
    private static final Path PORTAL = Path.of("target", "quarkus-app");
    private static final Path MINIMAL = Path.of("bench", "minimal-app", "target", "quarkus-app");
    /** The same platform as the portal (its extensions, database, migrations, sign-in), none of its code. */
    private static final Path MINIMAL_EXTENSIONS = Path.of("bench", "minimal-app-extensions", "target", "quarkus-app");
    private static final String WITH_EXTENSIONS = "minimal app, the portal's extensions";
    private static final String BENCH_ONLY_SECRET = "BENCH-ONLY-claim-code-secret-throwaway-stack";

    private Startup() {
    }

    record Variant(String name, Path app, boolean appCds, List<String> jvmOptions, Map<String, String> env) {
        Variant(String name, Path app, boolean appCds, List<String> jvmOptions) {
            this(name, app, appCds, jvmOptions, Map.of());
        }

        List<String> options() {
            List<String> all = new ArrayList<>(jvmOptions);
            if (appCds) {
                all.add("-XX:SharedArchiveFile=app-cds.jsa");
            }
            return all;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int loadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Path.of("target", "bench-startup").toAbsolutePath();
        Files.createDirectories(work);
        int portalPort = Ports.freeLoopbackPort();
        String portal = "http://localhost:" + portalPort;
        // The options docs/operations.md recommends for a small instance: a serial collector and a small heap (one
        // shopper's request needs little), a smaller code cache, and one Netty buffer arena each instead of two per
        // core.
        List<String> tuned = List.of("-XX:+UseSerialGC", "-Xmx112m", "-Xss512k", "-XX:ReservedCodeCacheSize=48m",
                "-XX:MaxMetaspaceSize=150m", "-XX:MaxDirectMemorySize=32m", "-Dio.netty.allocator.numDirectArenas=1",
                "-Dio.netty.allocator.numHeapArenas=1");
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("portal", PORTAL, false, List.of()),
                new Variant("minimal app", MINIMAL, false, List.of()),
                new Variant(WITH_EXTENSIONS, MINIMAL_EXTENSIONS, false, List.of())));
        if (Files.exists(PORTAL.resolve("app-cds.jsa")) && Files.exists(MINIMAL.resolve("app-cds.jsa"))) {
            variants.add(new Variant("portal, AppCDS", PORTAL, true, List.of()));
            variants.add(new Variant("minimal app, AppCDS", MINIMAL, true, List.of()));
        }
        variants.add(new Variant("portal, AppCDS if built, small heap and serial GC", PORTAL,
                Files.exists(PORTAL.resolve("app-cds.jsa")), tuned));
        // glibc gives each thread that allocates its own malloc arena (64 MB of address space, part of it resident):
        // two arenas in all is what the Kubernetes manifest sets (MALLOC_ARENA_MAX).
        variants.add(new Variant("the same, and two malloc arenas", PORTAL, Files.exists(PORTAL.resolve("app-cds.jsa")),
                tuned, Map.of("MALLOC_ARENA_MAX", "2")));
        // A small instance's other lever: the client compiler only (no C2: its arenas and larger code go) and a
        // smaller heap; what it costs shows in the requests the same load made.
        List<String> lean = new ArrayList<>(tuned);
        lean.set(lean.indexOf("-Xmx112m"), "-Xmx96m");
        lean.add("-XX:TieredStopAtLevel=1");
        variants.add(new Variant("the same, small heap, C1 only, 96 MB heap", PORTAL,
                Files.exists(PORTAL.resolve("app-cds.jsa")), lean));
        if ("1".equals(System.getenv("STARTUP_NMT"))) {
            // The JVM's own account of its memory under load (native memory tracking costs a little memory itself).
            List<String> tracked = new ArrayList<>(tuned);
            tracked.add("-XX:NativeMemoryTracking=summary");
            variants.add(new Variant("the same, small heap, memory tracked", PORTAL,
                    Files.exists(PORTAL.resolve("app-cds.jsa")), tracked));
        }
        if ("1".equals(System.getenv("STARTUP_PARTS"))) {
            // Where the portal's start-up goes: the same start without one part at a time.
            variants.add(new Variant("portal without schema validation", PORTAL, false, List.of(),
                    Map.of("QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY", "none")));
            variants.add(new Variant("portal without migrations at start", PORTAL, false, List.of(),
                    Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")));
            variants.add(new Variant("portal with the identity provider away", PORTAL, false, List.of(),
                    Map.of("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/gift-portal")));
        }
        System.out.println("Starting MariaDB and Keycloak...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work.resolve("stack"), false, portal,
                Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), "Bench Market"))) {
            PortalInstance.Secrets secrets = PortalProcess.secrets(BENCH_ONLY_SECRET);
            Map<String, String> settings = new LinkedHashMap<>(PortalInstance.productionSettings(
                    stack.portalSettings(), secrets, work.resolve("attachments")));
            settings.putAll(PortalProcess.unlimitedBudgets());
            settings.putAll(PortalProcess.rulesNoBenchMeets());
            Map<String, List<Long>> startMillis = new LinkedHashMap<>();
            Map<String, List<Long>> idleRss = new LinkedHashMap<>();
            for (int run = 0; run < runs + 1; run++) {
                for (Variant variant : variants) {
                    Started started = start(variant, settings, portalPort, work);
                    try {
                        if (run > 0) { // the first round warms the disk cache and is not counted
                            startMillis.computeIfAbsent(variant.name(), name -> new ArrayList<>())
                                    .add(started.millis());
                            Thread.sleep(2000);
                            idleRss.computeIfAbsent(variant.name(), name -> new ArrayList<>())
                                    .add(rssKb(started.process()));
                        }
                    } finally {
                        stop(started.process());
                    }
                }
            }
            System.out.println();
            System.out.printf("Start to ready, median of %d runs, and resident memory 2 s after ready:%n", runs);
            for (Variant variant : variants) {
                System.out.printf("  %-52s %6d ms   %5d MB%n", variant.name(), median(startMillis.get(variant.name())),
                        median(idleRss.get(variant.name())) / 1024);
            }
            double ratio = (double) median(startMillis.get("portal")) / median(startMillis.get("minimal app"));
            System.out.printf("Ratio portal / minimal app: %.2f%n", ratio);
            System.out.printf("Ratio portal / minimal app with the portal's extensions: %.2f (goal <= 1.5)%n",
                    (double) median(startMillis.get("portal")) / median(startMillis.get(WITH_EXTENSIONS)));
            if (startMillis.containsKey("portal, AppCDS")) {
                System.out.printf("Ratio with AppCDS on both: %.2f; portal with AppCDS / minimal app without: %.2f%n",
                        (double) median(startMillis.get("portal, AppCDS"))
                                / median(startMillis.get("minimal app, AppCDS")),
                        (double) median(startMillis.get("portal, AppCDS")) / median(startMillis.get("minimal app")));
            }
            System.out.println();
            System.out.printf("Resident memory under %d s of load (16 shoppers: pages, history, redeeming):%n",
                    loadSeconds);
            for (Variant variant : variants.stream().filter(variant -> variant.name().equals("portal")
                    || variant.name().contains("small heap") || variant.name().contains("malloc")).toList()) {
                System.out.printf("  %-52s peak %5d MB%n", variant.name(),
                        peakRssUnderLoad(variant, settings, portalPort, portal, stack, work, loadSeconds) / 1024);
            }
        }
    }

    record Started(Process process, long millis) {
    }

    /** Starts the app and waits for its first good answer: readiness for the portal, the page for the minimal app. */
    private static Started start(Variant variant, Map<String, String> settings, int port, Path work)
            throws IOException, InterruptedException {
        boolean isPortal = variant.app().equals(PORTAL);
        int managementPort = Ports.freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(variant.options());
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        // From the app's own folder: an AppCDS archive is used only with the classpath it was made with.
        ProcessBuilder builder = new ProcessBuilder(command).directory(variant.app().toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(variant.name().replaceAll("[^a-z]+", "-") + ".log").toFile());
        if (isPortal || variant.app().equals(MINIMAL_EXTENSIONS)) {
            // The same database and identity provider (the app with the portal's extensions needs them to start).
            builder.environment().putAll(settings);
        }
        if (isPortal) {
            builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        }
        builder.environment().putAll(variant.env());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        URI ready = URI.create(isPortal ? "http://127.0.0.1:" + managementPort + "/q/health/ready"
                : "http://127.0.0.1:" + port + "/hello");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long begin = System.nanoTime();
        Process process = builder.start();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(variant.name() + " exited; see its log in " + work);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofMillis(500)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Started(process, (System.nanoTime() - begin) / 1_000_000);
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(10);
        }
    }

    private static long peakRssUnderLoad(Variant variant, Map<String, String> settings, int port, String portal,
            LocalStack stack, Path work, int seconds) throws Exception {
        Started started = start(variant, settings, port, work);
        try {
            List<ShopperSession> shoppers = Bench.signIn(stack, portal, 16, "load" + variant.name().length());
            List<String> codes = Bench.issue(stack.portalSettings(), 20_000);
            AtomicLong peak = new AtomicLong(rssKb(started.process()));
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (loading.get()) {
                    peak.accumulateAndGet(rssKb(started.process()), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long requests;
            try {
                requests = load(shoppers, codes, until);
            } finally {
                loading.set(false);
            }
            sampler.join();
            System.out.printf("  %-52s %d requests in %d s%n", variant.name(), requests, seconds);
            if (variant.options().stream().anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking"))) {
                printNativeMemory(variant, started.process());
            }
            return peak.get();
        } finally {
            stop(started.process());
        }
    }

    /** Where the process's memory is, by the JVM's own account, right after the load. */
    private static void printNativeMemory(Variant variant, Process process) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        String summary = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        System.out.println("  native memory of \"" + variant.name() + "\" after the load (committed):");
        summary.lines().filter(line -> line.contains("committed=") && (line.startsWith("Total")
                || line.startsWith("-"))).forEach(line -> System.out.println("    " + line.strip()));
    }

    /** The load; returns how many requests it made (the same mix for every variant: a throughput to compare). */
    private static long load(List<ShopperSession> shoppers, List<String> codes, long until) throws Exception {
        AtomicLong made = new AtomicLong();
        Workers.run(shoppers.size(), codes.size(), (worker, i) -> {
            if (System.nanoTime() > until) {
                return true;
            }
            made.incrementAndGet();
            ShopperSession shopper = shoppers.get(worker);
            return switch (i % 4) {
                case 0 -> shopper.redeem(codes.get(i));
                case 1 -> shopper.get("/balance").statusCode() == 200;
                case 2 -> shopper.get("/help/search?q=code").statusCode() == 200;
                default -> shopper.get("/redeem").statusCode() == 200;
            };
        });
        return made.get();
    }

    private static long rssKb(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return 0;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
