package org.giftportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;

/**
 * A browser without JavaScript (HtmlUnit), as a shopper's browser with scripts off would be: every flow of the
 * portal must work in it. Signs in through the real Keycloak login form.
 */
public final class Browser implements AutoCloseable {
    private final WebClient client = new WebClient();
    private final URL portal;

    /** A fresh browser (no cookies) pointed at the portal under test. */
    public static Browser open() {
        try {
            return new Browser(new URL("http://localhost:" + System.getProperty("quarkus.http.test-port") + "/"));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh browser that the portal sees coming from this client address (through the test proxy header). */
    public static Browser from(String clientAddress) {
        Browser browser = open();
        browser.client.removeRequestHeader("X-Forwarded-For");
        browser.client.addRequestHeader("X-Forwarded-For", clientAddress);
        return browser;
    }

    public Browser(URL portal) {
        this.portal = portal;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
        client.setCssErrorHandler(new SilentCssErrorHandler());
        // Each browser is its own client, as seen through a proxy: per-address limits stay per test.
        client.addRequestHeader("X-Forwarded-For", clientAddress());
    }

    private static String clientAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** The portal's address without a trailing slash, as the portal names itself in links. */
    public String portalUrl() {
        String url = portal.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String portalHost() {
        return portal.getHost();
    }

    /** Opens a portal path (with query string, if any) and returns whatever page the browser lands on. */
    public HtmlPage open(String pathAndQuery) {
        Page page = fetch(pathAndQuery);
        if (page instanceof HtmlPage html) {
            return html;
        }
        throw new AssertionError("Expected an HTML page at " + pathAndQuery + " but got "
                + page.getWebResponse().getContentType());
    }

    /** Opens a portal path and returns what came back, HTML or not (a download). */
    public Page fetch(String pathAndQuery) {
        try {
            return client.getPage(new URL(portal, pathAndQuery));
        } catch (IOException | FailingHttpStatusCodeException e) {
            throw new UncheckedIOException(new IOException("Could not open " + pathAndQuery, e));
        }
    }

    /** On Keycloak's login page: types the credentials and submits, returning the page the browser lands on. */
    public static HtmlPage submitLogin(HtmlPage loginPage, String username, String password) {
        HtmlForm form = loginPage.getHtmlElementById("kc-form-login");
        form.getInputByName("username").setValue(username);
        form.getInputByName("password").setValue(password);
        try {
            return loginPage.getHtmlElementById("kc-login").click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in from the home page's Sign in button; returns the page after coming back to the portal. */
    public HtmlPage signIn(TestShopper shopper) {
        return submitLogin(open("/signin"), shopper.username(), shopper.password());
    }

    /** Presses "Sign out" in the page header (a form with its CSRF token); returns the page the browser lands on. */
    public HtmlPage signOut() {
        HtmlPage page = open("/");
        try {
            return page.<org.htmlunit.html.HtmlButton>getFirstByXPath("//form[@action='/signout']//button").click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the redeem page, types the code and presses the button; returns the page the shopper lands on. */
    public HtmlPage redeem(String typedCode) {
        return submitRedeemForm(open("/redeem"), typedCode);
    }

    /** On a redeem form already open (say from a gift email's link): optionally retypes the code, then submits. */
    public static HtmlPage submitRedeemForm(HtmlPage form, String typedCode) {
        if (form.getElementById("claimCode") == null) {
            throw new AssertionError("No redeem form at " + form.getUrl() + " (status "
                    + form.getWebResponse().getStatusCode() + "):\n" + form.asNormalizedText());
        }
        if (typedCode != null) {
            form.<org.htmlunit.html.HtmlInput>getHtmlElementById("claimCode").setValue(typedCode);
        }
        try {
            return form.getFirstByXPath("//form[@action='/redeem']//button[@type='submit']") instanceof
                    org.htmlunit.html.HtmlButton button ? button.click() : fail("No redeem button");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HtmlPage fail(String message) {
        throw new AssertionError(message);
    }

    /**
     * Sends a form the way a crafted request would, bypassing the page's own field limits: opens the page with the
     * form first for its CSRF token, then posts the given fields with it.
     */
    public HtmlPage postWithToken(String formPage, String action, Map<String, String> fields) {
        HtmlPage form = open(formPage);
        org.htmlunit.html.HtmlInput token = form.getFirstByXPath("//form[@action='" + action
                + "']//input[@name='csrf-token']");
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf-token", token.getValue());
        return post(action, all);
    }

    /** The form token of this signed-in browser (every page's sign-out form carries it). */
    public String csrfToken() {
        HtmlPage page = open("/");
        org.htmlunit.html.HtmlInput token = page.getFirstByXPath("//form[@action='/signout']//input[@name='csrf-token']");
        if (token == null) {
            throw new AssertionError("No form token: is the browser signed in?");
        }
        return token.getValue();
    }

    /** Posts the fields with this browser's form token, as the page's own form would. */
    public HtmlPage postForm(String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf-token", csrfToken());
        return post(action, all);
    }

    /** Posts exactly the given fields (no CSRF token unless among them), URL-encoded. */
    public HtmlPage post(String action, Map<String, String> fields) {
        return post(action, fields, org.htmlunit.FormEncodingType.URL_ENCODED);
    }

    /** Posts exactly the given fields in the given encoding (multipart, as a file-upload form does). */
    public HtmlPage post(String action, Map<String, String> fields, org.htmlunit.FormEncodingType encoding) {
        try {
            org.htmlunit.WebRequest request = new org.htmlunit.WebRequest(new URL(portal, action),
                    org.htmlunit.HttpMethod.POST);
            request.setEncodingType(encoding);
            request.setRequestParameters(fields.entrySet().stream()
                    .map(field -> new org.htmlunit.util.NameValuePair(field.getKey(), field.getValue()))
                    .toList());
            Page page = client.getPage(request);
            if (page instanceof HtmlPage html) {
                return html;
            }
            throw new AssertionError("Expected an HTML page from POST " + action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The cookies the portal set (Keycloak's own live on another host and are left out). */
    public java.util.List<Cookie> portalCookieJar() {
        return client.getCookieManager().getCookies().stream()
                .filter(cookie -> portal.getHost().equalsIgnoreCase(cookie.getDomain()))
                .toList();
    }

    public WebClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
