package org.giftportal.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Form posts sent outside a browser, with a signed-in browser's cookies: for racing one session's requests against
 * each other from many threads at once, which one HtmlUnit browser can't do.
 */
public final class RawForms {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private RawForms() {
    }

    /** The portal under test (its port is known once it has started). */
    private static String local() {
        return "http://localhost:" + System.getProperty("quarkus.http.test-port");
    }

    /** The Cookie header the browser sends to the portal. */
    public static String cookieHeader(Browser browser) {
        return browser.portalCookieJar().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Posts the fields as multipart/form-data (as a form with a file field sends them, here without files). */
    public static int postMultipart(String cookieHeader, String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "----raw" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + System.getProperty("quarkus.http.test-port") + path))
                .header("Cookie", cookieHeader)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Posts the fields URL-encoded with these cookies; returns the status the portal answered. */
    public static int post(String cookieHeader, String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        return answer(cookieHeader, path, fields).statusCode();
    }

    /** The same, with the whole answer's status and headers (where a redirect points). */
    public static HttpResponse<Void> answer(String cookieHeader, String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        return answer(local(), null, cookieHeader, path, fields);
    }

    /** Posts as a browser at {@code clientAddress} would (through the test proxy header): budgets of its own. */
    public static int postFrom(String clientAddress, String cookieHeader, String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        return answer(local(), clientAddress, cookieHeader, path, fields).statusCode();
    }

    /** Posts to the portal at {@code baseUrl} (one of several instances); returns the status it answered. */
    public static int post(String baseUrl, String cookieHeader, String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        return answer(baseUrl, null, cookieHeader, path, fields).statusCode();
    }

    private static HttpResponse<Void> answer(String baseUrl, String clientAddress, String cookieHeader, String path,
            Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", cookieHeader)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
