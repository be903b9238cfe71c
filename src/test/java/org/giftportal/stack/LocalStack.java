package org.giftportal.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Everything the portal needs around it on a developer's machine: MariaDB and Keycloak, both real, both on
 * 127.0.0.1. The demo command and the test suite start it through this one class.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * @param workDir where the database files and logs go
     * @param keepData false for a throwaway stack (tests): the directory is wiped first, and the portal's client
     *        secret is a fresh random one (a production-profile portal refuses the repository's dev-only secret)
     * @param portalUrls the URLs of the portal instances, registered as the OIDC client's redirect targets
     */
    public record Options(Path workDir, boolean keepData, List<String> portalUrls, int mariaDbPort, int keycloakPort,
            String brandName) {
        public Options(Path workDir, boolean keepData, String portalUrl, int mariaDbPort, int keycloakPort,
                String brandName) {
            this(workDir, keepData, List.of(portalUrl), mariaDbPort, keycloakPort, brandName);
        }
    }

    private final EmbeddedMariaDb mariaDb;
    private final LocalKeycloak keycloak;
    private final Map<String, String> externalDb;
    private final IdentityMail identityMail;

    private LocalStack(EmbeddedMariaDb mariaDb, LocalKeycloak keycloak, Map<String, String> externalDb,
            IdentityMail identityMail) {
        this.mariaDb = mariaDb;
        this.keycloak = keycloak;
        this.identityMail = identityMail;
        this.externalDb = externalDb;
    }

    /** Starts MariaDB and Keycloak side by side; an external database is used instead when DB_URL is set. */
    public static LocalStack start(Options options) {
        return start(options, externalDatabase());
    }

    /**
     * Starts Keycloak, and MariaDB unless {@code externalDb} names a database the portal uses instead (DB_URL,
     * DB_USER, DB_PASSWORD), such as a cluster a benchmark started.
     */
    public static LocalStack start(Options options, Map<String, String> externalDb) {
        // Logging must be set up before two threads reach it at once: JBoss LogManager's first initialisation from
        // two threads at the same time can deadlock (seen with the bench).
        java.util.logging.Logger.getLogger("").getHandlers();
        System.getLogger(LocalStack.class.getName()).isLoggable(System.Logger.Level.INFO);
        if (!options.keepData()) {
            deleteRecursively(options.workDir());
        }
        CompletableFuture<EmbeddedMariaDb> db = externalDb.isEmpty()
                ? CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start(options.workDir().resolve("mariadb"),
                        options.mariaDbPort(), options.keepData()))
                : CompletableFuture.completedFuture(null);
        LocalKeycloak keycloak;
        // Keycloak's own mails (verify an email, reset a password) go to a local SMTP server.
        IdentityMail identityMail = IdentityMail.start(Ports.freeLoopbackPort(), Ports.freeLoopbackPort());
        try {
            keycloak = LocalKeycloak.start(options.workDir().resolve("keycloak"), options.keycloakPort(),
                    options.portalUrls(), options.brandName(), options.keepData()
                            ? LocalKeycloak.DEV_ONLY_CLIENT_SECRET : "throwaway-" + java.util.UUID.randomUUID(),
                    identityMail.smtpPort(), !options.keepData());
        } catch (RuntimeException e) {
            identityMail.close();
            db.thenAccept(started -> {
                if (started != null) {
                    started.close();
                }
            });
            throw e;
        }
        try {
            return new LocalStack(db.join(), keycloak, externalDb, identityMail);
        } catch (RuntimeException e) {
            keycloak.close();
            identityMail.close();
            throw e;
        }
    }

    private static Map<String, String> externalDatabase() {
        String url = System.getenv("DB_URL");
        if (url == null || url.isBlank()) {
            return Map.of();
        }
        return Map.of("DB_URL", url,
                "DB_USER", System.getenv().getOrDefault("DB_USER", ""),
                "DB_PASSWORD", System.getenv().getOrDefault("DB_PASSWORD", ""));
    }

    /** The settings the portal reads (see application.properties), by the names it reads them under. */
    public Map<String, String> portalSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (mariaDb != null) {
            settings.put("DB_URL", mariaDb.jdbcUrl());
            settings.put("DB_USER", "root");
            settings.put("DB_PASSWORD", "");
        } else {
            settings.putAll(externalDb);
        }
        settings.put("OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        settings.put("OIDC_CLIENT_ID", LocalKeycloak.CLIENT_ID);
        settings.put("OIDC_CLIENT_SECRET", keycloak.clientSecret());
        return settings;
    }

    /** Takes the embedded database away for a while (crashed or shut down), then brings it back. */
    public void restartDatabase(boolean crash, java.time.Duration away) throws InterruptedException {
        if (mariaDb == null) {
            throw new IllegalStateException("The database is external (DB_URL): it can't be restarted from here");
        }
        mariaDb.restart(crash, away);
    }

    public KeycloakAdmin keycloakAdmin() {
        return keycloak.admin();
    }

    public String keycloakUrl() {
        return keycloak.baseUrl();
    }

    public String keycloakAdminPassword() {
        return keycloak.adminPassword();
    }

    /** Where Keycloak's mails land. */
    public IdentityMail identityMail() {
        return identityMail;
    }

    public static String demoPassword() {
        return LocalKeycloak.DEV_ONLY_DEMO_PASSWORD;
    }

    @Override
    public void close() {
        keycloak.close();
        identityMail.close();
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + dir, e);
        }
    }
}
