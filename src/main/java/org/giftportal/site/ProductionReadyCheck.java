package org.giftportal.site;

import io.quarkus.runtime.LaunchMode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lists every problem of a production configuration at once, so an operator fixes them in one go. Each problem names
 * the environment variable to set. Messages avoid braces and dollar signs, which the validator would interpret.
 */
public class ProductionReadyCheck implements ConstraintValidator<ProductionReady, ProductionSettings> {
    private static final int MIN_SECRET_LENGTH = 32;
    /** How the repository marks the values it publishes for dev and tests (also the test stack's client secret). */
    private static final List<String> PUBLISHED_MARKERS = List.of("dev-only", "test-only");

    @Override
    public boolean isValid(ProductionSettings settings, ConstraintValidatorContext context) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return true; // dev mode and tests run on the repository's published dev values by design
        }
        List<String> problems = problems(settings);
        if (problems.isEmpty()) {
            return true;
        }
        // One violation listing them all, in the order below: an operator reads one message top to bottom.
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("The portal can't start in production until these are fixed:"
                + problems.stream().map(problem -> "\n\t- " + problem).collect(java.util.stream.Collectors.joining()))
                .addConstraintViolation();
        return false;
    }

    /** Everything wrong with the settings for production, in the order an operator would go through them. */
    public static List<String> problems(ProductionSettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.demoEnabled()) {
            problems.add("demo data is enabled (portal.demo.enabled): its claim codes are public. Remove the setting.");
        }
        secret(problems, settings.claimCodeSecret(), "CLAIM_CODE_SECRET", "the claim-code hash key", true);
        secret(problems, settings.codeMailKey(), "CODE_MAIL_KEY",
                "the key of claim codes waiting to be emailed", true);
        if (settings.codeMailKey().isPresent() && settings.codeMailKey().equals(settings.claimCodeSecret())) {
            problems.add("CODE_MAIL_KEY is the same as CLAIM_CODE_SECRET: give each its own secret.");
        }
        secret(problems, settings.webhookKey(), "WEBHOOK_SECRET_KEY", "the key of the webhook endpoints' secrets",
                true);
        if (settings.webhookKey().isPresent() && (settings.webhookKey().equals(settings.claimCodeSecret())
                || settings.webhookKey().equals(settings.codeMailKey()))) {
            problems.add("WEBHOOK_SECRET_KEY is the same as another key: give each its own secret.");
        }
        if (settings.webhooksToPrivateAddresses()) {
            problems.add("portal.webhooks.allow-private-addresses is on: webhooks could reach the portal's own"
                    + " network. Remove the setting.");
        }
        required(problems, settings.databaseUrl(), "DB_URL", "the database address");
        secret(problems, settings.databasePassword(), "DB_PASSWORD", "the database password", false);
        required(problems, settings.oidcServer(), "OIDC_AUTH_SERVER_URL", "the OpenID Connect provider");
        secret(problems, settings.oidcClientSecret(), "OIDC_CLIENT_SECRET", "the OpenID Connect client secret", false);
        secret(problems, settings.sessionEncryptionSecret(), "OIDC_SESSION_SECRET",
                "the session cookie encryption key (every instance must share it)", true);
        secret(problems, settings.oidcStateSecret(), "OIDC_STATE_SECRET",
                "the sign-in state cookie key (every instance must share it)", true);
        required(problems, settings.attachmentsDirectory(), "ATTACHMENTS_DIR",
                "the folder for support-case files, on a volume every instance mounts");
        required(problems, settings.mailHost(), "MAIL_HOST", "the SMTP server");
        required(problems, settings.publicUrl(), "PORTAL_PUBLIC_URL",
                "the address shoppers reach the portal at (https://...), for the links in gift emails");
        settings.publicUrl().filter(url -> !url.isBlank() && !url.startsWith("https://")).ifPresent(url ->
                problems.add("PORTAL_PUBLIC_URL must start with https:// (links in emails carry gift tokens)."));
        settings.mailPassword().filter(ProductionReadyCheck::published).ifPresent(value ->
                problems.add("MAIL_PASSWORD is a published dev/test value: set your own."));
        return problems;
    }

    private static void required(List<String> problems, Optional<String> value, String variable, String what) {
        if (value.map(String::isBlank).orElse(true)) {
            problems.add(variable + " is not set: " + what + ".");
        }
    }

    private static void secret(List<String> problems, Optional<String> value, String variable, String what,
            boolean mustBeLong) {
        if (value.map(String::isBlank).orElse(true)) {
            problems.add(variable + " is not set: " + what + (mustBeLong ? ", at least " + MIN_SECRET_LENGTH
                    + " random characters." : "."));
        } else if (published(value.get())) {
            problems.add(variable + " is a published dev/test value: " + what + " must be your own secret.");
        } else if (mustBeLong && value.get().length() < MIN_SECRET_LENGTH) {
            problems.add(variable + " is too short: " + what + " needs at least " + MIN_SECRET_LENGTH
                    + " characters.");
        }
    }

    private static boolean published(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PUBLISHED_MARKERS.stream().anyMatch(lower::contains);
    }
}
