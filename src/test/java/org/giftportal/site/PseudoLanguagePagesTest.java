package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.giftportal.testsupport.Axe;
import org.giftportal.testsupport.Chromium;
import org.giftportal.testsupport.Shoppers;
import org.giftportal.testsupport.TestCards;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The pages whose words have moved to message files, rendered in Chromium at 360 px in the pseudo-languages: in en-XA
 * every word a shopper reads (text, the page's title, labels read aloud) must come from a message (inside ⟦ ⟧), but
 * for a short list (the brand, amounts, dates, codes, the languages' own names); in en-XA and ar-XB (right to left)
 * nothing may scroll sideways, and axe-core finds nothing. Each page joins this list as its words move.
 */
@QuarkusTest
class PseudoLanguagePagesTest {
    /** What may be read outside a message: data, not words. */
    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("Brightleaf Market"),
            Pattern.compile("English|Español|हिन्दी"),
            Pattern.compile("•••• \\d{4}"),
            Pattern.compile("[A-Z0-9•]{4}-[A-Z0-9•]{6}-[A-Z0-9•]{5}"),
            Pattern.compile("(January|February|March|April|May|June|July|August|September|October|November|December)"
                    + " \\d{1,2}, \\d{4}(, \\d{1,2}:\\d{2}\\s?[AP]M [A-Z]{2,5})?"),
            Pattern.compile("[A-Z]{0,2}[$£€₹]\\s?[\\d,]+(\\.\\d{2})?"),
            Pattern.compile("[\\s\\d©.,:;!?()\\-–—/+−|·•@&]+"));
    private static final String VISIBLE_WORDS = """
            const seen = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              const element = node.parentElement;
              if (!element || element.closest('script, style, noscript, template, option')) continue;
              const style = getComputedStyle(element);
              if (style.display === 'none' || style.visibility === 'hidden') continue;
              if (node.textContent.trim()) seen.push(node.textContent);
            }
            for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
              for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
                const value = element.getAttribute(name);
                if (value && value.trim()) seen.push(value);
              }
            }
            seen.push(document.title);
            return seen;
            """;

    @Test
    void everyWordOfTheMovedPagesComesFromAMessageAndNothingOverflowsEitherWay() throws Exception {
        org.giftportal.testsupport.TestShopper shopper = Shoppers.customer("US");
        String code = TestCards.active("US", 40).code().formatted();
        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.start(360, 740)) {
            chromium.open("/");
            for (String language : List.of("en-XA", "ar-XB")) {
                choose(chromium, language);
                check(chromium, "/", language + " home, a visitor", problems);
            }
            choose(chromium, "en");
            chromium.signIn(shopper);
            for (String language : List.of("en-XA", "ar-XB")) {
                choose(chromium, language);
                check(chromium, "/", language + " home, signed in", problems);
                check(chromium, "/redeem", language + " redeem", problems);
            }
            choose(chromium, "en-XA");
            chromium.open("/redeem");
            redeem(chromium, code);
            checkShown(chromium, "en-XA redeem confirmation", problems);
            for (String[] typed : new String[][] {{"AB12", "a mistyped code"}, {code, "a card already redeemed"}}) {
                chromium.open("/redeem");
                redeem(chromium, typed[0]);
                checkShown(chromium, "en-XA redeem, " + typed[1], problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theMovedPagesInHindiAndSpanishFitAPhoneAndPassAxe() throws Exception {
        org.giftportal.testsupport.TestShopper priya = Shoppers.customer("IN");
        org.giftportal.testsupport.TestShopper alex = Shoppers.customer("US");
        List<String> problems = new ArrayList<>();
        for (String[] shopper : new String[][] {{"hi", "IN"}, {"es", "US"}}) {
            try (Chromium chromium = Chromium.start(360, 740)) {
                chromium.open("/");
                choose(chromium, shopper[0]);
                shown(chromium, "/", shopper[0] + " home, a visitor", problems);
                chromium.open("/signin");
                String signIn = shopper[0] + " sign-in page";
                if (!shopper[0].equals(chromium.driver().findElement(By.tagName("html")).getAttribute("lang"))) {
                    problems.add(signIn + ": not in " + shopper[0]);
                }
                fits(chromium, signIn, problems);
                chromium.signIn(shopper[1].equals("IN") ? priya : alex);
                shown(chromium, "/", shopper[0] + " home, signed in", problems);
                shown(chromium, "/redeem", shopper[0] + " redeem", problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A page in a real language: in it, fitting a phone, clean for axe, and kept as a screenshot to look at. */
    private static void shown(Chromium chromium, String path, String where, List<String> problems) {
        chromium.open(path);
        String language = where.substring(0, 2);
        if (!language.equals(chromium.driver().findElement(By.tagName("html")).getAttribute("lang"))) {
            problems.add(where + ": not in " + language);
        }
        fits(chromium, where, problems);
    }

    private static void fits(Chromium chromium, String where, List<String> problems) {
        chromium.screenshot("language-" + where.replace(' ', '-').replace(',', '-'));
        if (chromium.scrollsSideways()) {
            problems.add(where + ": scrolls sideways at 360 px");
        }
        Axe.violations(chromium.driver()).forEach(violation -> problems.add(where + ": " + violation));
    }

    /** Types the code into the redeem form and sends it, waiting until the answer's page replaced the form's. */
    private static void redeem(Chromium chromium, String code) {
        chromium.driver().findElement(By.id("claimCode")).sendKeys(code);
        org.openqa.selenium.WebElement send = chromium.driver().findElement(By.cssSelector(
                "form.redeem-form button[type=submit]"));
        send.click();
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver(), java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(send));
    }

    private static void choose(Chromium chromium, String language) {
        chromium.driver().manage().deleteCookieNamed("portal-language");
        chromium.driver().manage().addCookie(new Cookie("portal-language", language, "/"));
    }

    private static void check(Chromium chromium, String path, String where, List<String> problems) {
        chromium.open(path);
        checkShown(chromium, where, problems);
    }

    private static void checkShown(Chromium chromium, String where, List<String> problems) {
        String language = chromium.driver().findElement(By.tagName("html")).getAttribute("lang");
        String direction = chromium.driver().findElement(By.tagName("html")).getAttribute("dir");
        if (!where.startsWith(language + " ")) {
            problems.add(where + ": the page says lang=" + language);
        }
        if (language.equals("ar-XB") != "rtl".equals(direction)) {
            problems.add(where + ": dir=" + direction);
        }
        if (chromium.scrollsSideways()) {
            problems.add(where + ": scrolls sideways at 360 px");
            chromium.screenshot("pseudo-" + where.replace(' ', '-').replace(',', '-'));
        }
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) chromium.driver().executeScript(VISIBLE_WORDS);
        for (String text : seen) {
            // Innermost first: a message may carry another as its parameter ("Problem: {title}").
            String outside = text;
            for (String before = ""; !before.equals(outside); ) {
                before = outside;
                outside = outside.replaceAll(PseudoLanguageFilesTest.OPEN + "[^" + PseudoLanguageFilesTest.OPEN
                        + PseudoLanguageFilesTest.CLOSE + "]*" + PseudoLanguageFilesTest.CLOSE, " ");
            }
            for (Pattern allowed : ALLOWED) {
                outside = allowed.matcher(outside).replaceAll(" ");
            }
            if (!outside.isBlank()) {
                problems.add(where + ": words outside a message: \"" + text.strip() + "\"");
            }
        }
        Axe.violations(chromium.driver()).forEach(violation -> problems.add(where + ": " + violation));
    }
}
