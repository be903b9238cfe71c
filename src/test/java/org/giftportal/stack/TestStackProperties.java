package org.giftportal.stack;

/** Names of the system properties through which the test stack tells tests where it is. */
public final class TestStackProperties {
    public static final String KEYCLOAK_URL = "teststack.keycloak-url";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "teststack.keycloak-admin-password";

    private TestStackProperties() {
    }

    public static KeycloakAdmin keycloakAdmin() {
        return new KeycloakAdmin(required(KEYCLOAK_URL), LocalKeycloak.REALM, required(KEYCLOAK_ADMIN_PASSWORD));
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
