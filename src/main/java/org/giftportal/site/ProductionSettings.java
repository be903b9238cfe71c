package org.giftportal.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The settings a production deployment must make itself, read as configuration is loaded: before the database is
 * touched or a request served. In the production profile the portal refuses to start while any is missing, too short,
 * or one of the repository's published dev/test values, and says so in one message listing every problem
 * ({@link ProductionReadyCheck}). No setting turns the checks off: they run on every packaged start, whatever the
 * profile, and only dev mode and tests (where dev values are expected) skip them.
 */
@ConfigMapping(prefix = "")
@ProductionReady
public interface ProductionSettings {

    @WithName("portal.demo.enabled")
    @WithDefault("false")
    boolean demoEnabled();

    @WithName("portal.claim-codes.secret")
    Optional<String> claimCodeSecret();

    @WithName("portal.code-mail.key")
    Optional<String> codeMailKey();

    @WithName("portal.webhooks.key")
    Optional<String> webhookKey();

    @WithName("portal.webhooks.allow-private-addresses")
    @WithDefault("false")
    boolean webhooksToPrivateAddresses();

    @WithName("quarkus.datasource.jdbc.url")
    Optional<String> databaseUrl();

    @WithName("quarkus.datasource.password")
    Optional<String> databasePassword();

    @WithName("quarkus.oidc.auth-server-url")
    Optional<String> oidcServer();

    @WithName("quarkus.oidc.credentials.secret")
    Optional<String> oidcClientSecret();

    @WithName("quarkus.oidc.token-state-manager.encryption-secret")
    Optional<String> sessionEncryptionSecret();

    @WithName("quarkus.oidc.authentication.state-secret")
    Optional<String> oidcStateSecret();

    @WithName("portal.attachments.directory")
    Optional<String> attachmentsDirectory();

    @WithName("portal.public-url")
    Optional<String> publicUrl();

    @WithName("quarkus.mailer.host")
    Optional<String> mailHost();

    @WithName("quarkus.mailer.password")
    Optional<String> mailPassword();
}
