package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.HeadlessChromium;

/**
 * What the Content-Security-Policy must not break, in a real browser: Swagger UI renders
 * the portal's API, and the error summary of a refused sign-up takes the focus (a script
 * file now, no longer an inline script).
 */
@ApplicationTest
class SecurityHeadersBrowserTest {

	@LocalServerPort
	int port;

	WebDriver driver;

	WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		this.driver = HeadlessChromium.start(1280, 1600);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	private void open(String path) {
		this.driver.get("http://localhost:" + this.port + path);
	}

	@Test
	void swaggerUiRendersThePortalApiUnderItsPolicy() {
		open("/connexion");
		this.driver.findElement(By.id("username")).sendKeys("porteur.76");
		this.driver.findElement(By.id("password")).sendKeys("demo");
		this.driver.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.urlContains("/dossiers"));

		open("/swagger-ui.html");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock-summary-path")));
		assertThat(this.driver.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/api/portail/dossiers");
		HeadlessChromium.screenshot(this.driver, "swagger-ui");
	}

	@Test
	void refusedSignUpPutsTheFocusOnItsErrorSummary() {
		open("/inscription");
		this.driver.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erreurs")));
		this.wait.until((browser) -> "erreurs".equals(browser.switchTo().activeElement().getAttribute("id")));
		HeadlessChromium.screenshot(this.driver, "inscription-erreurs");
	}

}
