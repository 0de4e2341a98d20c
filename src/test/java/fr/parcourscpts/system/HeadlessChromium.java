package fr.parcourscpts.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver for the browser tests, never a downloaded browser.
 * Where they are absent the test is skipped with a visible message, unless the
 * environment says {@code PARCOURS_BROWSER_TESTS=required} (as CI does): then the absence
 * is a failure.
 */
public final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Where the browser tests save their screenshots. */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private HeadlessChromium() {
	}

	/**
	 * A headless browser of the given window size; skips or fails when Chromium is
	 * absent.
	 */
	public static WebDriver start(int width, int height) {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String message = "Chromium absent : test navigateur ignoré (apt-get install chromium chromium-driver)";
		if ("required".equals(System.getenv("PARCOURS_BROWSER_TESTS"))) {
			Assertions.assertTrue(present, message + " — exigé ici par PARCOURS_BROWSER_TESTS=required");
		}
		else {
			Assumptions.assumeTrue(present, message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=fr-FR");
		// The agents' workstations are in France: the Camunda webapps show dates in the
		// browser's time zone.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.withEnvironment(Map.of("TZ", "Europe/Paris"))
			.build();
		return new ChromeDriver(service, options);
	}

	/** Saves what the browser shows under {@link #SCREENSHOTS}. */
	public static void screenshot(WebDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
