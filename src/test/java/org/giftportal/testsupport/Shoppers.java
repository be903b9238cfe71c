package org.giftportal.testsupport;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.giftportal.stack.KeycloakAdmin;
import org.giftportal.stack.TestStackProperties;

/** Creates users in the real Keycloak of the test stack: customers by region, support staff, admins. */
public final class Shoppers {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static KeycloakAdmin admin;

    private Shoppers() {
    }

    public static TestShopper customer(String region) {
        return create(region, List.of("customer"));
    }

    public static TestShopper support() {
        return create("US", List.of("customer", "support"));
    }

    /** A gift card programme manager: admin, and support as every admin is. */
    public static TestShopper admin() {
        return create("US", List.of("customer", "support", "admin"));
    }

    /** Finance: reads the statements, the money checks and the audit log; no shopper or staff work. */
    public static TestShopper finance() {
        return create("US", List.of("finance"));
    }

    /** A cashier whose sign-in names this store (a code of portal.stores, or any text for a store we don't have). */
    public static TestShopper cashier(String store) {
        return create("US", List.of("cashier"), store);
    }

    /** Ends the shopper's sessions at the identity provider (its console's "sign out"). */
    public static void signOutEverywhere(TestShopper shopper) {
        keycloak().signOutEverywhere(shopper.keycloakId());
    }

    /** A shopper whose email the identity provider has not verified. */
    public static TestShopper customerWithUnverifiedEmail(String region) {
        TestShopper shopper = customer(region);
        keycloak().unverifyEmail(shopper.keycloakId());
        return shopper;
    }

    public static void rename(TestShopper shopper, String firstName, String lastName) {
        keycloak().updateName(shopper.keycloakId(), firstName, lastName);
    }

    private static TestShopper create(String region, List<String> roles) {
        return create(region, roles, null);
    }

    private static TestShopper create(String region, List<String> roles, String store) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "t" + SEQUENCE.incrementAndGet() + "-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        String firstName = "Tess" + suffix.substring(0, 4);
        String lastName = "Shopper";
        java.util.Map<String, String> attributes = new java.util.HashMap<>(java.util.Map.of("region", region));
        if (store != null) {
            attributes.put("store", store);
        }
        String id = keycloak().createUser(username, firstName, lastName, attributes, password, roles);
        return new TestShopper(id, username, password, firstName, lastName, region);
    }

    private static synchronized KeycloakAdmin keycloak() {
        if (admin == null) {
            admin = TestStackProperties.keycloakAdmin();
        }
        return admin;
    }
}
