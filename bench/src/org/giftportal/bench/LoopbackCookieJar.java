package org.giftportal.bench;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A browser's cookie jar for one host, localhost: it sends Secure cookies over plain http as browsers do for
 * localhost (java.net.CookieManager won't, and Keycloak marks its login cookies Secure). The portal and Keycloak
 * share the host but not cookie names or paths.
 */
final class LoopbackCookieJar extends CookieHandler {
    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.values().stream()
                .filter(cookie -> !cookie.hasExpired())
                .filter(cookie -> cookie.getPath() == null || path.startsWith(cookie.getPath()))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("set-cookie".equalsIgnoreCase(name)) {
                values.forEach(value -> HttpCookie.parse(value).forEach(this::store));
            }
        });
    }

    private void store(HttpCookie cookie) {
        String key = cookie.getName() + "|" + cookie.getPath();
        if (cookie.getMaxAge() == 0) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }
}
