package org.giftportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.TestStackProperties;
import org.junit.jupiter.api.Test;

/**
 * The packaged portal in the production profile refuses to start while a setting a deployment must make itself is
 * missing or is one of the repository's published dev/test values, and lists every problem in one message.
 */
class ProductionStartIT {

    @Test
    void withNothingConfiguredItRefusesToStartAndListsEverySettingToMake() throws Exception {
        Result result = run(Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("CLAIM_CODE_SECRET is not set", "CODE_MAIL_KEY is not set", "WEBHOOK_SECRET_KEY is not set", "DB_URL is not set",
                "DB_PASSWORD is not set", "OIDC_AUTH_SERVER_URL is not set", "OIDC_CLIENT_SECRET is not set",
                "OIDC_SESSION_SECRET is not set", "OIDC_STATE_SECRET is not set", "ATTACHMENTS_DIR is not set",
                "MAIL_HOST is not set", "PORTAL_PUBLIC_URL is not set");
        assertThat(result.output()).doesNotContain("Flyway").doesNotContain("Listening on");
    }

    @Test
    void demoDataAndPublishedSecretsAreRefusedAndOnlyThoseAreNamed() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(PortalInstance.productionSettings(
                TestStackProperties.stackSettings(), PortalInstance.Secrets.random(), Path.of("target", "it-files")));
        settings.put("PORTAL_DEMO_ENABLED", "true");
        settings.put("CLAIM_CODE_SECRET", "DEV-ONLY-claim-code-secret-not-for-production-use");
        settings.put("OIDC_CLIENT_SECRET", "dev-only-gift-portal-client-secret");
        settings.put("OIDC_STATE_SECRET", "too-short");
        // Once an undocumented switch that turned every check off; no setting does now.
        settings.put("PORTAL_PRODUCTION_CHECKS", "false");

        Result result = run(settings);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("demo data is enabled",
                "CLAIM_CODE_SECRET is a published dev/test value", "OIDC_CLIENT_SECRET is a published dev/test value",
                "OIDC_STATE_SECRET is too short");
        assertThat(result.output()).doesNotContain("DB_URL is not set").doesNotContain("MAIL_HOST is not set")
                .doesNotContain("Listening on");
    }

    @Test
    void aRegionWhoseCardsExpireSoonerThanItsLawAllowsIsRefusedWhateverElseIsReady() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(PortalInstance.productionSettings(
                TestStackProperties.stackSettings(), PortalInstance.Secrets.random(), Path.of("target", "it-files")));
        // (As system properties: an environment variable can't say a region's code is upper case.)
        settings.put("JAVA_TOOL_OPTIONS", "-Dportal.regions.IN.card-validity=P6M -Dportal.regions.US.card-validity=P3Y");

        Result result = run(settings);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("its regions break the law where they sell",
                "portal.regions.IN.card-validity: cards expire after P6M, but Indian law requires at least P1Y",
                "portal.regions.US.card-validity: cards expire after P3Y, but United States federal law requires"
                        + " at least P5Y");
        assertThat(result.output()).doesNotContain("Flyway").doesNotContain("Listening on");
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the packaged portal with exactly these environment variables (and a PATH), until it exits. */
    private static Result run(Map<String, String> environment) throws IOException, InterruptedException {
        Path log = java.nio.file.Files.createTempFile(Path.of("target"), "production-start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true).redirectOutput(log.toFile());
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("MANAGEMENT_PORT", "0");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The portal started, or hung, instead of refusing:\n"
                    + java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
    }
}
