package org.giftportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility checker, run in a real browser on the page it shows: its WCAG 2 A and AA rules. The
 * script (fetched by the build, see pom.xml) is evaluated through the driver, which a page's Content-Security-Policy
 * doesn't govern: the product's own policy stays strict.
 */
public final class Axe {
    private static String script;

    private Axe() {
    }

    /** The violations on the page as "rule: what to fix (n elements: first selector)", none when it passes. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(WebDriver driver) {
        JavascriptExecutor browser = (JavascriptExecutor) driver;
        browser.executeScript(script());
        Object found = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(result => done(result.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length"
                + " + ' elements: ' + v.nodes[0].target.join(' ') + ')')))"
                + ".catch(error => done(['axe failed: ' + error]));");
        return (List<String>) found;
    }

    private static synchronized String script() {
        if (script == null) {
            Path file = Path.of(System.getProperty("axe.script", "target/axe/package/axe.min.js"));
            try {
                script = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing at " + file + ": the build fetches it", e);
            }
        }
        return script;
    }
}
