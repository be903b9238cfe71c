package org.giftportal.account;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the identity provider says about the signed-in person, read from the ID token. */
record ShopperProfile(String subject, String displayName, String email, String region) {

    static ShopperProfile from(JsonWebToken idToken) {
        return new ShopperProfile(idToken.getSubject(), displayName(idToken), idToken.getClaim("email"),
                idToken.getClaim("region"));
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
