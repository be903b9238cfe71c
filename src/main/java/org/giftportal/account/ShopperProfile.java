package org.giftportal.account;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the identity provider says about the signed-in person, read from the ID token. */
record ShopperProfile(String subject, String displayName, String email, boolean emailVerified, String region) {

    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 320;

    static ShopperProfile from(JsonWebToken idToken) {
        String email = idToken.getClaim("email");
        boolean usable = email != null && email.length() <= MAX_EMAIL;
        return new ShopperProfile(idToken.getSubject(), cut(displayName(idToken), MAX_NAME), usable ? email : null,
                usable && Boolean.TRUE.equals(verified(idToken)), idToken.getClaim("region"));
    }

    /** Whether the provider has checked the shopper owns the address; providers send true, "true" or nothing. */
    private static Boolean verified(JsonWebToken token) {
        Object claim = token.getClaim("email_verified");
        if (claim instanceof Boolean flag) {
            return flag;
        }
        if (claim instanceof jakarta.json.JsonValue json) {
            return json == jakarta.json.JsonValue.TRUE;
        }
        return claim != null && "true".equalsIgnoreCase(claim.toString());
    }

    /** The identity provider sets no length limits; the account's columns do. */
    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    private static String displayName(JsonWebToken token) {
        String name = token.getClaim("name");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String given = token.getClaim("given_name");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String username = token.getClaim("preferred_username");
        return username != null ? username : "Shopper";
    }
}
