package org.giftportal.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.giftportal.testsupport.Browser;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The identity provider's screens and mails speak the portal's languages: its theme carries Spanish for the portal's
 * own words (Keycloak has the rest) and Hindi for every word of every screen it shows (Keycloak has no Hindi), and
 * the sign-in page opens in the language the portal's pages were in.
 */
@QuarkusTest
class SignInLanguagesTest {
    private static final Path THEME = Path.of("src", "main", "keycloak", "themes", "gift-portal");
    /** Keycloak's own words on the screens the portal shows: sign in, sign up, confirm, reset, errors. */
    private static final Set<String> KEYCLOAK_WORDS_SHOWN = Set.of("username", "usernameOrEmail", "password",
            "email", "firstName", "lastName", "doSubmit", "doCancel", "doClickHere", "rememberMe", "backToLogin",
            "backToApplication", "proceedWithAction", "requiredFields", "showPassword", "hidePassword", "errorTitle",
            "pageExpiredTitle", "pageExpiredMsg1", "pageExpiredMsg2", "emailInstructionUsername",
            "emailVerifyInstruction4", "emailVerifyResend", "emailVerifySend", "restartLoginTooltip",
            "traceIdSupportMessage", "invalidUserMessage", "invalidUsernameOrEmailMessage", "invalidPasswordMessage",
            "missingUsernameMessage", "missingPasswordMessage", "missingFirstNameMessage", "missingLastNameMessage",
            "missingEmailMessage", "invalidEmailMessage", "emailExistsMessage", "usernameExistsMessage",
            "notMatchPasswordMessage", "invalidPasswordMinLengthMessage", "invalidPasswordNotUsernameMessage",
            "emailSentMessage", "emailVerifiedMessage", "emailVerifiedAlreadyMessage", "expiredActionMessage",
            "expiredCodeMessage", "expiredActionTokenNoSessionMessage", "loginTimeout", "cookieNotFoundMessage",
            "staleCodeMessage", "accountUpdatedMessage", "accountPasswordUpdatedMessage", "updatePasswordTitle",
            "invalidPasswordExistingMessage", "error-invalid-email", "error-user-attribute-required",
            "error-invalid-length", "error-invalid-value", "error-username-invalid-character",
            "error-person-name-invalid-character");

    @Test
    void theThemeCarriesEveryWordInEveryLanguage() throws Exception {
        for (String part : new String[] {"login", "email"}) {
            Set<String> own = read(THEME.resolve(part).resolve("messages").resolve("messages_en.properties"))
                    .stringPropertyNames();
            for (String language : new String[] {"hi", "es"}) {
                Properties translated = read(THEME.resolve(part).resolve("messages")
                        .resolve("messages_" + language + ".properties"));
                assertThat(translated.stringPropertyNames()).as("%s %s: the portal's own words", part, language)
                        .containsAll(own);
            }
        }
        assertThat(read(THEME.resolve("login/messages/messages_hi.properties")).stringPropertyNames())
                .as("Hindi, which Keycloak doesn't have: its words on the screens shown")
                .containsAll(KEYCLOAK_WORDS_SHOWN);
        for (String part : new String[] {"login", "email"}) {
            assertThat(read(THEME.resolve(part).resolve("theme.properties")).getProperty("locales"))
                    .isEqualTo("en,hi,es");
        }
    }

    @Test
    void theSignInPageOpensInThePortalsLanguage() {
        try (Browser browser = Browser.open()) {
            choose(browser, "hi");
            HtmlPage hindi = browser.open("/signin");
            assertThat(hindi.getDocumentElement().getAttribute("lang")).isEqualTo("hi");
            assertThat(hindi.asNormalizedText()).contains("यूज़रनेम या ईमेल").contains("पासवर्ड भूल गए?");
        }
        try (Browser browser = Browser.open()) {
            choose(browser, "es");
            HtmlPage spanish = browser.open("/signin");
            assertThat(spanish.getDocumentElement().getAttribute("lang")).isEqualTo("es");
            assertThat(spanish.asNormalizedText()).contains("¿Olvidaste tu contraseña?").contains("Crear una cuenta");
        }
    }

    private static void choose(Browser browser, String language) {
        browser.client().getCookieManager().addCookie(new org.htmlunit.http.Cookie(browser.portalHost(),
                ShopperLanguage.COOKIE, language, "/", null, false));
    }

    private static Properties read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
