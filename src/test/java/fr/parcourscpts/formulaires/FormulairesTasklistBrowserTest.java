package fr.parcourscpts.formulaires;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
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

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;
import fr.parcourscpts.system.HeadlessChromium;

/**
 * The agents' Camunda Forms as they really render in Tasklist, in a headless Chromium:
 * the Guichet CPTS checks the lettre d'intention, an URPS gives its opinion on the three
 * criteria. Each test starts its own dossier with the engine API, logs in on the portal
 * login page (which serves Tasklist too), opens the task, checks the dossier facts are
 * shown, that an empty form is refused, submits the decision through the form and checks
 * the process moved on; a CPTS name written in Markdown and HTML is shown as its literal
 * characters, with no link, image or list item made of it. Screenshots go to
 * {@code target/screenshots/}.
 *
 * Skipped (with a message) when {@code /usr/bin/chromium} is missing, unless
 * {@code PARCOURS_BROWSER_TESTS=required}, which turns the absence into a failure.
 */
@ApplicationTest
class FormulairesTasklistBrowserTest {

	private static final String NOM_CPTS = "CPTS du Nord toulousain";

	private static final String NOM_HOSTILE = "**gras** [lien](https://exemple.invalid) "
			+ "<img src=https://exemple.invalid/x.png> # titre";

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	HistoryService historyService;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start(1400, 2600);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void guichetVerifiesTheLettreDIntentionInTasklistAndTheUrpsAreAsked() throws Exception {
		String reference = newReference();
		String processInstanceId = startDossier(reference);
		Task task = singleTask(processInstanceId, "verifierCompletude");

		logIn("guichet.76");
		openAndClaim(task.getId());
		String shown = formText();
		assertThat(shown).contains(reference)
			.contains(NOM_CPTS)
			.contains("Toulouse (31555), Blagnac (31069)")
			.doesNotContain("31555,31069")
			.containsPattern("120.000 habitants");
		// The link back to the agents' page, its reference filled in by form-js.
		WebElement lien = this.browser.findElement(By.linkText("Ouvrir le dossier complet"));
		assertThat(lien.getAttribute("href")).isEqualTo(url("/agents/dossiers/" + reference));
		screenshot("verifierCompletude-ouvert");

		// An empty form is refused by the form itself: the task stays open.
		clickComplete();
		waitForRequiredFieldError();
		screenshot("verifierCompletude-vide-refuse");
		assertThat(this.taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

		chooseRadio("Lettre complète");
		screenshot("verifierCompletude-rempli");
		clickComplete();
		waitUntilCompleted(task.getId());
		executeJobs(processInstanceId);

		assertThat(historicValue(processInstanceId, "completude")).isEqualTo("complete");
		assertThat(this.taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("rendreAvisUrps")
			.count()).isEqualTo(10);
		assertThat(this.runtimeService.getActiveActivityIds(processInstanceId)).contains("rendreAvisUrps");
	}

	@Test
	void urpsMedecinsGivesItsOpinionOnTheThreeCriteriaInTasklist() throws Exception {
		String reference = newReference();
		String processInstanceId = startDossier(reference);
		this.taskService.complete(singleTask(processInstanceId, "verifierCompletude").getId(),
				Map.of("completude", "complete"));
		executeJobs(processInstanceId);
		Task task = this.taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("rendreAvisUrps")
			.taskCandidateGroup("urps-medecins")
			.singleResult();
		assertThat(task).as("the task of the URPS des médecins").isNotNull();

		logIn("urps-medecins.76");
		openAndClaim(task.getId());
		String shown = formText();
		assertThat(shown).contains(reference)
			.contains(NOM_CPTS)
			.contains("Conformité des objectifs de la CPTS avec les missions")
			.contains("Mobilisation des acteurs de santé")
			.contains("Identification du territoire");
		screenshot("rendreAvisUrps-ouvert");

		clickComplete();
		waitForRequiredFieldError();
		screenshot("rendreAvisUrps-vide-refuse");
		assertThat(this.taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

		chooseRadioOf("critereMissions", "Favorable");
		chooseRadioOf("critereMobilisation", "Réservé");
		chooseRadioOf("critereTerritoire", "Favorable");
		chooseRadioOf("avisGlobal", "Favorable");
		this.browser.findElement(By.cssSelector("textarea[id$='-commentaireMobilisation']"))
			.sendKeys("Peu de kinésithérapeutes mobilisés");
		screenshot("rendreAvisUrps-rempli");
		clickComplete();
		waitUntilCompleted(task.getId());
		executeJobs(processInstanceId);

		assertThat(this.taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("rendreAvisUrps")
			.count()).isEqualTo(9);
		String avisUrps = (String) this.runtimeService.getVariable(processInstanceId, "avisUrps");
		assertThat(avisUrps).contains("urps-medecins")
			.contains("\"critereMissions\":\"favorable\"")
			.contains("\"critereMobilisation\":\"reserve\"")
			.contains("\"critereTerritoire\":\"favorable\"")
			.contains("\"avisGlobal\":\"favorable\"")
			.contains("Peu de kinésithérapeutes mobilisés");
	}

	@Test
	void aCptsNameWrittenInMarkdownAndHtmlIsShownToTheGuichetAsItsLiteralCharacters() {
		String processInstanceId = startDossier(newReference(), NOM_HOSTILE + "\n- aucun chevauchement ✅\n> citation");
		Task task = singleTask(processInstanceId, "verifierCompletude");

		logIn("guichet.76");
		openAndClaim(task.getId());
		String shown = formText();
		screenshot("verifierCompletude-nom-hostile");
		WebElement form = this.browser.findElement(By.cssSelector(".fjs-form"));
		String html = form.getAttribute("innerHTML");

		boolean refused = shown.contains(NOM_HOSTILE + " - aucun chevauchement ✅ > citation")
				&& form.findElements(By.cssSelector("a[href*='exemple.invalid']")).isEmpty()
				&& form.findElements(By.cssSelector("img")).isEmpty()
				&& form.findElements(By.xpath(".//li[contains(., 'aucun chevauchement')]")).isEmpty()
				&& form.findElements(By.xpath(".//strong[normalize-space(.)='gras']")).isEmpty()
				&& form.findElements(By.cssSelector("h1, blockquote")).isEmpty() && !fetchedFrom("exemple.invalid");
		AbuseSuite.attempt("texte hostile", "nom de CPTS en Markdown et HTML dans verifierCompletude (Tasklist)",
				refused);
		assertThat(shown).contains(NOM_HOSTILE).contains("- aucun chevauchement ✅").contains("> citation");
		assertThat(html).doesNotContain("<a href=\"https://exemple.invalid").doesNotContain("<img");
		assertThat(form.findElements(By.xpath(".//li[contains(., 'aucun chevauchement')]"))).as("fake list item")
			.isEmpty();
		assertThat(form.findElements(By.xpath(".//strong[normalize-space(.)='gras']"))).isEmpty();
		assertThat(form.findElements(By.cssSelector("h1, blockquote"))).isEmpty();
		assertThat(fetchedFrom("exemple.invalid")).as("the browser fetched the image").isFalse();
		assertThat(refused).isTrue();
	}

	@Test
	void aMultilineAnswerOfThePorteurKeepsItsLinesButMakesNoStructureForTheArs() {
		String reponse = "Budget joint.\n# Titre\n- puce\n1. liste\n<a href=\"https://exemple.invalid\">ici</a> https://exemple.invalid/auto";
		Map<String, Object> variables = new HashMap<>();
		variables.put("reference", newReference());
		variables.put("region", "76");
		variables.put("departement", "31");
		variables.put("nomCpts", NOM_HOSTILE);
		variables.put("porteur", "porteur.76");
		variables.put("population", 120_000L);
		variables.put("communes", "31555,31069");
		variables.put("montantFirDemande", 50_000.0);
		variables.put("reponseFir", reponse);
		variables.put("motifDerogation", "<img src=https://exemple.invalid/d.png>");
		String processInstanceId = this.runtimeService.createProcessInstanceByKey("cpts-creation")
			.businessKey((String) variables.get("reference"))
			.setVariables(variables)
			.startBeforeActivity("deciderFinancementFir")
			.execute()
			.getId();
		Task task = singleTask(processInstanceId, "deciderFinancementFir");

		logIn("ars.76");
		openAndClaim(task.getId());
		String shown = formText();
		screenshot("deciderFinancementFir-reponse-hostile");
		WebElement form = this.browser.findElement(By.cssSelector(".fjs-form"));

		boolean refused = shown.contains("Budget joint.\n# Titre\n- puce\n1. liste\n")
				&& shown.contains("<a href=\"https://exemple.invalid\">ici</a> https://exemple.invalid/auto")
				&& shown.contains("<img src=https://exemple.invalid/d.png>")
				&& form.findElements(By.cssSelector("a[href*='exemple.invalid'], img, h1, ol")).isEmpty()
				&& form.findElements(By.xpath(".//li[contains(., 'puce')]")).isEmpty()
				&& !fetchedFrom("exemple.invalid");
		AbuseSuite.attempt("texte hostile", "réponse FIR du porteur en Markdown et HTML dans deciderFinancementFir",
				refused);
		assertThat(shown).as("the lines of the answer, each as typed")
			.contains("Budget joint.\n# Titre\n- puce\n1. liste\n");
		assertThat(form.findElements(By.cssSelector("a[href*='exemple.invalid'], img, h1, ol"))).isEmpty();
		assertThat(form.findElements(By.xpath(".//li[contains(., 'puce')]"))).isEmpty();
		assertThat(refused).isTrue();
	}

	/** Whether the page asked anything of this host (images, scripts, frames). */
	private boolean fetchedFrom(String host) {
		Object found = ((JavascriptExecutor) this.browser).executeScript(
				"return performance.getEntriesByType('resource').some((entry) => entry.name.includes(arguments[0]));",
				host);
		return Boolean.TRUE.equals(found);
	}

	private String newReference() {
		return "CPTS-76-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
	}

	private String startDossier(String reference) {
		return startDossier(reference, NOM_CPTS);
	}

	private String startDossier(String reference, String nomCpts) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("reference", reference);
		variables.put("region", "76");
		variables.put("departement", "31");
		variables.put("nomCpts", nomCpts);
		variables.put("porteur", "porteur.76");
		variables.put("population", 120_000L);
		variables.put("tailleCpts", 3);
		variables.put("communes", "31555,31069");
		variables.put("montantFirDemande", 50_000.0);
		String id = this.runtimeService.startProcessInstanceByKey("cpts-creation", reference, variables).getId();
		executeJobs(id);
		return id;
	}

	private Task singleTask(String processInstanceId, String taskKey) {
		Task task = this.taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(taskKey)
			.singleResult();
		assertThat(task).as("open task " + taskKey).isNotNull();
		return task;
	}

	private void executeJobs(String processInstanceId) {
		for (int round = 0; round < 20; round++) {
			List<Job> due = this.managementService.createJobQuery()
				.processInstanceId(processInstanceId)
				.executable()
				.messages()
				.list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((job) -> this.managementService.executeJob(job.getId()));
		}
	}

	private Object historicValue(String processInstanceId, String name) {
		HistoricVariableInstance variable = this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName(name)
			.singleResult();
		return (variable != null) ? variable.getValue() : null;
	}

	private void logIn(String user) {
		this.browser.get(url("/connexion"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
	}

	/** Opens the task in Tasklist, claims it (the form is read-only until then). */
	private void openAndClaim(String taskId) {
		this.browser.get(url("/camunda/app/tasklist/default/#/?task=" + taskId));
		waitFor(Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form")));
		waitFor(Duration.ofSeconds(20))
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[ng-click='claim()']")))
			.click();
		waitFor(Duration.ofSeconds(20))
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[ng-click='claim()']")));
		waitFor(Duration.ofSeconds(20))
			.until((driver) -> driver.findElements(By.cssSelector(".disabled-form")).isEmpty());
		waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form")));
	}

	private String formText() {
		return waitFor(Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")))
			.getText();
	}

	private void chooseRadio(String label) {
		WebElement radio = this.browser
			.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.),'"
					+ label + "')]/input"));
		radio.click();
	}

	private void chooseRadioOf(String key, String label) {
		WebElement radio = this.browser.findElement(By.xpath("//input[@type='radio'][contains(@id,'-" + key
				+ "-')]/parent::label[normalize-space(.)='" + label + "']/input"));
		radio.click();
	}

	private void clickComplete() {
		WebElement button = waitFor(Duration.ofSeconds(20))
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
		button.click();
	}

	private void waitForRequiredFieldError() {
		waitFor(Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
	}

	private void waitUntilCompleted(String taskId) {
		waitFor(Duration.ofSeconds(30))
			.until((driver) -> this.taskService.createTaskQuery().taskId(taskId).count() == 0);
	}

	private WebDriverWait waitFor(Duration timeout) {
		return new WebDriverWait(this.browser, timeout);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void screenshot(String name) {
		HeadlessChromium.screenshot(this.browser, name);
	}

}
