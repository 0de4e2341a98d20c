package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;

/**
 * The OpenAPI of {@code /v3/api-docs} tells the truth: the status each operation really
 * answers is among those it documents (201 for a new draft, 204 for a task, each error),
 * errors are documented and answered as the French {@code {"message", "erreurs"}}, every
 * porteur task's fields are described, and every instant comes out in Paris time with its
 * offset.
 */
@ApplicationTest
class PortailApiDocumentationTest {

	private static final String DATE_DE_PARIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0[12]:00";

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	WebApplicationContext context;

	private JsonNode docs;

	/** Statuses answered by the calls of a test, checked against the OpenAPI. */
	private final List<String> verifies = new ArrayList<>();

	@BeforeEach
	void readTheOpenApi() throws Exception {
		HttpResponse<String> docs = call("GET", "/v3/api-docs", null, null, "porteur.76");
		assertThat(docs.statusCode()).isEqualTo(200);
		this.docs = this.json.readTree(docs.body());
	}

	private HttpResponse<String> call(String method, String path, String contentType, String body, String user) {
		return ApiPorteur.local(this.port).call(method, path, contentType, body, user, BasicHttp.DEMO);
	}

	private HttpResponse<String> json(String method, String path, Object body) {
		return ApiPorteur.local(this.port).json(method, path, body, "porteur.76");
	}

	/**
	 * The answer's status is one the operation documents; an error is documented and
	 * answered as {@code {"message", "erreurs"}}.
	 */
	private JsonNode documente(String method, String path, HttpResponse<String> response) throws Exception {
		JsonNode operation = this.docs.get("paths").get(path).get(method.toLowerCase());
		assertThat(operation).as(method + " " + path + " in the OpenAPI").isNotNull();
		String status = String.valueOf(response.statusCode());
		assertThat(iterable(operation.get("responses").fieldNames()))
			.as(method + " " + path + " answered " + status + ": " + response.body())
			.contains(status);
		if (response.statusCode() >= 400) {
			assertThat(operation.get("responses").get(status).get("content").get("application/json").toString())
				.contains("#/components/schemas/ErreursJson")
				.contains("\"message\"");
			erreurFrancaise(response);
		}
		this.verifies.add(method + " " + path + " " + status);
		return operation;
	}

	private JsonNode erreurFrancaise(HttpResponse<String> response) throws Exception {
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = this.json.readTree(response.body());
		assertThat(iterable(body.fieldNames())).as(response.body()).containsExactly("message", "erreurs");
		assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception");
		assertThat(body.get("erreurs").isObject()).isTrue();
		return body;
	}

	private static List<String> iterable(Iterator<String> names) {
		List<String> list = new ArrayList<>();
		names.forEachRemaining(list::add);
		return list;
	}

	@Test
	void theStatusesAnsweredAreTheDocumentedOnes() throws Exception {
		String dossiers = "/api/portail/dossiers";
		HttpResponse<String> cree = json("POST", dossiers, ApiPorteur.lettre("CPTS documentée"));
		assertThat(cree.statusCode()).isEqualTo(201);
		JsonNode creer = documente("POST", dossiers, cree);
		assertThat(iterable(creer.get("responses").fieldNames())).doesNotContain("200");
		long id = this.json.readTree(cree.body()).get("id").asLong();

		documente("POST", dossiers, call("POST", dossiers, "text/plain", "nomCpts", "porteur.76"));
		documente("POST", dossiers, json("POST", dossiers, Map.of("nomCpts", "x".repeat(201))));
		documente("GET", dossiers, call("GET", dossiers, null, null, null));
		documente("GET", dossiers, call("GET", dossiers, null, null, "ars.76"));
		documente("GET", dossiers + "/{id}", json("GET", dossiers + "/999999", null));
		documente("GET", dossiers + "/{id}", json("GET", dossiers + "/abc", null));

		HttpResponse<String> envoi = json("POST", dossiers + "/" + id + "/envoi", null);
		assertThat(envoi.statusCode()).isEqualTo(200);
		documente("POST", dossiers + "/{id}/envoi", envoi);
		HttpResponse<String> deuxieme = json("POST", dossiers + "/" + id + "/envoi", null);
		assertThat(deuxieme.statusCode()).isEqualTo(409);
		documente("POST", dossiers + "/{id}/envoi", deuxieme);
		documente("PUT", dossiers + "/{id}/lettre",
				json("PUT", dossiers + "/" + id + "/lettre", ApiPorteur.lettre("Autre")));

		// the projet de santé: 400 without its statuts, the STATUTS piece 201, then 204
		String reference = this.json.readTree(envoi.body()).get("reference").asText();
		String instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
		this.runtime.createProcessInstanceModification(instance)
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("deposerProjetSante")
			.execute();
		String taskId = this.tasks.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
		String tache = dossiers + "/{id}/taches/{taskId}";
		Map<String, String> projet = Map.of("missionsActions", "Missions.", "gouvernance", "Bureau.",
				"systemesInformation", "Messagerie.");
		HttpResponse<String> sansStatuts = json("POST", dossiers + "/" + id + "/taches/" + taskId, projet);
		assertThat(sansStatuts.statusCode()).isEqualTo(400);
		documente("POST", tache, sansStatuts);
		documente("POST", tache, json("POST", dossiers + "/" + id + "/taches/inconnue", projet));
		int piece = PortailFixtures.mvc(this.context)
			.perform(multipart(dossiers + "/" + id + "/pieces")
				.file(new MockMultipartFile("fichier", "statuts.pdf", "application/pdf", PortailFixtures.pdf()))
				.param("categorie", "STATUTS")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(piece).isEqualTo(201);
		assertThat(iterable(
				this.docs.get("paths").get(dossiers + "/{id}/pieces").get("post").get("responses").fieldNames()))
			.contains("201", "400", "409", "413", "415")
			.doesNotContain("200");
		HttpResponse<String> depose = json("POST", dossiers + "/" + id + "/taches/" + taskId, projet);
		assertThat(depose.statusCode()).as(depose.body()).isEqualTo(204);
		documente("POST", tache, depose);

		HttpResponse<String> abandon = json("POST", dossiers + "/" + id + "/abandon", null);
		assertThat(abandon.statusCode()).isEqualTo(204);
		documente("POST", dossiers + "/{id}/abandon", abandon);
		documente("POST", dossiers + "/{id}/abandon", json("POST", dossiers + "/" + id + "/abandon", null));

		System.out
			.println("OpenAPI comparée aux réponses réelles : " + this.verifies.size() + " appels " + this.verifies);
	}

	@Test
	void everyPorteurTaskHasItsFieldsDocumented() {
		JsonNode schemas = this.docs.get("components").get("schemas");
		assertThat(iterable(schemas.get("ChampsSignerContratPorteur").get("properties").fieldNames()))
			.containsExactlyInAnyOrder("nomComplet", "confirmation");
		assertThat(iterable(schemas.get("ChampsProjetSante").get("properties").fieldNames()))
			.containsExactlyInAnyOrder("missionsActions", "gouvernance", "systemesInformation");
		assertThat(schemas.get("ChampsProjetSante").get("description").asText()).contains("STATUTS");
		List<String> rapport = new ArrayList<>(List.of("rapport"));
		rapport.addAll(Taches.INDICATEURS_ENTIERS);
		rapport.addAll(Taches.INDICATEURS_TAUX);
		assertThat(iterable(schemas.get("ChampsTransmettreRapportActivite").get("properties").fieldNames()))
			.containsExactlyInAnyOrderElementsOf(rapport);
		assertThat(schemas.get("ChampsTransmettreRapportActivite").get("description").asText()).contains("RAPPORT");
		assertThat(iterable(schemas.get("ChampsCompleterDemandeFir").get("properties").fieldNames()))
			.containsExactly("reponseFir");
		JsonNode corps = this.docs.get("paths")
			.get("/api/portail/dossiers/{id}/taches/{taskId}")
			.get("post")
			.get("requestBody")
			.get("content")
			.get("application/json");
		assertThat(corps.get("schema").get("oneOf")).hasSize(4);
		assertThat(iterable(corps.get("examples").fieldNames())).contains("signerContratPorteur", "deposerProjetSante",
				"transmettreRapportActivite", "completerDemandeFir");
		String description = this.docs.get("info").get("description").asText();
		assertThat(description).contains("X-CSRF-TOKEN").contains("2026-03-15T00:00:00+01:00");
		assertThat(iterable(this.docs.get("components").get("securitySchemes").fieldNames()))
			.containsExactlyInAnyOrder("basic", "session");
	}

	@Test
	void springSecurityRefusalsAreFrenchJsonOnTheApisAndTheEngineForPorteurs() throws Exception {
		HttpResponse<String> anonyme = call("GET", "/api/portail/dossiers", null, null, null);
		assertThat(anonyme.statusCode()).isEqualTo(401);
		assertThat(erreurFrancaise(anonyme).get("message").asText()).startsWith("Authentification requise");

		HttpResponse<String> agent = call("GET", "/api/portail/dossiers", null, null, "ars.76");
		assertThat(agent.statusCode()).isEqualTo(403);
		assertThat(erreurFrancaise(agent).get("message").asText()).startsWith("Accès refusé");

		HttpResponse<String> porteurMoteur = call("GET", "/engine-rest/task", null, null, "porteur.76");
		assertThat(porteurMoteur.statusCode()).isEqualTo(403);
		assertThat(erreurFrancaise(porteurMoteur).get("message").asText()).contains("/engine-rest")
			.contains("porteurs de projet");
		HttpResponse<String> porteurEcrit = call("POST", "/engine-rest/process-definition/key/cpts-creation/start",
				"application/json", "{}", "porteur.76");
		assertThat(porteurEcrit.statusCode()).isEqualTo(403);
		erreurFrancaise(porteurEcrit);

		HttpResponse<String> moteurAnonyme = call("GET", "/engine-rest/task", null, null, null);
		assertThat(moteurAnonyme.statusCode()).isEqualTo(401);
		assertThat(erreurFrancaise(moteurAnonyme).get("message").asText()).startsWith("Authentification requise");

		HttpResponse<String> territoire = call("GET", "/api/territoire/communes?q=t", null, null, "porteur.76");
		assertThat(territoire.statusCode()).isEqualTo(400);
		assertThat(erreurFrancaise(territoire).get("erreurs").get("q").asText()).contains("au moins 2 caractères");
	}

	@Test
	void everyInstantIsInParisTimeWithItsOffset() throws Exception {
		assertThat(this.json.writeValueAsString(Instant.parse("2026-03-14T23:00:00.123Z")))
			.isEqualTo("\"2026-03-15T00:00:00+01:00\"");
		assertThat(this.json.writeValueAsString(Date.from(Instant.parse("2026-07-14T22:00:00Z"))))
			.isEqualTo("\"2026-07-15T00:00:00+02:00\"");
		assertThat(this.json.writeValueAsString(OffsetDateTime.of(2026, 3, 14, 23, 0, 0, 456_000, ZoneOffset.UTC)))
			.isEqualTo("\"2026-03-15T00:00:00+01:00\"");

		long id = this.json.readTree(json("POST", "/api/portail/dossiers", ApiPorteur.lettre("CPTS des dates")).body())
			.get("id")
			.asLong();
		PortailFixtures.mvc(this.context)
			.perform(multipart("/api/portail/dossiers/" + id + "/pieces")
				.file(new MockMultipartFile("fichier", "lettre.pdf", "application/pdf", PortailFixtures.pdf()))
				.with(porteur("porteur.76"))
				.with(csrf()));
		assertThat(json("POST", "/api/portail/dossiers/" + id + "/envoi", null).statusCode()).isEqualTo(200);
		JsonNode detail = this.json.readTree(json("GET", "/api/portail/dossiers/" + id, null).body());
		List<String> dates = new ArrayList<>();
		detail.findValues("date").forEach((date) -> dates.add(date.asText(null)));
		detail.findValues("deposeLe").forEach((date) -> dates.add(date.asText()));
		detail.findValues("echeance").forEach((date) -> dates.add(date.asText(null)));
		dates.add(detail.get("dossier").get("prochaineDate").asText(null));
		List<String> presentes = dates.stream().filter((date) -> date != null && !"null".equals(date)).toList();
		assertThat(presentes).as(detail.toString())
			.hasSizeGreaterThanOrEqualTo(3)
			.allMatch((d) -> d.matches(DATE_DE_PARIS));
	}

}
