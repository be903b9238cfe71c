package org.giftportal.stack;

/** Names of the system properties through which the test stack tells tests where it is. */
public final class TestStackProperties {
    public static final String KEYCLOAK_URL = "teststack.keycloak-url";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "teststack.keycloak-admin-password";
    /** Ports registered with Keycloak for production-profile instances started by integration tests. */
    public static final String INSTANCE_PORTS = "teststack.instance-ports";
    /** The IMAP port of the SMTP server Keycloak sends its mails to (see {@link IdentityMail}). */
    public static final String IDENTITY_MAIL_IMAP_PORT = "teststack.identity-mail-imap-port";

    private TestStackProperties() {
    }

    public static KeycloakAdmin keycloakAdmin() {
        return new KeycloakAdmin(required(KEYCLOAK_URL), LocalKeycloak.REALM, required(KEYCLOAK_ADMIN_PASSWORD));
    }

    /** The ports for the production-profile instances an integration test starts. */
    public static java.util.List<Integer> instancePorts() {
        return java.util.Arrays.stream(required(INSTANCE_PORTS).split(",")).map(Integer::valueOf).toList();
    }

    /** The portal's settings as the stack gave them (database, identity provider), by their variable names. */
    public static java.util.Map<String, String> stackSettings() {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String name : java.util.List.of("DB_URL", "DB_USER", "DB_PASSWORD", "OIDC_AUTH_SERVER_URL",
                "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")) {
            settings.put(name, required(name));
        }
        return settings;
    }

    public static int identityMailImapPort() {
        return Integer.parseInt(required(IDENTITY_MAIL_IMAP_PORT));
    }

    public static String keycloakUrl() {
        return required(KEYCLOAK_URL);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: the test stack did not start");
        }
        return value;
    }
}
