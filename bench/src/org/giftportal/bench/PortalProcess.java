package org.giftportal.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged portal (target/quarkus-app) in the production profile, as it would run for real. */
final class PortalProcess implements AutoCloseable {
    private final Process process;

    private PortalProcess(Process process) {
        this.process = process;
    }

    static PortalProcess start(Map<String, String> settings, int port, String claimCodeSecret, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", jfr(log),
                // The mock mailer logs every message at INFO; the bench sends thousands.
                "-Dquarkus.log.category.\"quarkus-mailer\".level=WARN", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(settings);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CLAIM_CODE_SECRET", claimCodeSecret);
        // Loopback over plain http: the bench's cookie jar must get the cookies back, and no mail leaves.
        env.put("QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE", "false");
        env.put("QUARKUS_REST_CSRF_COOKIE_FORCE_SECURE", "false");
        env.put("QUARKUS_MAILER_MOCK", "true");
        PortalProcess portal = new PortalProcess(builder.start());
        try {
            Bench.awaitHttp("http://localhost:" + port + "/q/health/ready", Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            portal.close();
            throw new IllegalStateException("The portal did not start; see " + log, e);
        }
        return portal;
    }

    /** With BENCH_JFR=1 the portal records a flight recording next to its log, to see where its time goes. */
    private static String jfr(Path log) {
        return "1".equals(System.getenv("BENCH_JFR"))
                ? "-XX:StartFlightRecording=filename=" + log.resolveSibling("portal.jfr") + ",settings=profile"
                : "-Dbench.jfr=off";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
