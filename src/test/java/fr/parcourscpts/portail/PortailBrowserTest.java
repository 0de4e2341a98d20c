package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.HeadlessChromium;

/**
 * What a porteur does in a real browser: log in, write and send a lettre d'intention with
 * the commune autocompletion and a PDF, find the dossier in "Mes dossiers". Screenshots
 * go to {@code target/screenshots/}.
 */
@ApplicationTest
class PortailBrowserTest {

	@LocalServerPort
	int port;

	WebDriver driver;

	WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		this.driver = HeadlessChromium.start(1280, 2000);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(15));
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

	private void screenshot(String name) {
		HeadlessChromium.screenshot(this.driver, name);
	}

	private void type(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	@Test
	void porteurSendsALettreWithAPdfAndFindsItInMesDossiers() throws Exception {
		open("/connexion");
		type("username", "porteur.76");
		type("password", "demo");
		this.driver.findElement(By.cssSelector("form button[type=submit]")).click();
		// a porteur lands on "Mes dossiers"
		this.wait.until(ExpectedConditions.urlContains("/dossiers"));
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Mes dossiers");
		screenshot("1-mes-dossiers");

		this.driver.findElement(By.linkText("Nouveau dossier")).click();
		this.wait.until(ExpectedConditions.urlContains("/dossiers/nouveau"));
		type("champ-nomCpts", "CPTS du navigateur");

		// sent too early: the errors are listed on top, the name typed is kept
		this.driver.findElement(By.cssSelector("button[value=envoyer]")).click();
		WebElement summary = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resume-erreurs")));
		assertThat(summary.getText()).contains("Indiquez au moins une commune du territoire.");
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("resume-erreurs");
		assertThat(this.driver.findElement(By.id("champ-nomCpts")).getAttribute("value"))
			.isEqualTo("CPTS du navigateur");
		screenshot("2-erreurs");

		// the autocompletion finds Toulouse by name and adds its INSEE code
		WebElement search = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recherche-commune")));
		search.sendKeys("toulouse");
		WebElement option = this.wait
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#resultats-communes [data-code='31555']")));
		option.click();
		this.wait.until(ExpectedConditions.attributeContains(By.id("champ-communes"), "value", "31555"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-communes]"),
				"Toulouse (31555)"));
		assertThat(this.driver.findElement(By.cssSelector("[data-taille]")).getText()).isEqualTo("taille 4");
		assertThat(this.driver.findElement(By.cssSelector("[data-region]")).getText()).isEqualTo("Occitanie");
		((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView()",
				this.driver.findElement(By.id("territoire")));
		screenshot("3-territoire");

		type("champ-besoins", "Un tiers des habitants sans médecin traitant dans le nord de la ville.");
		type("champ-professionnels-medecinsGeneralistes", "15");
		type("champ-professionnels-infirmiers", "22");
		type("champ-professionnels-pharmaciens", "6");
		for (String mission : new String[] { "missionAccesSoins", "missionParcours", "missionPrevention",
				"missionCrisesSanitaires" }) {
			this.driver.findElement(By.id("champ-" + mission)).click();
		}
		type("champ-objectifs", "Un médecin traitant pour chaque patient en ALD.");
		type("champ-actions", "Soins non programmés ; parcours insuffisance cardiaque.");
		type("champ-moyens", "Coordinatrice à mi-temps, outil de messagerie sécurisée.");
		type("champ-montantFirDemande", "40000");
		type("champ-lignesBudget-0-libelle", "Coordination");
		type("champ-lignesBudget-0-montant", "30000");
		type("champ-lignesBudget-1-libelle", "Système d'information");
		type("champ-lignesBudget-1-montant", "10000");
		Path pdf = Files.createTempFile("lettre-intention", ".pdf");
		Files.write(pdf, PortailFixtures.pdf());
		this.driver.findElement(By.id("champ-fichiers")).sendKeys(pdf.toAbsolutePath().toString());
		screenshot("4-lettre-remplie");

		this.driver.findElement(By.cssSelector("button[value=envoyer]")).click();
		this.wait.until(ExpectedConditions.urlContains("/recu"));
		String reference = this.driver.findElement(By.id("reference")).getText();
		assertThat(reference).matches("CPTS-76-\\d{4}-\\d{4}");
		screenshot("5-recu");

		this.driver.findElement(By.linkText("Mes dossiers")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mes-dossiers")));
		String table = this.driver.findElement(By.id("mes-dossiers")).getText();
		assertThat(table).contains(reference).contains("CPTS du navigateur");
		screenshot("6-mes-dossiers-avec-reference");

		this.driver.findElement(By.xpath("//tr[td/strong[text()='" + reference + "']]//a")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.timeline")));
		assertThat(this.driver.findElement(By.id("documents")).getText()).contains(pdf.getFileName().toString());
		screenshot("7-dossier");
		Files.deleteIfExists(pdf);
	}

}
