package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.system.AbuseSuite;

/**
 * A hostile client of the JSON API gets the documented French {@code {"message",
 * "erreurs"}} with the right 4xx, never Spring's English JSON and never a 500: a second
 * send (one after the other or at the same time), bodies that are not JSON or not of the
 * right types, unknown ids, paths and methods, missing parameters, a multipart without
 * its boundary, no credentials.
 */
@ApplicationTest
class PortailApiErreursTest {

	private static final String CATEGORIE = "erreurs et en-têtes";

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<String> call(String method, String path, String contentType, String body, String user)
			throws Exception {
		return BasicHttp.local(this.port, this.client)
			.call(method, path)
			.accept("application/json")
			.as(user)
			.body(contentType, body)
			.send();
	}

	private HttpResponse<String> json(String method, String path, String body) throws Exception {
		return call(method, path, "application/json", body, "porteur.76");
	}

	/** The answer is the API's French error, and nothing of Spring's English one. */
	private JsonNode erreur(HttpResponse<String> response, int status, String description) throws Exception {
		boolean refused = response.statusCode() == status
				&& response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
				&& !response.body().contains("\"timestamp\"") && !response.body().contains("Exception");
		AbuseSuite.attempt(CATEGORIE, description, refused);
		assertThat(response.statusCode()).as(description).isEqualTo(status);
		assertThat(response.body()).as(description)
			.doesNotContain("\"timestamp\"", "\"error\"", "Exception", "at org.");
		JsonNode node = this.json.readTree(response.body());
		assertThat(node.get("message").asText()).as(description).isNotBlank();
		assertThat(node.get("erreurs").isObject()).as(description).isTrue();
		return node;
	}

	private static String lettre(String nom) {
		return """
				{"nomCpts": "%s", "communes": "31555", "besoins": "Des besoins.",
				 "professionnels": {"infirmiers": "8"}, "missionAccesSoins": true, "missionParcours": true,
				 "missionPrevention": true, "missionCrisesSanitaires": true, "objectifs": "Des objectifs.",
				 "actions": "Des actions.", "moyens": "Des moyens.", "montantFirDemande": "5000",
				 "lignesBudget": [{"libelle": "Coordination", "montant": "5000"}]}""".formatted(nom);
	}

	private long brouillon(String nom) throws Exception {
		HttpResponse<String> created = json("POST", "/api/portail/dossiers", lettre(nom));
		assertThat(created.statusCode()).isEqualTo(201);
		return this.json.readTree(created.body()).get("id").asLong();
	}

	@Test
	void aSecondSendIsAConflictInFrench() throws Exception {
		long id = brouillon("CPTS envoyée deux fois");
		assertThat(call("POST", "/api/portail/dossiers/" + id + "/envoi", null, null, "porteur.76").statusCode())
			.isEqualTo(200);

		JsonNode second = erreur(call("POST", "/api/portail/dossiers/" + id + "/envoi", null, null, "porteur.76"), 409,
				"second envoi d'une lettre par l'API");
		assertThat(second.get("message").asText()).isEqualTo("Cette lettre d'intention est déjà envoyée.");
	}

	@Test
	void threeSendsAtOnceMakeOneDossierAndTwoConflicts() throws Exception {
		long id = brouillon("CPTS envoyée trois fois à la fois");
		List<Callable<HttpResponse<String>>> envois = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			envois.add(() -> call("POST", "/api/portail/dossiers/" + id + "/envoi", null, null, "porteur.76"));
		}
		List<Integer> statuts = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			for (Future<HttpResponse<String>> envoi : pool.invokeAll(envois)) {
				HttpResponse<String> response = envoi.get();
				statuts.add(response.statusCode());
				if (response.statusCode() != 200) {
					erreur(response, 409, "envois simultanés de la même lettre par l'API");
				}
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(statuts).containsOnly(200, 409).filteredOn((statut) -> statut == 200).hasSize(1);
		String reference = PortailFixtures.reference(this.jdbc, id);
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from dossier where nom_cpts = :nom")
			.param("nom", "CPTS envoyée trois fois à la fois")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void bodiesThatAreNotTheLettreAreRefusedWithTheFieldAtFault() throws Exception {
		JsonNode malforme = erreur(json("POST", "/api/portail/dossiers", "{\"nomCpts\": "), 400, "JSON mal formé");
		assertThat(malforme.get("message").asText()).isEqualTo("Le corps de la requête n'est pas un JSON valide.");

		JsonNode vide = erreur(json("POST", "/api/portail/dossiers", ""), 400, "corps vide");
		assertThat(vide.get("message").asText()).isEqualTo("Le corps de la requête (JSON) est obligatoire.");

		JsonNode type = erreur(json("POST", "/api/portail/dossiers", "{\"missionAccesSoins\": \"peut-être\"}"), 400,
				"booléen d'un mauvais type");
		assertThat(type.get("erreurs").get("missionAccesSoins").asText()).startsWith("Valeur invalide");

		JsonNode ligne = erreur(json("POST", "/api/portail/dossiers", "{\"lignesBudget\": [{\"libelle\": {}}]}"), 400,
				"ligne de budget d'un mauvais type");
		assertThat(ligne.get("erreurs").has("lignesBudget[0].libelle")).isTrue();

		erreur(json("POST", "/api/portail/dossiers", "[]"), 400, "tableau au lieu de la lettre");
		erreur(call("POST", "/api/portail/dossiers", "text/plain", "lettre", "porteur.76"), 415,
				"type de contenu non JSON");
	}

	@Test
	void unknownIdsPathsAndMethodsAreFrench4xx() throws Exception {
		JsonNode inconnu = erreur(json("GET", "/api/portail/dossiers/987654321", null), 404, "dossier inconnu");
		assertThat(inconnu.get("message").asText()).startsWith("Dossier, tâche ou pièce introuvable");

		JsonNode pasUnNombre = erreur(json("GET", "/api/portail/dossiers/abc", null), 400, "identifiant non numérique");
		assertThat(pasUnNombre.get("erreurs").get("id").asText()).isEqualTo("Valeur invalide pour ce paramètre.");
		erreur(json("GET", "/api/portail/dossiers/99999999999999999999999", null), 400, "identifiant hors des bornes");

		erreur(json("GET", "/api/portail/inexistant", null), 404, "chemin inconnu de l'API");
		JsonNode methode = erreur(json("DELETE", "/api/portail/dossiers/1", null), 405, "méthode DELETE");
		assertThat(methode.get("message").asText()).isEqualTo("Méthode HTTP non autorisée pour cette adresse.");

		long id = brouillon("CPTS aux tâches inconnues");
		erreur(json("POST", "/api/portail/dossiers/" + id + "/taches/inconnue", "{}"), 404, "tâche inconnue");
		erreur(json("POST", "/api/portail/dossiers/" + id + "/correction", "{}"), 404, "correction d'un brouillon");
	}

	@Test
	void uploadsWithoutTheirPartsAreRefused() throws Exception {
		long id = brouillon("CPTS aux pièces mal envoyées");
		String boundary = "frontiere";
		String sansFichier = "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"categorie\"\r\n\r\nLETTRE\r\n--" + boundary + "--\r\n";
		JsonNode manquant = erreur(call("POST", "/api/portail/dossiers/" + id + "/pieces",
				"multipart/form-data; boundary=" + boundary, sansFichier, "porteur.76"), 400, "pièce sans fichier");
		assertThat(manquant.get("erreurs").get("fichier").asText()).isEqualTo("Ce paramètre est obligatoire.");

		String categorie = "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"categorie\"\r\n\r\nINCONNUE\r\n--" + boundary
				+ "--\r\n";
		JsonNode inconnue = erreur(call("POST", "/api/portail/dossiers/" + id + "/pieces",
				"multipart/form-data; boundary=" + boundary, categorie, "porteur.76"), 400, "catégorie inconnue");
		assertThat(inconnue.get("erreurs").has("categorie")).isTrue();

		erreur(call("POST", "/api/portail/dossiers/" + id + "/pieces", "multipart/form-data", "x", "porteur.76"), 400,
				"multipart sans délimiteur (boundary)");
	}

	@Test
	void callersWithoutTheRightAreAnsweredInFrench() throws Exception {
		JsonNode anonyme = erreur(call("GET", "/api/portail/dossiers", null, null, null), 401, "appel anonyme");
		assertThat(anonyme.get("message").asText()).startsWith("Authentification requise");
		erreur(call("GET", "/api/portail/dossiers", null, null, "ars.76"), 403, "agent sur l'API des porteurs");
	}

	@Test
	void theOpenApiDescriptionListsTheErrorsInTheirShape() throws Exception {
		JsonNode docs = this.json.readTree(call("GET", "/v3/api-docs", null, null, "porteur.76").body());
		JsonNode envoi = docs.at("/paths/~1api~1portail~1dossiers~1{id}~1envoi/post/responses");
		assertThat(envoi.has("400")).isTrue();
		assertThat(envoi.has("404")).isTrue();
		assertThat(envoi.has("409")).isTrue();
		assertThat(envoi.has("500")).isTrue();
		assertThat(envoi.get("409").get("content").elements().next().at("/schema/$ref").asText())
			.endsWith("/ErreursJson");
	}

	@Test
	void aSessionCallCarriesTheCsrfTokenInAHeader() throws Exception {
		var mvc = PortailFixtures.mvc(this.context);
		boolean refused = mvc
			.perform(post("/api/portail/dossiers").contentType(MediaType.APPLICATION_JSON)
				.content(lettre("CPTS sans jeton"))
				.with(porteur("porteur.76")))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getStatus() == 403;
		AbuseSuite.attempt(CATEGORIE, "appel de session sans jeton CSRF", refused);
		mvc.perform(post("/api/portail/dossiers").contentType(MediaType.APPLICATION_JSON)
			.content(lettre("CPTS avec jeton"))
			.with(porteur("porteur.76"))
			.with(csrf().asHeader())).andExpect(status().isCreated());
	}

}
