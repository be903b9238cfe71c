package org.giftportal.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response the portal sends, pages, redirects to sign-in and static files alike.
 * A page may set a stricter header itself (the redeem page sends no referrer at all): this filter only fills in
 * what the page left unset.
 */
@ApplicationScoped
public class SecurityHeaders {
    private final String contentSecurityPolicy;

    SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String identityProvider) {
        URI provider = URI.create(identityProvider);
        String providerOrigin = provider.getScheme() + "://" + provider.getAuthority();
        // No inline script or style anywhere; forms may post only here, or end at the sign-in page when a
        // session expired mid-form.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self' " + providerOrigin + "; frame-ancestors 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeadersAtEnd, 100);
    }

    private void addHeadersAtEnd(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> apply(context));
        context.next();
    }

    private void apply(RoutingContext context) {
        MultiMap headers = context.response().headers();
        String path = context.normalizedPath();
        if (!(LaunchMode.current() == LaunchMode.DEVELOPMENT && path.startsWith("/q/"))) {
            // The dev UI runs inline scripts; it exists only in dev mode.
            setIfAbsent(headers, "Content-Security-Policy", contentSecurityPolicy);
        }
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfAbsent(headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        setIfAbsent(headers, "Cross-Origin-Opener-Policy", "same-origin");
        if ("https".equals(context.request().scheme())) {
            setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (!isStaticAsset(path)) {
            // Pages carry personal data (balances, history): never keep them in a shared or back-button cache.
            setIfAbsent(headers, "Cache-Control", "no-store");
        } else if (path.startsWith("/css/") && context.request().getParam("v") != null) {
            // Pages name the stylesheet with its content's version (?v=...): a new stylesheet is a new address, so
            // browsers keep this one for a year without asking again.
            headers.set("Cache-Control", "public, max-age=31536000, immutable");
        }
    }

    private static boolean isStaticAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/img/") || path.equals("/favicon.svg");
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
