package org.giftportal.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.giftportal.stack.TestStackProperties;

/** Access tokens from the test stack's real Keycloak: the store's machine clients, or a shopper through them. */
public final class StoreClients {
    public static final String CHECKOUT = "store-checkout";
    public static final String TILL = "store-till";
    /** Dev/test only: the secrets of the local realm's store clients (keycloak-realm.json). */
    private static final Map<String, String> DEV_ONLY_SECRETS = Map.of(CHECKOUT, "dev-only-store-checkout-secret",
            TILL, "dev-only-store-till-secret");
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private StoreClients() {
    }

    /** A client's token by the client credentials grant (kept for the test run: tokens live five minutes). */
    public static String token(String client) {
        return TOKENS.computeIfAbsent(client, StoreClients::fetch);
    }

    /** A request of the store's checkout: its bearer token, JSON, and a fresh Idempotency-Key. */
    public static RequestSpecification checkout() {
        return given().auth().oauth2(token(CHECKOUT)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A request of the stores' till system (card activations): its bearer token, JSON, a fresh Idempotency-Key. */
    public static RequestSpecification till() {
        return given().auth().oauth2(token(TILL)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A shopper's own access token, got by the store's client for them (as a store signing shoppers in would). */
    public static String shopperToken(TestShopper shopper) {
        return given().baseUri(realm()).formParam("grant_type", "password").formParam("client_id", CHECKOUT)
                .formParam("client_secret", DEV_ONLY_SECRETS.get(CHECKOUT)).formParam("username", shopper.username())
                .formParam("password", shopper.password()).formParam("scope", "openid")
                .post("/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    /** A token of the client's own, not shared with other tests (for tests of how tokens are checked). */
    public static String freshToken(String client) {
        return fetch(client);
    }

    private static String fetch(String client) {
        return given().baseUri(realm()).formParam("grant_type", "client_credentials").formParam("client_id", client)
                .formParam("client_secret", DEV_ONLY_SECRETS.get(client)).post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static String realm() {
        return TestStackProperties.keycloakUrl() + "/realms/gift-portal";
    }
}
