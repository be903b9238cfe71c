package org.giftportal.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giftportal.site.PortalConfig;

/**
 * Size limits checked before anything of a request is read, each answered with the portal's error page (a problem
 * document on the store API) rather than the HTTP server's empty one: the address (414), the headers (431) and the
 * body (413, or 411 when a body of unknown length goes where only small forms are taken). Only the upload routes take
 * large bodies; the HTTP server's own limits sit above these, for requests no browser sends.
 */
@ApplicationScoped
public class RequestLimits {
    /** Quarkus OIDC's cookie of a sign-in under way; an abandoned one lives on for a few minutes. */
    private static final String SIGN_IN_STATE_COOKIE = "q_auth";
    /**
     * Sign-ins under way that one browser keeps at once: a sign-up waiting for its email, and a tab or two opened
     * meanwhile. Older ones are dropped on any request; a response that starts another sign-in adds one more.
     */
    static final int SIGN_INS_KEPT = 3;
    private final PortalConfig.RequestLimits limits;

    RequestLimits(PortalConfig config) {
        this.limits = config.requestLimits();
    }

    void register(@Observes Filters filters) {
        // After the security headers (100), which every response gets, these refusals included.
        filters.register(this::check, 90);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean headersTooLarge = headerBytes(request.headers()) > limits.maxHeaderBytes();
        // Headers too large are most often stale sign-in state cookies: dropping them all lets the next request
        // through. Otherwise only the oldest go.
        dropOldest(context, signInStates(request), headersTooLarge ? 0 : SIGN_INS_KEPT);
        if (request.uri().length() > limits.maxUrlLength()) {
            refuse(context, 414);
        } else if (headersTooLarge) {
            refuse(context, 431);
        } else if (request.method() == HttpMethod.POST && !ErrorPages.isApi(context.normalizedPath()) && !isForm(request)) {
            // The pages take forms only. CSRF tokens are checked in forms (quarkus.rest-csrf); this keeps a
            // cross-site POST of another type (text/plain, or no body at all) from getting past that check.
            refuse(context, 415);
        } else if (hasBody(request) && !takesUploads(request)) {
            String length = request.getHeader("Content-Length");
            if (length == null) {
                refuse(context, 411);
            } else if (parse(length) > limits.maxFormBytes().asLongValue()) {
                refuse(context, 413);
            } else {
                context.next();
            }
        } else {
            context.next();
        }
    }

    private boolean takesUploads(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && limits.uploadPaths().contains(request.path());
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static boolean hasBody(HttpServerRequest request) {
        return request.getHeader("Content-Length") != null && !"0".equals(request.getHeader("Content-Length"))
                || request.getHeader("Transfer-Encoding") != null;
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The names of the sign-in state cookies the request carries, oldest first: browsers send cookies of the same
     * path oldest first (RFC 6265, 5.4), and the sign-in layer's all have the path "/". Read from the raw header, on
     * every request, so a request without any (most of them) costs a substring search and nothing else.
     */
    private static List<String> signInStates(HttpServerRequest request) {
        List<String> states = List.of();
        for (String header : request.headers().getAll("Cookie")) {
            if (!header.contains(SIGN_IN_STATE_COOKIE)) {
                continue;
            }
            for (String pair : header.split(";")) {
                String cookie = pair.strip();
                if (cookie.startsWith(SIGN_IN_STATE_COOKIE)) {
                    int equals = cookie.indexOf('=');
                    states = states.isEmpty() ? new ArrayList<>() : states;
                    states.add(equals < 0 ? cookie : cookie.substring(0, equals));
                }
            }
        }
        return states;
    }

    /** Expires all but the newest {@code kept} of the sign-in states. */
    private static void dropOldest(RoutingContext context, List<String> states, int kept) {
        states.subList(0, Math.max(0, states.size() - kept))
                .forEach(name -> context.response().addCookie(expired(name)));
    }

    private static Cookie expired(String name) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0);
    }

    /** The portal's error page, or for the store API (machine clients) a problem document, as every API error is. */
    private static void refuse(RoutingContext context, int status) {
        boolean api = ErrorPages.isApi(context.normalizedPath());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", api ? Problem.MEDIA_TYPE : "text/html; charset=UTF-8")
                .putHeader("Connection", "close")
                .end(api ? Problem.ofStatus(status, null).json() : ErrorPages.renderBare(ErrorPage.forStatus(status)));
    }
}
