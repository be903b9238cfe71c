package org.giftportal.stack;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API, for creating the realm and, in tests, fresh users that no other test shares. */
public final class KeycloakAdmin {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String realm;
    private final String adminPassword;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public KeycloakAdmin(String baseUrl, String realm, String adminPassword) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.adminPassword = adminPassword;
    }

    void createRealm(String realmJson) {
        HttpResponse<String> response = send(authorized("/admin/realms")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson)));
        expect(response, 201, "create realm");
    }

    /** Creates an enabled user with a password, a region attribute and the given realm roles; returns its id. */
    public synchronized String createUser(String username, String firstName, String lastName, String region,
            String password, List<String> roles) {
        return createUser(username, firstName, lastName, Map.of("region", region), password, roles);
    }

    /** A user with these attributes (region, and a cashier's store). */
    public synchronized String createUser(String username, String firstName, String lastName,
            Map<String, String> attributes, String password, List<String> roles) {
        JsonObject values = new JsonObject();
        attributes.forEach((name, value) -> values.put(name, new JsonArray().add(value)));
        JsonObject user = new JsonObject()
                .put("username", username)
                .put("email", username + "@example.test")
                .put("emailVerified", true)
                .put("firstName", firstName)
                .put("lastName", lastName)
                .put("enabled", true)
                .put("attributes", values)
                .put("credentials", new JsonArray().add(new JsonObject()
                        .put("type", "password").put("value", password).put("temporary", false)));
        HttpResponse<String> created = send(authorized("/admin/realms/" + realm + "/users")
                .POST(HttpRequest.BodyPublishers.ofString(user.encode())));
        expect(created, 201, "create user " + username);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!roles.isEmpty()) {
            JsonArray mappings = new JsonArray();
            for (String role : roles) {
                HttpResponse<String> found = send(authorized("/admin/realms/" + realm + "/roles/"
                        + URLEncoder.encode(role, StandardCharsets.UTF_8)).GET());
                expect(found, 200, "find role " + role);
                mappings.add(new JsonObject(found.body()));
            }
            expect(send(authorized("/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm")
                    .POST(HttpRequest.BodyPublishers.ofString(mappings.encode()))), 204, "grant roles " + roles);
        }
        return id;
    }

    /** Ends every session of the user at the identity provider, as an administrator in its console would. */
    public synchronized void signOutEverywhere(String userId) {
        expect(send(authorized("/admin/realms/" + realm + "/users/" + userId + "/logout")
                .POST(HttpRequest.BodyPublishers.noBody())), 204, "sign out user");
    }

    /** The ids of the user's sessions at the provider: what its ID tokens carry as {@code sid}. */
    public synchronized java.util.List<String> sessionIds(String userId) {
        HttpResponse<String> found = send(authorized("/admin/realms/" + realm + "/users/" + userId + "/sessions").GET());
        expect(found, 200, "list sessions");
        JsonArray sessions = new JsonArray(found.body());
        return sessions.stream().map(session -> ((JsonObject) session).getString("id")).toList();
    }

    /** Marks the user's email as not (yet) verified, as for a shopper who signed up and hasn't clicked the link. */
    public synchronized void unverifyEmail(String userId) {
        HttpResponse<String> current = send(authorized("/admin/realms/" + realm + "/users/" + userId).GET());
        expect(current, 200, "read user");
        JsonObject user = new JsonObject(current.body()).put("emailVerified", false);
        expect(send(authorized("/admin/realms/" + realm + "/users/" + userId)
                .PUT(HttpRequest.BodyPublishers.ofString(user.encode()))), 204, "update user");
    }

    /** Renames a user, as a shopper who edits their profile at the identity provider would. */
    public synchronized void updateName(String userId, String firstName, String lastName) {
        JsonObject changes = new JsonObject().put("firstName", firstName).put("lastName", lastName);
        HttpResponse<String> current = send(authorized("/admin/realms/" + realm + "/users/" + userId).GET());
        expect(current, 200, "read user");
        JsonObject user = new JsonObject(current.body()).mergeIn(changes);
        expect(send(authorized("/admin/realms/" + realm + "/users/" + userId)
                .PUT(HttpRequest.BodyPublishers.ofString(user.encode()))), 204, "update user");
    }

    /**
     * Turns the realm's "verify email" on or off: off, an unverified address signs in as with a provider that doesn't
     * check addresses (what the portal must cope with).
     */
    public synchronized void setVerifyEmail(boolean on) {
        expect(send(authorized("/admin/realms/" + realm).PUT(HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("verifyEmail", on).encode()))), 204, "set verifyEmail");
    }

    /** The user with this email address, if there is one: their id. */
    public synchronized java.util.Optional<String> userIdByEmail(String email) {
        HttpResponse<String> found = send(authorized("/admin/realms/" + realm + "/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8)).GET());
        expect(found, 200, "find user");
        JsonArray users = new JsonArray(found.body());
        return users.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(users.getJsonObject(0).getString("id"));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json");
    }

    private synchronized String token() {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(response, 200, "admin sign-in");
        JsonObject body = new JsonObject(response.body());
        token = body.getString("access_token");
        tokenExpiry = Instant.now().plusSeconds(body.getLong("expires_in", 60L) - 10);
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API unreachable at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Keycloak admin: " + what + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
