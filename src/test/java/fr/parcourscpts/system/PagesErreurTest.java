package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;

/**
 * Errors of the pages, as a browser receives them over HTTP: a French page in the
 * portal's layout with the status, never Spring's "Whitelabel Error Page", an exception's
 * name or message, or a stack trace; the same for the Camunda webapps' paths when Spring
 * answers them.
 */
@ApplicationTest
class PagesErreurTest {

	private static final String CATEGORIE = "erreurs et en-têtes";

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<String> page(String method, String path, String user, String contentType, String body)
			throws Exception {
		return BasicHttp.local(this.port, this.client)
			.call(method, path)
			.accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.as(user)
			.body(contentType, body)
			.send();
	}

	private static void pageFrancaise(String html, int status, String titre, String description) {
		boolean refused = html.contains("<html lang=\"fr\"") && html.contains("Erreur " + status)
				&& html.contains(titre) && !leaks(html);
		AbuseSuite.attempt(CATEGORIE, description, refused);
		assertThat(html).as(description).contains("<html lang=\"fr\"", "Erreur " + status, titre, "Parcours CPTS");
		assertThat(leaks(html)).as(description + " : rien de l'exception").isFalse();
	}

	private static boolean leaks(String html) {
		return html.contains("Whitelabel") || html.contains("Exception") || html.contains("at org.")
				|| html.contains("at java.") || html.contains("??") || html.contains("trace");
	}

	@Test
	void unknownPageIsAFrench404() throws Exception {
		HttpResponse<String> response = page("GET", "/page-qui-n-existe-pas", "porteur.76", null, null);
		assertThat(response.statusCode()).isEqualTo(404);
		pageFrancaise(response.body(), 404, "Page introuvable", "page inconnue");
		assertThat(response.body()).contains("Mes dossiers");
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
	}

	@Test
	void somebodyElsesPageIsAFrench403() throws Exception {
		HttpResponse<String> response = page("GET", "/dossiers", "ars.76", null, null);
		assertThat(response.statusCode()).isEqualTo(403);
		pageFrancaise(response.body(), 403, "Accès refusé", "agent sur le portail des porteurs");
	}

	@Test
	void malformedRequestsAreFrench400And405() throws Exception {
		HttpResponse<String> id = page("GET", "/dossiers/brouillons/pas-un-nombre", "porteur.76", null, null);
		assertThat(id.statusCode()).isEqualTo(400);
		pageFrancaise(id.body(), 400, "Requête invalide", "identifiant de brouillon non numérique");

		HttpResponse<String> methode = page("GET", "/compte/mot-de-passe", "porteur.76", null, null);
		assertThat(methode.statusCode()).isEqualTo(405);
		pageFrancaise(methode.body(), 405, "Action non autorisée", "GET sur une adresse POST");

		HttpResponse<String> multipart = page("POST", "/dossiers/nouveau", "porteur.76", "multipart/form-data",
				"_csrf=x");
		assertThat(multipart.statusCode()).isEqualTo(400);
		pageFrancaise(multipart.body(), 400, "Requête invalide", "formulaire multipart sans délimiteur");
	}

	@Test
	void aClientThatDoesNotAskForHtmlGetsFrenchJson() throws Exception {
		HttpResponse<String> response = BasicHttp.local(this.port, this.client)
			.get("/dossiers/brouillons/abc")
			.accept("*/*")
			.as("porteur.76")
			.send();
		boolean refused = response.statusCode() == 400 && response.body().startsWith("{\"message\":\"Requête invalide")
				&& !leaks(response.body()) && !response.body().contains("timestamp");
		AbuseSuite.attempt(CATEGORIE, "page demandée sans Accept text/html (curl)", refused);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"message\":\"Requête invalide").doesNotContain("timestamp");
	}

	@Test
	void aListIndexFarBeyondTheFormIsA400NotA500() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
		int status = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/dossiers/nouveau")
				.param("nomCpts", "CPTS aux lignes lointaines")
				.param("lignesBudget[99999].libelle", "loin")
				.with(user("porteur.76").authorities(new SimpleGrantedAuthority("GROUP_porteurs")))
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		AbuseSuite.attempt(CATEGORIE, "indice de ligne de budget hors limite", status == 400);
		assertThat(status).isEqualTo(400);
	}

	@Test
	void aFaultIsAFrench500WithoutItsException() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		MockHttpServletResponse html = mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/dossiers/1")
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("détail interne secret")))
			.andReturn()
			.getResponse();
		assertThat(html.getStatus()).isEqualTo(500);
		String page = html.getContentAsString(StandardCharsets.UTF_8);
		pageFrancaise(page, 500, "Erreur du service", "panne d'une page");
		assertThat(page).doesNotContain("détail interne secret", "IllegalStateException");

		MockHttpServletResponse api = mvc
			.perform(get("/error").accept(MediaType.APPLICATION_JSON)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/portail/dossiers/1")
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("détail interne secret")))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(500);
		assertThat(api.getContentAsString(StandardCharsets.UTF_8))
			.startsWith("{\"message\":\"Erreur inattendue du service")
			.doesNotContain("détail interne secret", "IllegalStateException", "timestamp", "trace");
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 405, 409, 413, 415, 418, 500, 503 })
	void everyStatusHasItsFrenchPageAndJson(int status) throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		String page = mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/dossiers"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		// every text comes from messages.properties (a missing key shows as ??key??)
		assertThat(page).contains("<html lang=\"fr\"", "Erreur " + status).doesNotContain("??", "Whitelabel");
		String json = mvc
			.perform(get("/error").accept(MediaType.APPLICATION_JSON)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/portail/dossiers"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"message\":\"").contains("\"erreurs\":{}").doesNotContain("??");
	}

	@Test
	void unknownResourceOfTheCamundaWebappsIsTheFrench404() throws Exception {
		HttpResponse<String> response = page("GET", "/camunda/ressource-inexistante.js", "ars.76", null, null);
		assertThat(response.statusCode()).isEqualTo(404);
		pageFrancaise(response.body(), 404, "Page introuvable", "ressource inconnue sous /camunda");
	}

	@Test
	void anonymousVisitorIsOfferedTheLogin() throws Exception {
		HttpResponse<String> response = page("GET", "/page-qui-n-existe-pas", null, null, null);
		// the application asks for a login before saying whether a page exists
		assertThat(response.statusCode()).isEqualTo(302);
		HttpResponse<String> basic = page("GET", "/dossiers", "personne", null, null);
		assertThat(basic.statusCode()).isEqualTo(401);
		pageFrancaise(basic.body(), 401, "Connexion requise", "mauvais mot de passe en HTTP Basic");
		assertThat(basic.body()).contains("href=\"/connexion\"");
	}

}
