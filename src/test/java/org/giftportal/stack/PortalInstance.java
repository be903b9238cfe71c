package org.giftportal.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One packaged portal ({@code target/quarkus-app}) in the production profile, as a deployment runs it: its own
 * process, its own port, the settings a production start-up insists on. Integration tests and benchmarks start
 * several side by side on one stack to see what instances share (the database) and what they must agree on (the
 * secrets).
 */
public final class PortalInstance implements AutoCloseable {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PortalInstance(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * The secrets every instance of one deployment shares: random for a throwaway stack, never the repository's
     * published dev/test values (the production profile refuses those).
     */
    public record Secrets(String claimCodes, String sessionCookies, String signInState, String databasePassword,
            String codeMail) {
        public static Secrets random() {
            return new Secrets(longRandom(), longRandom(), longRandom(), longRandom(), longRandom());
        }

        private static String longRandom() {
            return "throwaway-" + UUID.randomUUID() + UUID.randomUUID();
        }
    }

    /** The environment of a production instance on this stack, without the port settings. */
    public static Map<String, String> productionSettings(Map<String, String> stack, Secrets secrets, Path attachments) {
        Map<String, String> env = new LinkedHashMap<>(stack);
        env.put("DB_PASSWORD", secrets.databasePassword());
        env.put("CLAIM_CODE_SECRET", secrets.claimCodes());
        env.put("CODE_MAIL_KEY", secrets.codeMail());
        env.put("WEBHOOK_SECRET_KEY", "webhooks-" + secrets.codeMail());
        env.put("OIDC_SESSION_SECRET", secrets.sessionCookies());
        env.put("OIDC_STATE_SECRET", secrets.signInState());
        env.put("ATTACHMENTS_DIR", attachments.toAbsolutePath().toString());
        // No SMTP server on this machine's stack: mails are composed, then dropped.
        env.put("MAIL_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_MOCK", "true");
        // Behind the deployment's TLS proxy, as production is; links in (dropped) emails start with it.
        env.put("PORTAL_PUBLIC_URL", "https://giftcards.test.invalid");
        return env;
    }

    /** Starts an instance and waits until it is ready; {@code settings} as from {@link #productionSettings}. */
    public static PortalInstance start(Map<String, String> settings, int port, Path log, List<String> jvmOptions) {
        int managementPort = Ports.freeLoopbackPort();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        try {
            Files.createDirectories(log.getParent());
            PortalInstance instance = new PortalInstance(builder.start(), port, managementPort, log);
            instance.awaitReady(Duration.ofMinutes(2));
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException("The portal did not start; see " + log, e);
        }
    }

    /**
     * Runs the packaged portal until it exits by itself, as the migration step does ({@code QUARKUS_INIT_AND_EXIT});
     * returns its exit code.
     */
    public static int runToExit(Map<String, String> settings, Path log, Duration within) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("MANAGEMENT_PORT", "0");
        Process process = builder.start();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The portal did not exit within " + within + "; see " + log);
        }
        return process.exitValue();
    }

    /** Waits until the instance says it is ready (its database reachable); fails if it exits first. */
    public void awaitReady(Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The portal exited with " + process.exitValue() + "; see " + log);
            }
            if (ready(http)) {
                return;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("The portal was not ready within " + within + "; see " + log);
    }

    /** Whether readiness answers UP right now. */
    public boolean isReady() {
        return ready(HttpClient.newHttpClient());
    }

    private boolean ready(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** kill -9: no shutdown, no goodbye, as a crashed machine. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
