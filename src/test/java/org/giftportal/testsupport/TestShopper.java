package org.giftportal.testsupport;

/** A person in the test realm: created fresh for a test class, so no other test shares their data. */
public record TestShopper(String keycloakId, String username, String password, String firstName, String lastName,
        String region) {

    public String displayName() {
        return firstName + " " + lastName;
    }

    public String email() {
        return username + "@example.test";
    }
}
