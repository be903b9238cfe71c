package org.giftportal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One signed-in shopper, as a browser would be: session cookie from the real Keycloak login form. */
final class ShopperSession {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private final LoopbackCookieJar cookies = new LoopbackCookieJar();
    private final HttpClient following;
    private final HttpClient direct;
    private final String portal;
    private String csrfToken;
    private String username;
    private volatile String lastConfirmation;

    ShopperSession(String portal) {
        this.portal = portal;
        // HTTP/1.1 as through a browser's proxy: the JDK's cleartext HTTP/2 upgrade is what no browser does, and its
        // header compression of the session cookie on both ends weighed more than the pages measured.
        this.following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        this.direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    void signIn(String username, String password) throws IOException, InterruptedException {
        this.username = username;
        HttpResponse<String> login = following.send(HttpRequest.newBuilder(URI.create(portal + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher form = LOGIN_FORM.matcher(login.body());
        if (!form.find()) {
            throw new IllegalStateException("No Keycloak login form at " + login.uri());
        }
        Matcher action = ACTION.matcher(form.group());
        action.find();
        String target = action.group(1).replace("&amp;", "&");
        HttpResponse<String> home = following.send(HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", username, "password", password, "credentialId", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!home.body().contains("Hello,")) {
            throw new IllegalStateException("Sign-in of " + username + " ended at " + home.uri());
        }
        HttpResponse<String> redeemPage = get("/redeem");
        Matcher token = CSRF.matcher(redeemPage.body());
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the redeem page");
        }
        csrfToken = token.group(1);
    }

    /** The Cookie header this shopper's browser sends to the portal, for a load generator to send the same. */
    String cookieHeader() {
        return cookies.get(URI.create(portal + "/redeem"), Map.of()).get("Cookie").get(0);
    }

    String csrfToken() {
        return csrfToken;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return direct.send(HttpRequest.newBuilder(URI.create(portal + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Presses "Apply to your balance" on the instance at {@code base}; the status the portal answered (303 with the
     * confirmation, or a page), or -1 if no answer came (the connection refused or cut).
     */
    int redeemAt(String base, String code) throws InterruptedException {
        return redeemWith(base, code, UUID.randomUUID().toString());
    }

    /** The same, with the form's request id: two tabs of one form send the same one. */
    int redeemWith(String base, String code, String requestId) throws InterruptedException {
        try {
            HttpResponse<Void> response = direct.send(HttpRequest.newBuilder(URI.create(base + "/redeem"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(form(Map.of("csrf-token", csrfToken, "claimCode", code,
                            "requestId", requestId))).build(),
                    HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location").orElse("");
            boolean confirmed = response.statusCode() == 303 && location.contains("/redeem/confirmation/");
            if (confirmed) {
                lastConfirmation = URI.create(location).getPath();
            }
            return confirmed || response.statusCode() != 303 ? response.statusCode() : 302;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether the instance at {@code base} shows this shopper's latest confirmation (written through another). */
    boolean confirmationShownAt(String base) throws InterruptedException {
        String confirmation = lastConfirmation;
        if (confirmation == null) {
            return false;
        }
        try {
            return direct.send(HttpRequest.newBuilder(URI.create(base + confirmation)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    String username() {
        return username;
    }

    /** Presses "Apply to your balance"; true when the portal answered with the confirmation redirect. */
    boolean redeem(String code) throws IOException, InterruptedException {
        HttpResponse<Void> response = direct.send(HttpRequest.newBuilder(URI.create(portal + "/redeem"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("csrf-token", csrfToken, "claimCode", code,
                        "requestId", UUID.randomUUID().toString()))).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 303
                && response.headers().firstValue("Location").orElse("").contains("/redeem/confirmation/");
    }

    /** Posts a form with this session's CSRF token, without following the answer's redirect. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("csrf-token", csrfToken);
        return direct.send(HttpRequest.newBuilder(URI.create(portal + path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form(all)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a file-upload form (multipart) with this session's CSRF token, as a browser sends one. */
    HttpResponse<String> upload(String path, Map<String, String> fields, String fileField, String fileName,
            byte[] file) throws IOException, InterruptedException {
        String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("csrf-token", csrfToken);
        for (Map.Entry<String, String> field : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return direct.send(HttpRequest.newBuilder(URI.create(portal + path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
