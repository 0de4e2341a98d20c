package fr.parcourscpts.system;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header and the error page show what fits the user (the layout asks
 * {@code identity/PagesConnexion} instead of {@code sec:authorize}): the login button to
 * a visitor only, the account links to a logged-in user, the porteurs' navigation and the
 * error page's "Mes dossiers" link to porteurs only.
 */
@ApplicationTest
class EnTeteSelonUtilisateurTest {

	private static final String CONNEXION = "href=\"/connexion\"";

	private static final String DECONNEXION = "action=\"/deconnexion\"";

	private static final String NAVIGATION_PORTEURS = "class=\"portail-nav\"";

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<String> page(String path, String user) throws Exception {
		return BasicHttp.local(this.port, this.client).get(path).accept("text/html").as(user).send();
	}

	@Test
	void aVisitorIsOfferedTheLoginAndNoAccountLinks() throws Exception {
		HttpResponse<String> response = page("/accessibilite", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(CONNEXION)
			.doesNotContain(DECONNEXION)
			.doesNotContain("href=\"/compte\"")
			.doesNotContain(NAVIGATION_PORTEURS);
	}

	@Test
	void aPorteurSeesItsAccountAndThePorteursNavigation() throws Exception {
		HttpResponse<String> response = page("/accessibilite", "porteur.76");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(DECONNEXION)
			.contains("Connecté")
			.contains("href=\"/compte\"")
			.contains(NAVIGATION_PORTEURS)
			.doesNotContain("class=\"button\" href=\"/connexion\"");
	}

	@Test
	void anAgentSeesItsAccountButNotThePorteursNavigation() throws Exception {
		HttpResponse<String> response = page("/accessibilite", "ars.76");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(DECONNEXION)
			.contains("href=\"/compte\"")
			.doesNotContain(NAVIGATION_PORTEURS)
			.doesNotContain("class=\"button\" href=\"/connexion\"");
	}

	@Test
	void theErrorPageOffersMesDossiersToPorteursOnly() throws Exception {
		HttpResponse<String> porteur = page("/dossiers/CPTS-76-1999-0001", "porteur.76");
		assertThat(porteur.statusCode()).isEqualTo(404);
		assertThat(porteur.body()).contains("<li><a href=\"/dossiers\">Mes dossiers</a></li>");
		HttpResponse<String> agent = page("/page-qui-n-existe-pas", "ars.76");
		assertThat(agent.statusCode()).isEqualTo(404);
		assertThat(agent.body()).doesNotContain("<li><a href=\"/dossiers\">Mes dossiers</a></li>")
			.doesNotContain("<li><a href=\"/connexion\">");
	}

}
