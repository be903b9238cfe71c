package org.giftportal.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.giftportal.stack.PortalInstance;

/**
 * The packaged portal in the production profile, as the benchmarks run it: the test stack's
 * {@link PortalInstance} with the bench's known claim-code key (the bench writes cards straight to the database) and
 * request budgets out of the way (a benchmark is one client sending as fast as it can, which is what they stop).
 */
final class PortalProcess {
    private PortalProcess() {
    }

    static PortalInstance start(Map<String, String> stack, int port, String claimCodeSecret, Path log) {
        return start(stack, port, secrets(claimCodeSecret), log);
    }

    /** Random secrets shared by every instance of one benchmark, with the bench's claim-code key. */
    static PortalInstance.Secrets secrets(String claimCodeSecret) {
        PortalInstance.Secrets random = PortalInstance.Secrets.random();
        return new PortalInstance.Secrets(claimCodeSecret, random.sessionCookies(), random.signInState(),
                random.databasePassword(), random.codeMail());
    }

    static PortalInstance start(Map<String, String> stack, int port, PortalInstance.Secrets secrets, Path log) {
        return start(stack, port, secrets, log, Map.of());
    }

    /** The same, with settings of the bench's own on top (environment variables). */
    static PortalInstance start(Map<String, String> stack, int port, PortalInstance.Secrets secrets, Path log,
            Map<String, String> extra) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(PortalInstance.productionSettings(stack, secrets,
                log.resolveSibling("attachments")));
        settings.putAll(extra);
        settings.putAll(unlimitedBudgets());
        settings.putAll(rulesNoBenchMeets());
        // Loopback over plain http: the bench's cookie jar must get the cookies back.
        settings.put("QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE", "false");
        settings.put("QUARKUS_REST_CSRF_COOKIE_FORCE_SECURE", "false");
        settings.put("QUARKUS_REST_CSRF_COOKIE_NAME", "csrf-token");
        return PortalInstance.start(settings, port, log, List.of("-Xmx1g", jfr(log),
                // The mock mailer logs every message at INFO; the bench sends thousands.
                "-Dquarkus.log.category.\"quarkus-mailer\".level=WARN"));
    }

    /** Budgets no benchmark reaches: it measures throughput, not the limits. */
    static Map<String, String> unlimitedBudgets() {
        Map<String, String> budgets = new java.util.LinkedHashMap<>();
        for (String rule : List.of("FORMS", "CODES", "CASES", "MESSAGES", "FEEDBACK", "SEARCH", "API")) {
            budgets.put("PORTAL_RATE_LIMITS_" + rule + "_PER_ACCOUNT", "1000000/1s");
            budgets.put("PORTAL_RATE_LIMITS_" + rule + "_PER_ADDRESS", "1000000/1s");
        }
        return budgets;
    }

    /**
     * Review rules and scam warnings set where no benchmark's shoppers (new accounts redeeming many cards in minutes)
     * meet them: every redemption still runs their checks, and is measured with them, but none is held or warned.
     * Given as system properties (through the JVM's own variable): a region's settings are keyed by its code.
     */
    static Map<String, String> rulesNoBenchMeets() {
        StringBuilder options = new StringBuilder();
        for (String region : List.of("US", "GB", "IN")) {
            options.append(" -Dportal.regions.").append(region).append(".review.new-account-value=1000000000")
                    .append(" -Dportal.regions.").append(region).append(".review.max-cards=1000000000")
                    .append(" -Dportal.regions.").append(region).append(".warning.high-value=1000000000");
        }
        return Map.of("JAVA_TOOL_OPTIONS", options.toString().strip());
    }

    /** With BENCH_JFR=1 the portal records a flight recording next to its log, to see where its time goes. */
    private static String jfr(Path log) {
        return "1".equals(System.getenv("BENCH_JFR"))
                ? "-XX:StartFlightRecording=filename=" + log.resolveSibling("portal.jfr") + ",settings=profile"
                : "-Dbench.jfr=off";
    }
}
