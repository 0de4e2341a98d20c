package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
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

import fr.parcourscpts.ApplicationTest;

/**
 * Tasklist as the Guichet CPTS sees it, in a headless Chromium set to Europe/Paris: in
 * French whatever the browser's language, with no Camunda 8 banner and no "start process"
 * link, dates as dd/MM/yyyy HH:mm, and each task of the list showing the dossier's
 * reference and CPTS name. Screenshot in {@code target/screenshots/}.
 */
@ApplicationTest
class TasklistEnFrancaisBrowserTest {

	private static final String NOM_CPTS = "CPTS du Lauragais";

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start(1400, 1000);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theGuichetSeesTasklistInFrenchWithTheDossierOfEachTask() {
		String reference = "CPTS-76-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		Task task = newVerificationTask(reference);
		assertThat(task.getDueDate()).as("the legal deadline of the task").isNotNull();

		logIn("guichet.76");
		this.browser.get(url("/camunda/app/tasklist/default/#/?task=" + task.getId()));
		WebElement claim = waitFor()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[ng-click='claim()']")));
		WebElement listed = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//*[contains(@class,'tasks-list')]//li[contains(., '" + reference + "')]")));
		HeadlessChromium.screenshot(this.browser, "tasklist-en-francais");

		assertThat(claim.getText()).isEqualTo("Prendre en charge");
		assertThat(this.browser.findElement(By.cssSelector("body")).getText()).contains("Tâches de mon institution")
			.contains("Mes tâches")
			.contains("Échéance")
			.doesNotContain("Camunda 8")
			.doesNotContain("Start process")
			.doesNotContain("Démarrer un processus")
			.doesNotContain("Claim");
		assertThat(this.browser.findElements(By.cssSelector("[placeholder='Filtrer les tâches']"))).isNotEmpty();
		assertThat(displayed(".ce-eol-banner")).as("Camunda 8 banner shown").isFalse();
		assertThat(displayed(".start-process-action")).as("start process link shown").isFalse();
		assertThat(displayed(".create-task-action")).as("create task link shown").isFalse();

		assertThat(listed.getText()).contains("Référence").contains(reference).contains("CPTS").contains(NOM_CPTS);
		String dueTooltip = listed.findElement(By.cssSelector(".due-date [uib-tooltip]")).getAttribute("uib-tooltip");
		String due = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
			.format(task.getDueDate().toInstant().atZone(ZoneId.of("Europe/Paris")));
		assertThat(dueTooltip).as("the due date, in Europe/Paris").contains(due);
		assertThat(listed.getText()).as("the due date, relative, in French").containsPattern("Échéance\\s+dans");
		assertThat(this.browser.findElement(By.cssSelector("footer")).getText()).contains("Europe/Paris");
	}

	@Test
	void theWelcomePageIsInFrenchWithoutTheCamunda8Banner() {
		logIn("guichet.76");
		this.browser.get(url("/camunda/app/welcome/default/"));
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")));
		waitFor().until((driver) -> driver.findElement(By.cssSelector("body")).getText().contains("Profil"));
		HeadlessChromium.screenshot(this.browser, "accueil-en-francais");

		assertThat(this.browser.findElement(By.cssSelector("body")).getText()).contains("Modifier le profil")
			.contains("Changer le mot de passe")
			.contains("Liens")
			.doesNotContain("Camunda 8");
		assertThat(displayed(".ce-eol-banner")).as("Camunda 8 banner shown").isFalse();
	}

	@Test
	void cockpitShowsTheRegionalAdministratorNoCamunda8Banner() {
		logIn("admin.76");
		this.browser.get(url("/camunda/app/cockpit/default/"));
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")));
		waitFor().until((driver) -> !driver.findElements(By.cssSelector(".ce-eol-banner")).isEmpty());
		HeadlessChromium.screenshot(this.browser, "cockpit-sans-bandeau");

		assertThat(displayed(".ce-eol-banner")).as("Camunda 8 banner shown").isFalse();
	}

	private boolean displayed(String css) {
		return this.browser.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
	}

	private Task newVerificationTask(String reference) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("reference", reference);
		variables.put("region", "76");
		variables.put("departement", "31");
		variables.put("nomCpts", NOM_CPTS);
		variables.put("porteur", "porteur.76");
		variables.put("population", 60_000L);
		variables.put("tailleCpts", 2);
		variables.put("communes", "31555");
		variables.put("montantFirDemande", 30_000.0);
		String id = this.runtimeService.startProcessInstanceByKey("cpts-creation", reference, variables).getId();
		for (int round = 0; round < 20; round++) {
			List<Job> due = this.managementService.createJobQuery()
				.processInstanceId(id)
				.executable()
				.messages()
				.list();
			if (due.isEmpty()) {
				break;
			}
			due.forEach((job) -> this.managementService.executeJob(job.getId()));
		}
		return this.taskService.createTaskQuery()
			.processInstanceId(id)
			.taskDefinitionKey("verifierCompletude")
			.singleResult();
	}

	private void logIn(String user) {
		this.browser.get(url("/connexion"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
	}

	private WebDriverWait waitFor() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(60));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
