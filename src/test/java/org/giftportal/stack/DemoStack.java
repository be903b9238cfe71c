package org.giftportal.stack;

import io.vertx.core.json.JsonObject;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.DemoCards;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack for {@code ./portal-demo}: MariaDB keeps its data in {@code .portal-demo/} between runs, Keycloak
 * gets the demo realm. Writes the portal's settings to an env file for the script, then runs until stopped
 * (Ctrl-C), stopping everything it started.
 *
 * <p>Arguments: work directory, portal URL, MariaDB port, Keycloak port.
 */
public final class DemoStack {

    private DemoStack() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path workDir = Path.of(args[0]).toAbsolutePath();
        String portalUrl = args[1];
        int mariaDbPort = Integer.parseInt(args[2]);
        int keycloakPort = Integer.parseInt(args[3]);
        for (int port : new int[] {mariaDbPort, keycloakPort}) {
            if (!Ports.isFree(port)) {
                System.err.println("Port " + port + " on 127.0.0.1 is in use. Is another ./portal-demo running?"
                        + " Stop it, or choose other ports (see README).");
                System.exit(2);
            }
        }
        // ./portal-demo may die without stopping us (a pipeline's Ctrl-C, a kill -9): then we stop too.
        ExitWithParent.watch(0);
        LocalStack stack = LocalStack.start(new LocalStack.Options(workDir, true, portalUrl, mariaDbPort,
                keycloakPort, System.getenv().getOrDefault("PORTAL_BRAND_NAME", PortalProperties.brandName())));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and MariaDB...");
            stack.close();
        }, "demo-stack-shutdown"));
        Files.writeString(workDir.resolve("keycloak/admin-password"), stack.keycloakAdminPassword() + "\n");
        Files.writeString(workDir.resolve("demo-sign-ins.txt"), demoSignIns(), StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("demo-cards.txt"), demoCards(), StandardCharsets.UTF_8);
        // Last: ./portal-demo starts the portal once this file is there, and then reads the others.
        writeEnvFile(workDir.resolve("stack.env"), stack.portalSettings());
        System.out.println("Local stack ready: MariaDB on 127.0.0.1:" + mariaDbPort + ", Keycloak on "
                + stack.keycloakUrl() + " (admin console user 'admin', password in " + workDir.resolve("keycloak")
                + "/admin-password)");
        copyIdentityMail(stack.identityMail(), workDir.resolve("identity-mail"));
    }

    /**
     * Copies each mail Keycloak sends (verify an email, reset a password) to a file the portal's dev mailbox reads
     * (portal.dev-mailbox.identity-mail-dir), so the demo's sign-up can be followed like the portal's own mails.
     * Runs until the demo stops.
     */
    private static void copyIdentityMail(IdentityMail mail, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        try (java.util.stream.Stream<Path> old = Files.list(folder)) {
            for (Path file : old.toList()) {
                Files.delete(file); // Keycloak's realm (and its mails) start afresh with every demo
            }
        }
        int copied = 0;
        while (true) {
            List<IdentityMail.Received> received = mail.received();
            for (; copied < received.size(); copied++) {
                IdentityMail.Received one = received.get(copied);
                Path temp = folder.resolve(String.format("%06d.tmp", copied));
                Files.writeString(temp, "To: " + one.to() + "\nSubject: " + one.subject() + "\n\n" + one.text(),
                        StandardCharsets.UTF_8);
                Files.move(temp, folder.resolve(String.format("%06d.txt", copied)), StandardCopyOption.ATOMIC_MOVE);
            }
            Thread.sleep(1000);
        }
    }

    /** The demo claim codes, from the same list the portal seeds its demo cards from in dev mode. */
    private static String demoCards() {
        List<ClaimCode> codes = DemoCards.codes();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < codes.size(); i++) {
            DemoCards.DemoCard card = DemoCards.CARDS.get(i);
            lines.append(String.format("  %s  %5d %s  %s%n", codes.get(i).formatted(), card.wholeUnits(),
                    card.region(), card.purpose()));
        }
        return lines.toString();
    }

    /** The demo users, read from the realm file itself so the list can't drift from what Keycloak has. */
    private static String demoSignIns() throws IOException {
        JsonObject realm;
        try (InputStream in = DemoStack.class.getResourceAsStream("/stack/keycloak-realm.json")) {
            realm = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        StringBuilder lines = new StringBuilder();
        for (Object entry : realm.getJsonArray("users")) {
            JsonObject user = (JsonObject) entry;
            if (user.containsKey("serviceAccountClientId")) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            user.getJsonArray("realmRoles").stream().map(Object::toString)
                    .filter(role -> !role.startsWith("default-roles")).forEach(roles::add);
            JsonObject attributes = user.getJsonObject("attributes");
            String store = attributes.containsKey("store") ? "  at store " + attributes.getJsonArray("store")
                    .getString(0) : "";
            lines.append(String.format("  %-8s %-20s region %s  roles: %s%s%n", user.getString("username"),
                    user.getString("firstName") + " " + user.getString("lastName"),
                    attributes.getJsonArray("region").getString(0), String.join(", ", roles), store));
        }
        lines.append("  Password for every demo user: ").append(LocalStack.demoPassword()).append(" (dev only)\n");
        lines.append("  Store API clients (client credentials, dev-only secrets): store-checkout /"
                + " dev-only-store-checkout-secret, store-till / dev-only-store-till-secret\n");
        return lines.toString();
    }

    private static void writeEnvFile(Path file, Map<String, String> settings) throws IOException {
        String lines = settings.entrySet().stream()
                .map(entry -> "export " + entry.getKey() + "='" + entry.getValue().replace("'", "'\\''") + "'")
                .collect(Collectors.joining("\n", "", "\n"));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
