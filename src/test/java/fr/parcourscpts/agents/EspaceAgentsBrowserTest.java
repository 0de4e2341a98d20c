package fr.parcourscpts.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * list, opens it, gets the lettre's receipt as a PDF, follows "Traiter dans Tasklist",
 * decides in the Camunda Form (in French) and comes back to the dossier by the form's
 * link "Ouvrir le dossier complet", where its task is gone and the decision is in the
 * history; the list shows the next step. Screenshots of each step go to
 * {@code target/screenshots/espace-agents-*.png} (the README's
 * docs/images/espace-agents-* are copies).
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
		WebElement lien = waitFor(Duration.ofSeconds(90))
			.until(ExpectedConditions.elementToBeClickable(By.linkText(reference)));
		assertThat(this.browser.findElement(By.id("mes-dossiers")).getText())
			.contains("Vérifier la complétude de la lettre d'intention")
			.contains("Guichet CPTS");
		HeadlessChromium.screenshot(this.browser, "espace-agents-liste");
		lien.click();

		waitFor(Duration.ofSeconds(90)).until(ExpectedConditions.urlContains("/agents/dossiers/" + reference));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("du Lauragais")
			.contains("Toulouse");
		HeadlessChromium.screenshot(this.browser, "espace-agents-dossier");

		WebElement accuse = this.browser.findElement(By.partialLinkText("Accusé de réception de la lettre"));
		assertThat(accuse.getAttribute("href")).contains("/agents/dossiers/" + reference + "/documents/");
		// Downloaded with the agent's session cookie; its first bytes say it is a PDF.
		java.net.http.HttpResponse<byte[]> pdf = download(accuse.getAttribute("href"));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(pdf.body()).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

		// "Traiter dans Tasklist": the deep link to the task, followed in the same
		// session
		// (no second login).
		WebElement traiter = this.browser.findElement(By.partialLinkText("Traiter dans Tasklist"));
		String taskId = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(dossiers.processInstance(reference))
			.taskDefinitionKey("verifierCompletude")
			.singleResult()
			.getId();
		assertThat(traiter.getAttribute("href")).isEqualTo(url("/camunda/app/tasklist/default/#/?task=" + taskId));
		traiter.click();
		waitFor(Duration.ofSeconds(120))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form")));
		waitFor(Duration.ofSeconds(45))
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[ng-click='claim()']")))
			.click();
		waitFor(Duration.ofSeconds(45))
			.until((driver) -> driver.findElements(By.cssSelector(".disabled-form")).isEmpty());
		WebElement form = waitFor(Duration.ofSeconds(45))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
		assertThat(form.getText()).contains(reference).contains("du Lauragais").contains("Toulouse (31555)");
		String retour = this.browser.findElement(By.linkText("Ouvrir le dossier complet")).getAttribute("href");
		assertThat(retour).isEqualTo(url("/agents/dossiers/" + reference));

		this.browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')]"
				+ "[contains(normalize-space(.),'Lettre complète')]/input"))
			.click();
		HeadlessChromium.screenshot(this.browser, "espace-agents-tasklist");
		WebElement terminer = waitFor(Duration.ofSeconds(45))
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", terminer);
		terminer.click();
		waitFor(Duration.ofSeconds(90))
			.until((driver) -> this.engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0);
		dossiers.executeMessages(dossiers.processInstance(reference));

		// Back by the form's link: the Guichet has nothing left to do, the URPS have.
		this.browser.get(retour);
		waitFor(Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(By.id("historique")));
		String page = this.browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("Votre institution n'a aucune tâche ouverte sur ce dossier.");
		assertThat(this.browser.findElements(By.partialLinkText("Traiter dans Tasklist"))).isEmpty();
		WebElement verification = this.browser
			.findElement(By.xpath("//h2[@id='historique']/following-sibling::table[1]//tr"
					+ "[td[1][contains(., 'Vérifier la complétude')]]"));
		assertThat(verification.getText()).contains("guichet.76");
		HeadlessChromium.screenshot(this.browser, "espace-agents-retour");

		this.browser.get(url("/agents?q=" + marque));
		String liste = waitFor(Duration.ofSeconds(90))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("mes-dossiers")))
			.getText();
		assertThat(liste).contains(reference)
			.contains("Rendre l'avis de l'URPS sur la lettre d'intention")
			.doesNotContain("Vérifier la complétude de la lettre d'intention");
	}

	@Test
	void arsReadsTheProjetDeSanteAndOpensItsStatuts() throws Exception {
		String marque = DossiersDeTest.marque();
		DossiersDeTest dossiers = new DossiersDeTest(MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build(), this.jdbc, this.engine);
		String reference = dossiers.envoyer("porteur.76", "CPTS " + marque + " du Lauragais", "31555");
		long statuts = dossiers.jusquAuProjetDeSante(reference, "porteur.76");

		logIn("ars.76");
		this.browser.get(url("/agents?q=" + marque));
		waitFor(Duration.ofSeconds(90)).until(ExpectedConditions.elementToBeClickable(By.linkText(reference))).click();
		waitFor(Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(By.id("projet")));
		String page = this.browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("Association loi 1901, bureau de six membres.")
			.contains("Accès aux soins : une permanence le samedi.")
			.contains("Messagerie sécurisée de santé.");
		WebElement lien = this.browser.findElement(By.partialLinkText("statuts-association.pdf"));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", lien);
		HeadlessChromium.screenshot(this.browser, "espace-agents-ars-projet");
		assertThat(lien.getAttribute("href")).isEqualTo(url("/agents/dossiers/" + reference + "/pieces/" + statuts));
		java.net.http.HttpResponse<byte[]> pdf = download(lien.getAttribute("href"));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.body()).isEqualTo(DossiersDeTest.PDF);
	}

	/** Downloads with the browser's session cookie. */
	private java.net.http.HttpResponse<byte[]> download(String href) throws Exception {
		String session = this.browser.manage().getCookieNamed("JSESSIONID").getValue();
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(href))
				.header("Cookie", "JSESSIONID=" + session)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
	}

	private void logIn(String user) {
		this.browser.get(url("/connexion"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(Duration.ofSeconds(45)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
	}

	private WebDriverWait waitFor(Duration timeout) {
		return new WebDriverWait(this.browser, timeout);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
