package org.giftportal.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server (keycloak-quarkus-dist from Maven Central) in start-dev mode on loopback, with an
 * in-memory database: the realm is created from {@code stack/keycloak-realm.json} on every start, so the demo
 * users are always exactly those in the repository.
 */
final class LocalKeycloak implements AutoCloseable {
    static final String REALM = "gift-portal";
    static final String CLIENT_ID = "gift-portal";
    /** Dev/test only: the portal's client secret in the local realm. Never used outside this machine. */
    static final String DEV_ONLY_CLIENT_SECRET = "dev-only-gift-portal-client-secret";
    /** Dev/test only: the password of every demo user in the local realm. */
    static final String DEV_ONLY_DEMO_PASSWORD = "demo-pass-123";
    /** The project's login theme (src/main/keycloak/themes/gift-portal). */
    static final String THEME = "gift-portal";

    private final Process process;
    private final int port;
    private final String adminPassword;
    private final String clientSecret;

    private LocalKeycloak(Process process, int port, String adminPassword, String clientSecret) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.clientSecret = clientSecret;
    }

    /**
     * @param portalUrls the portal instances' own URLs, registered as the client's redirect targets; the first one
     *        also gets the back-channel logouts
     * @param clientSecret the portal's client secret in the realm
     * @param forTests whether the realm serves the tests (their own regions are offered too)
     */
    static LocalKeycloak start(Path workDir, int port, List<String> portalUrls, String brandName, String clientSecret,
            int smtpPort, boolean forTests) {
        Path home = installation();
        installTheme(home);
        String adminPassword = UUID.randomUUID().toString();
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + Ports.freeLoopbackPort(), "--hostname-strict=false")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            // Each instance keeps its scratch files apart so a demo and a test run can share one installation.
            env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + workDir.resolve("tmp")
                    + " -Dquarkus.transaction-manager.object-store.directory=" + workDir.resolve("tx"));
            Files.createDirectories(workDir.resolve("tmp"));
            LocalKeycloak keycloak = new LocalKeycloak(builder.start(), port, adminPassword, clientSecret);
            keycloak.awaitReady(log);
            keycloak.admin().createRealm(realmJson(portalUrls, brandName, clientSecret, smtpPort, forTests));
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        URI master = URI.create(baseUrl() + "/realms/master");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(master).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within 4 minutes; see " + log);
    }

    /**
     * Copies the project's login theme (src/main/keycloak/themes) into the installation's themes folder, where
     * Keycloak finds folder themes without a build; start-dev doesn't cache them.
     */
    private static void installTheme(Path home) {
        Path source = Path.of("src", "main", "keycloak", "themes", THEME);
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("The login theme is missing at " + source.toAbsolutePath()
                    + ": run from the project's folder");
        }
        Path target = home.resolve("themes").resolve(THEME);
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // The brand colour from the portal's configuration, as the portal's own pages have it.
            Files.writeString(target.resolve("login/resources/css/brand.css"), ":root { --brand: "
                    + PortalProperties.brandColour() + "; }\n");
            Path emailTheme = target.resolve("email/theme.properties");
            Files.writeString(emailTheme, Files.readString(emailTheme).replaceAll("(?m)^brandColour=.*$",
                    "brandColour=" + PortalProperties.brandColour()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install the login theme", e);
        }
    }

    private static String realmJson(List<String> portalUrls, String brandName, String clientSecret, int smtpPort,
            boolean forTests)
            throws IOException {
        JsonObject realm;
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/stack/keycloak-realm.json")) {
            realm = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@portalUrl@", portalUrls.get(0))
                    .replace("@clientSecret@", clientSecret)
                    .replace("@demoPassword@", DEV_ONLY_DEMO_PASSWORD)
                    .replace("@brandName@", brandName));
        }
        // Every instance may send shoppers to sign in and back, and to sign out and back.
        JsonObject client = realm.getJsonArray("clients").getJsonObject(0);
        client.put("redirectUris", new JsonArray(portalUrls.stream().map(url -> url + "/*").toList()));
        client.put("webOrigins", new JsonArray(portalUrls));
        // Sign-out comes back to one fixed page only: never to an address a request chose (a gift link's token).
        client.getJsonObject("attributes").put("post.logout.redirect.uris",
                String.join("##", portalUrls.stream().map(url -> url + "/signed-out").toList()));
        // Gift recipients without an account sign up; Keycloak's mails go to the local SMTP server.
        realm.getJsonObject("smtpServer").put("port", Integer.toString(smtpPort));
        signUpRegion(realm, PortalProperties.regions(forTests));
        return realm.encode();
    }

    /** The region a shopper picks at sign-up: one of the portal's configured regions, shown by name. */
    private static void signUpRegion(JsonObject realm, Map<String, String> regions) {
        JsonObject component = realm.getJsonObject("components").getJsonArray(
                "org.keycloak.userprofile.UserProfileProvider").getJsonObject(0);
        JsonArray config = component.getJsonObject("config").getJsonArray("kc.user.profile.config");
        JsonObject profile = new JsonObject(config.getString(0));
        for (Object each : profile.getJsonArray("attributes")) {
            JsonObject attribute = (JsonObject) each;
            if (attribute.getString("name").equals("region")) {
                attribute.getJsonObject("validations").put("options", new JsonObject().put("options",
                        new JsonArray(List.copyOf(regions.keySet()))));
                JsonObject labels = new JsonObject();
                regions.forEach(labels::put);
                attribute.put("annotations", new JsonObject().put("inputType", "select")
                        .put("inputOptionLabels", labels).put("inputHelperTextAfter", "${region.help}"));
            }
        }
        component.getJsonObject("config").put("kc.user.profile.config", new JsonArray().add(profile.encode()));
    }

    /** Unpacks the distribution once per machine, outside target/ so a clean build keeps it (and its build step). */
    private static Path installation() {
        String version = System.getProperty("keycloak.version", "26.7.3");
        Path cache = cacheDir();
        Path home = cache.resolve("keycloak-" + version);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = Path.of(System.getProperty("keycloak.dist.zip", "target/stack/keycloak-dist.zip"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found at " + zip
                    + ": run ./mvnw test-compile first, it fetches it from Maven Central");
        }
        try {
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, "unpacking-");
            unzip(zip, staging);
            Files.move(staging.resolve("keycloak-" + version), home, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(staging);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + zip, e);
        }
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("gift-card-portal");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Refusing zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                if (entry.getName().endsWith(".sh")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /**
     * Keycloak listens on 127.0.0.1 only, but is addressed as localhost: browsers (and HtmlUnit) accept its Secure
     * cookies over plain http only from a host named localhost.
     */
    String baseUrl() {
        return "http://localhost:" + port;
    }

    String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl(), REALM, adminPassword);
    }

    String adminPassword() {
        return adminPassword;
    }

    String clientSecret() {
        return clientSecret;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
