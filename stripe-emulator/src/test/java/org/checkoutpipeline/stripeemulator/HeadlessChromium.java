package org.checkoutpipeline.stripeemulator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through chromedriver, both at their package paths and given to
 * Selenium explicitly, so Selenium Manager never looks for (or downloads) a browser or driver.
 *
 * <p>Without the binaries, browser tests fail when {@code CI} is set (the CI script installs the
 * {@code chromium} and {@code chromium-driver} packages, so their absence there is a broken
 * build); on a developer machine they are skipped with a message saying what to install.
 *
 * <p>Shared with other modules' browser tests through this module's test jar.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final String BROWSER = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    /**
     * Selenium warns when it has no DevTools bindings for the installed Chromium's version; the
     * tests use WebDriver only, so the warning is noise. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger DEVTOOLS_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile; fails or skips when the binaries are missing. */
    public static HeadlessChromium start() throws IOException {
        requireBinaries();
        System.setProperty("webdriver.chrome.driver", DRIVER);
        Path profile = Files.createTempDirectory("chromium-profile-");
        var options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return new HeadlessChromium(driver, profile);
    }

    private static void requireBinaries() {
        var missing = new ArrayList<String>();
        if (!Files.isExecutable(Path.of(BROWSER))) {
            missing.add(BROWSER + " (Debian package chromium)");
        }
        if (!Files.isExecutable(Path.of(DRIVER))) {
            missing.add(DRIVER + " (Debian package chromium-driver)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "Browser tests need " + String.join(" and ", missing)
                + ": install them with 'apt-get install -y chromium chromium-driver'.";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new IllegalStateException("CI is set, so browser tests must run. " + message);
        }
        Assumptions.abort(message + " Skipping (set CI=true to make this a failure).");
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
