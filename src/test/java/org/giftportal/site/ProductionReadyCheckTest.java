package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a production configuration must have, each problem named by the variable that fixes it. */
class ProductionReadyCheckTest {

    private static final Map<String, Object> READY = Map.ofEntries(
            Map.entry("demoEnabled", false),
            Map.entry("claimCodeSecret", "k".repeat(40)), Map.entry("codeMailKey", "m".repeat(40)),
            Map.entry("webhookKey", "w".repeat(40)), Map.entry("webhooksToPrivateAddresses", false),
            Map.entry("databaseUrl", "jdbc:mariadb://db/portal"),
            Map.entry("databasePassword", "db-secret"), Map.entry("oidcServer", "https://id.example/realms/shop"),
            Map.entry("oidcClientSecret", "client-secret"), Map.entry("sessionEncryptionSecret", "s".repeat(40)),
            Map.entry("oidcStateSecret", "t".repeat(40)), Map.entry("attachmentsDirectory", "/srv/files"),
            Map.entry("mailHost", "smtp.example"), Map.entry("publicUrl", "https://giftcards.example"));

    @Test
    void aCompleteConfigurationHasNoProblems() {
        assertThat(ProductionReadyCheck.problems(settings(READY))).isEmpty();
    }

    @Test
    void eachMissingSettingIsNamedByItsVariable() {
        for (Map.Entry<String, String> required : Map.ofEntries(
                Map.entry("claimCodeSecret", "CLAIM_CODE_SECRET"), Map.entry("codeMailKey", "CODE_MAIL_KEY"), Map.entry("webhookKey", "WEBHOOK_SECRET_KEY"), Map.entry("databaseUrl", "DB_URL"),
                Map.entry("databasePassword", "DB_PASSWORD"), Map.entry("oidcServer", "OIDC_AUTH_SERVER_URL"), Map.entry("oidcClientSecret", "OIDC_CLIENT_SECRET"),
                Map.entry("sessionEncryptionSecret", "OIDC_SESSION_SECRET"), Map.entry("oidcStateSecret", "OIDC_STATE_SECRET"), Map.entry("attachmentsDirectory", "ATTACHMENTS_DIR"),
                Map.entry("mailHost", "MAIL_HOST"), Map.entry("publicUrl", "PORTAL_PUBLIC_URL")).entrySet()) {
            Map<String, Object> values = new HashMap<>(READY);
            values.remove(required.getKey());

            assertThat(ProductionReadyCheck.problems(settings(values)))
                    .singleElement().asString().startsWith(required.getValue() + " is not set");
        }
    }

    @Test
    void publishedValuesShortKeysAndDemoDataAreAllListedAtOnce() {
        Map<String, Object> values = new HashMap<>(READY);
        values.put("demoEnabled", true);
        values.put("claimCodeSecret", "DEV-ONLY-claim-code-secret-not-for-production-use");
        values.put("oidcClientSecret", "dev-only-gift-portal-client-secret");
        values.put("sessionEncryptionSecret", "short");

        List<String> problems = ProductionReadyCheck.problems(settings(values));

        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("demo data is enabled")
                .contains("CLAIM_CODE_SECRET is a published dev/test value")
                .contains("OIDC_CLIENT_SECRET is a published dev/test value")
                .contains("OIDC_SESSION_SECRET is too short");
    }

    @Test
    void theCodeMailKeyMustNotBeTheHashKey() {
        Map<String, Object> values = new HashMap<>(READY);
        values.put("codeMailKey", READY.get("claimCodeSecret"));

        assertThat(ProductionReadyCheck.problems(settings(values))).singleElement().asString()
                .startsWith("CODE_MAIL_KEY is the same as CLAIM_CODE_SECRET");
    }

    @Test
    void linksInEmailsUseHttps() {
        Map<String, Object> values = new HashMap<>(READY);
        values.put("publicUrl", "http://giftcards.example");

        assertThat(ProductionReadyCheck.problems(settings(values))).singleElement().asString()
                .startsWith("PORTAL_PUBLIC_URL must start with https://");
    }

    /** Settings as configuration would give them: a missing key is an empty Optional. */
    private static ProductionSettings settings(Map<String, Object> values) {
        return (ProductionSettings) Proxy.newProxyInstance(ProductionSettings.class.getClassLoader(),
                new Class<?>[] {ProductionSettings.class}, (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (method.getReturnType() == Optional.class) {
                        return Optional.ofNullable(value);
                    }
                    return value == null ? Boolean.FALSE : value;
                });
    }
}
