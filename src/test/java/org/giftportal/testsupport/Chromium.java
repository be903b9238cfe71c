package org.giftportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver packages), for what only a real rendering engine
 * can tell: layout at phone and desktop sizes, screenshots. Never downloads a browser: the machine has none to
 * offer but its own.
 */
public final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts Chromium, or skips the test where it isn't installed: on a newcomer's machine that is a skip with the
     * command to run, but in CI ({@code CI=true}, where .ci/run installs it) a browser test that can't run fails, so
     * it can never pass by not running.
     */
    public static Chromium start(int width, int height) {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        String missing = "Chromium is not installed: apt-get install chromium chromium-driver (see README)";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(missing + "; in CI every browser test must run");
        }
        Assumptions.assumeTrue(installed, missing);
        try {
            Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String pathAndQuery) {
        driver.get("http://localhost:" + System.getProperty("quarkus.http.test-port") + pathAndQuery);
    }

    /** Signs in through Keycloak's login form, starting from the portal's Sign in link. */
    public void signIn(TestShopper shopper) {
        open("/signin");
        driver.findElement(By.id("username")).sendKeys(shopper.username());
        driver.findElement(By.id("password")).sendKeys(shopper.password());
        driver.findElement(By.id("kc-login")).click();
        // Back on the portal's home page, signed in: the account exists from here on.
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[action='/signout'] button")));
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Whether the page is wider than the viewport, i.e. the shopper would have to scroll sideways. */
    public boolean scrollsSideways() {
        Object result = driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(result);
    }

    public Path screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        profile.toFile().deleteOnExit();
    }
}
