package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for browser tests, from the machine's packages (Debian's {@code chromium} and
 * {@code chromium-driver}): Selenium is pointed at both, so nothing is downloaded. Without them a
 * test is skipped, saying so; under {@code CI=true} a missing browser fails the test instead.
 */
public final class Browsers {

    public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** A phone-sized window (CSS pixels). */
    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Dimension DESKTOP = new Dimension(1280, 800);

    private Browsers() {
    }

    /** Skips the calling test (fails it in CI) unless Chromium and its driver are installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "browser test not run: no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(missing);
        }
        System.err.println("[browser test skipped] " + missing); // Surefire shows an aborted test only as a count
        Assumptions.abort(missing);
    }

    /** A fresh browser (its own profile, nothing remembered) with a desktop-sized window. */
    public static Browser open() {
        return open(DESKTOP);
    }

    public static Browser open(Dimension window) {
        assumeInstalled();
        Path profile = temporaryDirectory("parley-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=" + window.getWidth() + "," + window.getHeight());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (window.getWidth() < 500) {
            // Desktop Chromium keeps windows at least 500 px wide: emulate the phone's viewport instead.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", window.getWidth(),
                    "height", window.getHeight(), "deviceScaleFactor", 1, "mobile", true));
        }
        return new Browser(driver, profile);
    }

    /** The running test app's base URL. */
    public static String appUrl() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One browser window; closing it quits Chromium and deletes its profile. */
    public static final class Browser implements AutoCloseable {

        private final ChromeDriver driver;
        private final Path profile;

        private Browser(ChromeDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
        }

        public ChromeDriver driver() {
            return driver;
        }

        /** Waits up to {@link #WAIT}, trying again while the page redraws what the condition looks at. */
        public WebDriverWait waiting() {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            return wait;
        }

        /** Cuts the page off the network (the DevTools protocol's offline emulation), or restores it. */
        public void offline(boolean offline) {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
        }

        /** What the page logged to the console at level SEVERE since the last call (CSP violations among them). */
        public List<String> consoleErrors() {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).toList();
        }

        /**
         * Saves a PNG of the window under target/screenshots; with {@code -Dscreenshots.write=true}
         * also under docs/screenshots, where the README shows them.
         */
        public void screenshot(String name) {
            new Actions(driver).moveToLocation(0, 0).perform(); // no hover effects in the picture
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            write(Path.of("target/screenshots", name + ".png"), png);
            if (Boolean.getBoolean("screenshots.write")) {
                write(Path.of("docs/screenshots", name + ".png"), png);
            }
        }

        private static void write(Path file, byte[] bytes) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Quits Chromium; first leaves what the page showed and logged under target/browsers
         * (a screenshot and the console), for a failed test's post-mortem.
         */
        @Override
        public void close() {
            try {
                String name = "target/browsers/" + profile.getFileName();
                write(Path.of(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(java.util.stream.Collectors.joining("\n"));
                write(Path.of(name + ".log"), (driver.getCurrentUrl() + "\n" + console + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException ignored) {
                // the browser may be gone already
            }
            try {
                driver.quit();
            } finally {
                deleteQuietly(profile);
            }
        }

        private static void deleteQuietly(Path directory) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind harms nothing
            }
        }
    }
}
