package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;

/**
 * The JSON API of the portal over real HTTP with Basic credentials (no CSRF token, no
 * session), and its OpenAPI description.
 */
@ApplicationTest
class PortailApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	WebApplicationContext context;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	private HttpResponse<String> call(String method, String path, Object body, String user) {
		return ApiPorteur.local(this.port).json(method, path, body, user);
	}

	@Test
	void porteurDraftsSendsFollowsAndAbandonsADossierThroughTheApi() throws Exception {
		HttpResponse<String> created = call("POST", "/api/portail/dossiers", Map.of("nomCpts", "CPTS de l'API"),
				"porteur.76");
		assertThat(created.statusCode()).isEqualTo(201);
		long id = this.json.readTree(created.body()).get("id").asLong();
		assertThat(this.json.readTree(created.body()).get("statut").asText()).isEqualTo("brouillon");

		HttpResponse<String> incomplete = call("POST", "/api/portail/dossiers/" + id + "/envoi", null, "porteur.76");
		assertThat(incomplete.statusCode()).isEqualTo(400);
		JsonNode erreurs = this.json.readTree(incomplete.body()).get("erreurs");
		assertThat(erreurs.get("communes").asText()).isEqualTo("Indiquez au moins une commune du territoire.");
		assertThat(erreurs.get("missionPrevention").asText()).isEqualTo(
				"Cochez l'engagement sur la mission « prévention » : les quatre missions socles sont obligatoires.");

		assertThat(
				call("PUT", "/api/portail/dossiers/" + id + "/lettre", ApiPorteur.lettre("CPTS de l'API"), "porteur.76")
					.statusCode())
			.isEqualTo(200);
		HttpResponse<String> sent = call("POST", "/api/portail/dossiers/" + id + "/envoi", null, "porteur.76");
		assertThat(sent.statusCode()).isEqualTo(200);
		String reference = this.json.readTree(sent.body()).get("reference").asText();
		assertThat(reference).matches("CPTS-76-\\d{4}-\\d{4}");
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count())
			.isEqualTo(1);

		HttpResponse<String> list = call("GET", "/api/portail/dossiers", null, "porteur.76");
		assertThat(list.body()).contains(reference);
		JsonNode detail = this.json.readTree(call("GET", "/api/portail/dossiers/" + id, null, "porteur.76").body());
		assertThat(detail.get("dossier").get("etapesCourantes").toString()).contains("complétude");
		assertThat(detail.get("etapes").get(1).get("id").asText()).isEqualTo("verifierCompletude");
		assertThat(detail.get("etapes").get(1).get("statut").asText()).isEqualTo("enCours");
		assertThat(detail.get("lettre").get("nomCpts").asText()).isEqualTo("CPTS de l'API");

		// sent: the draft can no longer be changed
		assertThat(call("PUT", "/api/portail/dossiers/" + id + "/lettre", ApiPorteur.lettre("Autre"), "porteur.76")
			.statusCode()).isEqualTo(409);

		assertThat(call("POST", "/api/portail/dossiers/" + id + "/abandon", null, "porteur.76").statusCode())
			.isEqualTo(204);
		assertThat(this.tasks.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
		assertThat(this.history.createHistoricActivityInstanceQuery().activityId("abandonDemande").list())
			.anyMatch((activity) -> activity.getProcessInstanceId()
				.equals(this.runtime.createProcessInstanceQuery()
					.processInstanceBusinessKey(reference)
					.singleResult()
					.getId()));
		assertThat(call("POST", "/api/portail/dossiers/" + id + "/abandon", null, "porteur.52").statusCode())
			.isEqualTo(404);
	}

	@Test
	void correctedLettreIsSentAgainThroughTheApi() throws Exception {
		long id = this.json
			.readTree(
					call("POST", "/api/portail/dossiers", ApiPorteur.lettre("CPTS à corriger par l'API"), "porteur.76")
						.body())
			.get("id")
			.asLong();
		String reference = this.json
			.readTree(call("POST", "/api/portail/dossiers/" + id + "/envoi", null, "porteur.76").body())
			.get("reference")
			.asText();
		this.tasks.complete(this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey("verifierCompletude")
			.singleResult()
			.getId(), Map.of("completude", "corrections", "motifCompletude", "Précisez les moyens."));
		String processInstanceId = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
		this.management.createJobQuery()
			.processInstanceId(processInstanceId)
			.list()
			.forEach((job) -> this.management.executeJob(job.getId()));
		assertThat(call("GET", "/api/portail/dossiers/" + id + "/taches", null, "porteur.76").body())
			.contains("corrigerLettreIntention");

		Map<String, Object> corrigee = ApiPorteur.lettre("CPTS corrigée par l'API");
		corrigee.put("moyens", "Deux coordinatrices.");
		assertThat(call("POST", "/api/portail/dossiers/" + id + "/correction", corrigee, "porteur.76").statusCode())
			.isEqualTo(204);
		assertThat(this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey("verifierCompletude")
			.count()).isEqualTo(1);
		assertThat(this.runtime.getVariable(processInstanceId, "nomCpts")).isEqualTo("CPTS corrigée par l'API");
		// no correction is pending any more
		assertThat(call("POST", "/api/portail/dossiers/" + id + "/correction", corrigee, "porteur.76").statusCode())
			.isEqualTo(404);
	}

	@Test
	void projetDeSanteIsDepositedThroughTheApiWithItsStatuts() throws Exception {
		long id = this.json
			.readTree(call("POST", "/api/portail/dossiers", ApiPorteur.lettre("CPTS projet API"), "porteur.76").body())
			.get("id")
			.asLong();
		String reference = this.json
			.readTree(call("POST", "/api/portail/dossiers/" + id + "/envoi", null, "porteur.76").body())
			.get("reference")
			.asText();
		String processInstanceId = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
		this.runtime.createProcessInstanceModification(processInstanceId)
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("deposerProjetSante")
			.execute();
		String taskId = this.tasks.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
		Map<String, String> projet = Map.of("missionsActions", "Missions.", "gouvernance", "Bureau.",
				"systemesInformation", "Messagerie.");

		HttpResponse<String> sansStatuts = call("POST", "/api/portail/dossiers/" + id + "/taches/" + taskId, projet,
				"porteur.76");
		assertThat(sansStatuts.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(sansStatuts.body()).get("erreurs").get("statuts").asText())
			.isEqualTo("Joignez les statuts de l'association (PDF).");

		var mvc = PortailFixtures.mvc(this.context);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/portail/dossiers/" + id + "/pieces")
			.file(new org.springframework.mock.web.MockMultipartFile("fichier", "statuts.pdf", "application/pdf",
					PortailFixtures.pdf()))
			.param("categorie", "LETTRE")
			.with(porteur("porteur.76"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isConflict());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/portail/dossiers/" + id + "/pieces")
			.file(new org.springframework.mock.web.MockMultipartFile("fichier", "statuts.pdf", "application/pdf",
					PortailFixtures.pdf()))
			.param("categorie", "STATUTS")
			.with(porteur("porteur.76"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isCreated());

		assertThat(call("POST", "/api/portail/dossiers/" + id + "/taches/" + taskId, projet, "porteur.76").statusCode())
			.isEqualTo(204);
		assertThat(this.tasks.createTaskQuery().taskId(taskId).count()).isZero();
	}

	@Test
	void validationErrorsOfADraftComeBackInFrench() throws Exception {
		HttpResponse<String> response = call("POST", "/api/portail/dossiers", Map.of("nomCpts", "x".repeat(201)),
				"porteur.76");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("erreurs").get("nomCpts").asText())
			.isEqualTo("Le nom de la CPTS compte au plus 200 caractères.");
	}

	@Test
	void agentsAndAnonymousCallersAreRefused() throws Exception {
		assertThat(call("GET", "/api/portail/dossiers", null, "ars.76").statusCode()).isEqualTo(403);
		assertThat(call("GET", "/api/portail/dossiers", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void inTheBrowserSessionTheCsrfTokenIsStillRequired() throws Exception {
		PortailFixtures.mvc(this.context)
			.perform(post("/api/portail/dossiers").with(porteur("porteur.76"))
				.contentType("application/json")
				.content("{\"nomCpts\":\"sans jeton\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theApiIsDescribedWithOpenApiBehindTheLogin() throws Exception {
		HttpResponse<String> docs = call("GET", "/v3/api-docs", null, "porteur.76");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/portail/dossiers/{id}/envoi")
			.contains("/api/portail/dossiers/{id}/taches/{taskId}")
			.contains("Portail des porteurs")
			.doesNotContain("/connexion");
		assertThat(call("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(401);
		HttpResponse<String> ui = call("GET", "/swagger-ui.html", null, "porteur.76");
		assertThat(ui.statusCode()).isIn(200, 302);
	}

}
