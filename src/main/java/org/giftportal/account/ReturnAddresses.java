package org.giftportal.account;

import io.vertx.core.http.CookieSameSite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a shopper was going when a trip to the identity provider began. The provider only ever sends the browser back
 * to fixed pages (it never carries the address: a gift link holds a live token that the provider and its proxies would
 * log), so the address waits in a short-lived first-party cookie that the fixed page reads once.
 */
@ApplicationScoped
public class ReturnAddresses {
    public static final String SIGN_OUT_COOKIE = "portal-return";
    public static final String SIGN_IN_COOKIE = "portal-signin-return";

    /** The trips: each keeps its address in a cookie of its own, for as long as the trip can take. */
    public enum Trip {
        /** A session ended elsewhere: the provider's sign-out and back. */
        SIGN_OUT(SIGN_OUT_COOKIE, 300),
        /**
         * A sign-in or sign-up: as long as its state is kept (quarkus.oidc.authentication.state-cookie-age), which
         * covers waiting for the email that confirms a new account's address.
         */
        SIGN_IN(SIGN_IN_COOKIE, 1800);

        public final String cookie;
        private final int maxAgeSeconds;

        Trip(String cookie, int maxAgeSeconds) {
            this.cookie = cookie;
            this.maxAgeSeconds = maxAgeSeconds;
        }
    }

    private static final int MAX_LENGTH = 2000;

    private final boolean secure;

    ReturnAddresses(@ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure",
            defaultValue = "false") boolean secure) {
        this.secure = secure;
    }

    /** Keeps the path (and query) of {@code requested}, this site's only; nothing if it is too long to keep. */
    Optional<NewCookie> remember(Trip trip, URI requested) {
        return localPart(requested).map(local -> cookie(trip, URLEncoder.encode(local, StandardCharsets.UTF_8),
                trip.maxAgeSeconds));
    }

    /** The same, as the sign-in layer's (Vert.x) cookie, for a trip that starts there. */
    Optional<io.vertx.core.http.Cookie> rememberOnTheWayOut(Trip trip, URI requested) {
        return localPart(requested).map(local -> io.vertx.core.http.Cookie.cookie(trip.cookie,
                URLEncoder.encode(local, StandardCharsets.UTF_8)).setPath("/").setMaxAge(trip.maxAgeSeconds)
                .setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX));
    }

    /** The address kept by {@link #remember}, if there is one and it is a path on this site. */
    public Optional<URI> kept(Cookie cookie) {
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            return Optional.empty();
        }
        String local = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
        return isLocal(local) ? Optional.of(URI.create(local)) : Optional.empty();
    }

    /** Drops the kept address: it is used once. */
    public NewCookie forget(Trip trip) {
        return cookie(trip, "", 0);
    }

    private static Optional<String> localPart(URI requested) {
        String local = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        return isLocal(local) ? Optional.of(local) : Optional.empty();
    }

    /** A path on this site: never another host ({@code //evil.example}, {@code /\evil.example}) or a scheme. */
    static boolean isLocal(String address) {
        if (address.length() > MAX_LENGTH || !address.startsWith("/") || address.startsWith("//")
                || address.startsWith("/\\") || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = URI.create(address);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private NewCookie cookie(Trip trip, String value, int maxAge) {
        return new NewCookie.Builder(trip.cookie).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
