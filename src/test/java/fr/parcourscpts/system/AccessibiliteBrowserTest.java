package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.portail.ApiPorteur;

/**
 * Every page of the portal and of the agents' workspace, as a visitor, a porteur, an
 * agent and an administrator see it, audited in headless Chromium by axe-core (the
 * webjar's script, injected into the page) on the rules tagged WCAG 2.1 A and AA: no
 * violation anywhere. The count of pages and violations is printed. Camunda's own webapps
 * (Tasklist, Cockpit) are not ours and not audited here.
 */
@ApplicationTest
class AccessibiliteBrowserTest {

	/** The script of the axe-core webjar of the test classpath (see the pom). */
	private static final String AXE = "META-INF/resources/webjars/axe-core/" + axeVersion() + "/axe.min.js";

	private static final String RUN_AXE = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			    resultTypes: ['violations'] })
			  .then((results) => done(JSON.stringify({ violations: results.violations.map((v) => ({
			    id: v.id, impact: v.impact, help: v.help,
			    nodes: v.nodes.map((n) => n.target.join(' ') + ' : ' + n.failureSummary) })),
			    passes: results.passes.length })))
			  .catch((error) => done(JSON.stringify({ error: String(error) })));
			""";

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	JdbcClient jdbc;

	private WebDriver driver;

	private WebDriverWait wait;

	private String axe;

	private boolean connecte;

	/** Page → its violations, in the order audited. */
	private final Map<String, List<String>> audit = new LinkedHashMap<>();

	@BeforeEach
	void startBrowser() throws IOException {
		this.driver = HeadlessChromium.start(1280, 1600);
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(15));
		try (InputStream script = getClass().getClassLoader().getResourceAsStream(AXE)) {
			assertThat(script).as("axe-core on the test classpath: " + AXE).isNotNull();
			this.axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	private static String axeVersion() {
		try (InputStream pom = AccessibiliteBrowserTest.class.getClassLoader()
			.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
			java.util.Properties properties = new java.util.Properties();
			properties.load(pom);
			return properties.getProperty("version");
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("webjar org.webjars.npm:axe-core absent du classpath de test", ex);
		}
	}

	@Test
	void everyPageHasNoWcag21AOrAaViolation() throws Exception {
		Dossier dossier = dossierAuProjetDeSante();

		// a visitor
		for (String page : List.of("/", "/connexion", "/connexion?error", "/inscription", "/mot-de-passe/oublie",
				"/mot-de-passe/nouveau?jeton=inconnu", "/inscription/confirmation?jeton=inconnu",
				"/invitation?jeton=inconnu", "/accessibilite", "/mentions-legales", "/donnees-personnelles",
				"/plan-du-site", "/page-qui-n-existe-pas")) {
			auditer("visiteur " + page, page);
		}
		// a porteur
		login("porteur.76");
		for (String page : List.of("/dossiers", "/dossiers/nouveau", "/dossiers/" + dossier.reference(),
				"/dossiers/" + dossier.reference() + "/recu", "/dossiers/" + dossier.reference() + "/lettre",
				"/dossiers/" + dossier.reference() + "/taches/" + dossier.taskId(),
				"/dossiers/" + dossier.reference() + "/abandon", "/invitations/dossier/" + dossier.reference(),
				"/compte", "/accessibilite")) {
			auditer("porteur " + page, page);
		}
		open("/dossiers/nouveau");
		this.driver.findElement(By.cssSelector("button[value=envoyer]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resume-erreurs")));
		analyser("porteur lettre refusée (erreurs)");
		open("/dossiers/" + dossier.reference() + "/taches/" + dossier.taskId());
		this.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert--error, .field--error")));
		analyser("porteur projet de santé refusé (erreurs)");
		logout();
		// an agent of the Guichet
		login("guichet.76");
		for (String page : List.of("/accueil", "/agents", "/agents?recherche=CPTS",
				"/agents/dossiers/" + dossier.reference(), "/preferences/courriels", "/compte")) {
			auditer("agent " + page, page);
		}
		logout();
		// the national administrator
		login("admin");
		long courriel = this.jdbc.sql("select max(id) from courriel").query(Long.class).single();
		for (String page : List.of("/accueil", "/agents", "/agents/dossiers/" + dossier.reference(), "/admin/courriels",
				"/admin/courriels/" + courriel)) {
			auditer("administrateur " + page, page);
		}

		// the audit can fail: an image without a text alternative is found
		open("/plan-du-site");
		((JavascriptExecutor) this.driver)
			.executeScript("document.querySelector('main').appendChild(document.createElement('img')).src = '/x.png'");
		analyser("témoin : image sans alternative");
		assertThat(this.audit.remove("témoin : image sans alternative")).anyMatch((v) -> v.startsWith("image-alt"));

		long violations = this.audit.values().stream().mapToLong(List::size).sum();
		System.out.println("axe-core " + axeVersion() + " (WCAG 2.1 A et AA) : " + this.audit.size() + " pages, "
				+ violations + " violation(s)");
		this.audit.forEach((page, found) -> System.out
			.println("  " + page + " : " + found.size() + (found.isEmpty() ? "" : " " + found)));
		assertThat(this.audit).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
	}

	private void auditer(String nom, String path) throws Exception {
		open(path);
		if (this.connecte) {
			// the page itself, not the login page it would redirect to
			assertThat(this.driver.getCurrentUrl()).as(nom).doesNotContain("/connexion");
			// and the page asked for, not the error page of a wrong address
			assertThat(this.driver.getTitle()).as(nom).doesNotContain("Page introuvable");
		}
		analyser(nom);
	}

	private void analyser(String nom) throws Exception {
		JavascriptExecutor js = (JavascriptExecutor) this.driver;
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) {
			js.executeScript(this.axe);
		}
		JsonNode result = this.json.readTree((String) js.executeAsyncScript(RUN_AXE));
		assertThat(result.has("error")).as(nom + " : " + result).isFalse();
		assertThat(result.get("passes").asInt()).as(nom + " : rules that passed").isPositive();
		List<String> found = new ArrayList<>();
		result.get("violations")
			.forEach((violation) -> found.add(violation.get("id").asText() + " (" + violation.get("impact").asText()
					+ ") " + violation.get("help").asText() + " " + violation.get("nodes")));
		this.audit.put(nom, found);
	}

	private void open(String path) {
		this.driver.get("http://localhost:" + this.port + path);
	}

	private void login(String user) {
		open("/connexion");
		WebElement username = this.driver.findElement(By.id("username"));
		username.clear();
		username.sendKeys(user);
		this.driver.findElement(By.id("password")).sendKeys("demo");
		this.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
		this.connecte = true;
	}

	private void logout() {
		this.driver.manage().deleteAllCookies();
		this.connecte = false;
	}

	/** A sent dossier of porteur.76 waiting for its projet de santé. */
	private record Dossier(long id, long dossierId, String reference, String taskId) {
	}

	private Dossier dossierAuProjetDeSante() throws Exception {
		Map<String, Object> lettre = ApiPorteur.lettre("CPTS de l'audit d'accessibilité");
		long id = this.json.readTree(api("POST", "/api/portail/dossiers", this.json.writeValueAsString(lettre)))
			.get("id")
			.asLong();
		String reference = this.json.readTree(api("POST", "/api/portail/dossiers/" + id + "/envoi", null))
			.get("reference")
			.asText();
		String instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
		this.runtime.createProcessInstanceModification(instance)
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("deposerProjetSante")
			.execute();
		String taskId = this.tasks.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
		long dossierId = this.jdbc.sql("select dossier_id from lettre_intention where id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		return new Dossier(id, dossierId, reference, taskId);
	}

	private String api(String method, String path, String body) {
		HttpResponse<String> response = ApiPorteur.local(this.port)
			.call(method, path, (body != null) ? "application/json" : null, body, "porteur.76", BasicHttp.DEMO);
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
		return response.body();
	}

}
