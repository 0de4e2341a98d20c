package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;

/**
 * The footer of every page links the four pages a French public service must have, which
 * anyone may read, in French from the messages; the personal-data page states the
 * history's retention that the models really set.
 */
@ApplicationTest
class PagesDuSiteTest {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/plan-du-site" })
	void everyFooterPageIsPublicAndFrench(String path) throws Exception {
		HttpResponse<String> page = get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"fr\"").doesNotContain("??").doesNotContain("''");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/connexion", "/inscription", "/plan-du-site" })
	void theFooterLinksTheFourPages(String path) throws Exception {
		String footer = get(path).body().replaceAll("(?s).*<footer", "");
		assertThat(footer).contains("href=\"/accessibilite\"")
			.contains("Accessibilité : partiellement conforme")
			.contains("href=\"/mentions-legales\"")
			.contains("href=\"/donnees-personnelles\"")
			.contains("href=\"/plan-du-site\"");
	}

	@Test
	void theAccessibilityStatementDeclaresItsLevelAndTheAudit() throws Exception {
		String page = get("/accessibilite").body();
		assertThat(page).contains("partiellement conforme au référentiel général")
			.contains("axe-core")
			.contains("WCAG 2.1");
	}

	@Test
	void personalDataStatesTheRetentionOfTheModels() throws Exception {
		Matcher ttl = Pattern.compile("historyTimeToLive=\"P(\\d+)D\"")
			.matcher(Files.readString(Path.of("bpmn", "cpts-creation.bpmn")));
		assertThat(ttl.find()).isTrue();
		long annees = Math.round(Integer.parseInt(ttl.group(1)) / 365.0);
		String page = get("/donnees-personnelles").body();
		assertThat(page).contains("conservé " + annees + " ans après la clôture du dossier")
			.contains("tant que le compte existe")
			.contains("Les courriels concernant un dossier sont supprimés avec le dossier")
			.contains("sont supprimés 6 mois après leur envoi")
			.contains("ils sont supprimés avec lui")
			.contains("contact@parcours-cpts.fr")
			.contains("CNIL");
	}

}
