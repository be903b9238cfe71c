package org.giftportal.account;

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
 * Where a shopper was going when their session was ended elsewhere. The identity provider only ever sends a signed-out
 * browser back to one fixed page (it never carries the address: a gift link holds a live token that the provider and
 * its proxies would log), so the address waits in a short-lived first-party cookie that the fixed page reads once.
 */
@ApplicationScoped
public class ReturnAfterSignOut {
    public static final String COOKIE = "portal-return";
    /** Long enough for a sign-out round trip at the provider, short enough not to outlive the visit. */
    private static final int MAX_AGE_SECONDS = 300;
    private static final int MAX_LENGTH = 2000;

    private final boolean secure;

    ReturnAfterSignOut(@ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure",
            defaultValue = "false") boolean secure) {
        this.secure = secure;
    }

    /** Keeps the path (and query) of {@code requested}, this site's only; nothing if it is too long to keep. */
    Optional<NewCookie> remember(URI requested) {
        String local = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        if (!isLocal(local)) {
            return Optional.empty();
        }
        return Optional.of(cookie(URLEncoder.encode(local, StandardCharsets.UTF_8), MAX_AGE_SECONDS));
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
    public NewCookie forget() {
        return cookie("", 0);
    }

    /** A path on this site: never another host ({@code //evil.example}, {@code /\evil.example}) or a scheme. */
    private static boolean isLocal(String address) {
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

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
