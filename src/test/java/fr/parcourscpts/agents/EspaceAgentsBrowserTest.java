package fr.parcourscpts.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.HeadlessChromium;

/**
 * What the Guichet of Occitanie does with a new dossier, in a browser: finds it in its
 * list, opens it, gets the lettre's receipt as a PDF and finds the deep link to its task
 * in Tasklist. (Deciding in Tasklist from there and coming back is not done yet: see the
 * comment in the test.) Screenshots go to {@code target/screenshots/}
 * (docs/images/espace-agents.png is one of them).
 *
 * Skipped (with a message) when {@code /usr/bin/chromium} is missing, unless
 * {@code PARCOURS_BROWSER_TESTS=required}, which turns the absence into a failure.
 */
@ApplicationTest
class EspaceAgentsBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProcessEngine engine;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start(1400, 2000);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void guichetFindsANewDossierReadsItAndGetsTheLettresPdf() throws Exception {
		String marque = DossiersDeTest.marque();
		DossiersDeTest dossiers = new DossiersDeTest(MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build(), this.jdbc, this.engine);
		String reference = dossiers.envoyer("porteur.76", "CPTS " + marque + " du Lauragais", "31555");

		logIn("guichet.76");
		this.browser.get(url("/agents?q=" + marque));
		WebElement lien = waitFor(Duration.ofSeconds(30))
			.until(ExpectedConditions.elementToBeClickable(By.linkText(reference)));
		assertThat(this.browser.findElement(By.id("mes-dossiers")).getText())
			.contains("Vérifier la complétude de la lettre d'intention")
			.contains("Guichet CPTS");
		HeadlessChromium.screenshot(this.browser, "espace-agents-liste");
		lien.click();

		waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/agents/dossiers/" + reference));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("du Lauragais")
			.contains("Toulouse");
		HeadlessChromium.screenshot(this.browser, "espace-agents-dossier");

		WebElement accuse = this.browser.findElement(By.partialLinkText("Accusé de réception de la lettre"));
		assertThat(accuse.getAttribute("href")).contains("/agents/dossiers/" + reference + "/documents/");
		// Downloaded with the agent's session cookie; its first bytes say it is a PDF.
		String session = this.browser.manage().getCookieNamed("JSESSIONID").getValue();
		java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accuse.getAttribute("href")))
				.header("Cookie", "JSESSIONID=" + session)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(pdf.body()).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

		// "Traiter dans Tasklist" deep-links to the task. Not followed here: in this test
		// Tasklist stays on its loading spinner (target/screenshots, not understood yet);
		// FormulairesTasklistBrowserTest completes the same task in Tasklist.
		WebElement traiter = this.browser.findElement(By.partialLinkText("Traiter dans Tasklist"));
		String taskId = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(dossiers.processInstance(reference))
			.taskDefinitionKey("verifierCompletude")
			.singleResult()
			.getId();
		assertThat(traiter.getAttribute("href")).isEqualTo(url("/camunda/app/tasklist/default/#/?task=" + taskId));
	}

	private void logIn(String user) {
		this.browser.get(url("/connexion"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
	}

	private WebDriverWait waitFor(Duration timeout) {
		return new WebDriverWait(this.browser, timeout);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
