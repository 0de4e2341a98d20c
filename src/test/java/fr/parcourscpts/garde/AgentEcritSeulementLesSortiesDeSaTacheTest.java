package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * An agent writes only the outputs its task's form declares, when it completes that task:
 * no variable of the dossier through any other call, no undeclared field, no value the
 * form does not offer, no identity link, no task given to someone else; a task of another
 * region is "not found", exactly like a task that does not exist.
 */
@ApplicationTest
class AgentEcritSeulementLesSortiesDeSaTacheTest {

	private static final String CATEGORIE = "écritures d'agent";

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@AfterEach
	void clear() {
		this.engine.getIdentityService().clearAuthentication();
	}

	@Test
	void urpsAgentCannotRewriteTheDossierThroughItsOwnTask() throws Exception {
		String pi = this.fixtures.creation("76");
		this.engine.getTaskService()
			.complete(this.fixtures.tache(pi, "verifierCompletude").getId(), Map.of("completude", "complete"));
		this.fixtures.executeMessages(pi);
		Task own = this.fixtures.tacheDe(pi, "rendreAvisUrps", "urps-medecins");
		Object avisAvant = this.engine.getRuntimeService().getVariable(pi, "avisUrps");

		List<String[]> attempts = List.of(new String[] { "PUT", "/task/" + own.getId() + "/variables/avisUrps",
				"{\"value\":\"[{\\\"urps\\\":\\\"urps-biologistes\\\",\\\"avisGlobal\\\":\\\"favorable\\\"}]\"}" },
				new String[] { "PUT", "/task/" + own.getId() + "/variables/communesEnChevauchement",
						"{\"value\":\"\"}" },
				new String[] { "PUT", "/task/" + own.getId() + "/localVariables/montantFirDemande",
						"{\"value\":1,\"type\":\"Double\"}" },
				new String[] { "POST", "/task/" + own.getId() + "/variables",
						"{\"modifications\":{\"montantFirDemande\":{\"value\":1,\"type\":\"Double\"}}}" },
				new String[] { "DELETE", "/task/" + own.getId() + "/variables/communes", null },
				new String[] { "PUT", "/process-instance/" + pi + "/variables/montantFirDemande",
						"{\"value\":1,\"type\":\"Double\"}" },
				new String[] { "PUT", "/execution/" + pi + "/localVariables/montantFirDemande",
						"{\"value\":1,\"type\":\"Double\"}" },
				new String[] { "POST", "/task/" + own.getId() + "/identity-links",
						"{\"groupId\":\"ars\",\"type\":\"candidate\"}" },
				new String[] { "POST", "/task/" + own.getId() + "/assignee", "{\"userId\":\"guichet.76\"}" },
				new String[] { "POST", "/task/" + own.getId() + "/claim", "{\"userId\":\"guichet.76\"}" },
				new String[] { "PUT", "/task/" + own.getId(),
						"{\"name\":\"x\",\"due\":\"2020-01-01T00:00:00.000+0100\"}" },
				new String[] { "POST", "/message",
						"{\"messageName\":\"abandonDossier\",\"processInstanceId\":\"" + pi + "\"}" },
				new String[] { "POST", "/process-definition/key/cpts-creation/start", "{}" });
		for (String[] attempt : attempts) {
			HttpResponse<String> response = this.fixtures.rest(attempt[0], attempt[1], "urps-medecins.76", attempt[2]);
			boolean refused = response.statusCode() == 403;
			AbuseSuite.attempt(CATEGORIE, "urps-medecins.76 : " + attempt[0] + " " + attempt[1], refused);
			assertThat(response.statusCode()).as(attempt[0] + " " + attempt[1] + " → " + response.body())
				.isEqualTo(403);
		}

		assertThat(this.engine.getRuntimeService().getVariable(pi, "avisUrps")).isEqualTo(avisAvant);
		assertThat(this.engine.getRuntimeService().getVariable(pi, "montantFirDemande")).isEqualTo(50_000.0);
		assertThat(this.engine.getRuntimeService().getVariable(pi, "communes")).isEqualTo("31555,31069");
		assertThat(this.engine.getTaskService().getIdentityLinksForTask(own.getId()))
			.noneMatch((link) -> "ars".equals(link.getGroupId()));
		Task after = this.engine.getTaskService().createTaskQuery().taskId(own.getId()).singleResult();
		assertThat(after.getAssignee()).isNull();
		assertThat(after.getName()).isNotEqualTo("x");
		assertThat(this.engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).count())
			.as("the dossier was not abandoned")
			.isEqualTo(1);
	}

	@Test
	void completionWithAnUndeclaredFieldIsRefusedWithAFrenchMessageNamingIt() throws Exception {
		String pi = this.fixtures.creation("76");
		Task task = this.fixtures.tache(pi, "verifierCompletude");

		for (String action : List.of("complete", "submit-form")) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("completude", "complete");
			values.put("population", 600_000);
			HttpResponse<String> response = this.fixtures.rest("POST", "/task/" + task.getId() + "/" + action,
					"guichet.76", MoteurFixtures.variables(values));
			boolean refused = response.statusCode() == 400 && response.body().contains("population");
			AbuseSuite.attempt(CATEGORIE, "champ non déclaré (population) par " + action, refused);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.body()).contains("« population » n'est pas une donnée de cette tâche");
		}
		assertThat(this.engine.getRuntimeService().getVariable(pi, "population")).isEqualTo(120_000L);
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
	}

	@Test
	void aValueTheFormDoesNotOfferIsRefused() throws Exception {
		String pi = this.fixtures.creation("76");
		Task task = this.fixtures.tache(pi, "verifierCompletude");

		HttpResponse<String> response = this.fixtures.rest("POST", "/task/" + task.getId() + "/complete", "guichet.76",
				MoteurFixtures.variables(Map.of("completude", "peut-etre")));
		AbuseSuite.attempt(CATEGORIE, "valeur hors du formulaire (completude=peut-etre)", response.statusCode() == 400);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("doit valoir complete ou corrections ou irrecevable");
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
	}

	@Test
	void aRefusedDecisionIsA400NotA500() throws Exception {
		String pi = this.fixtures.avant("cpts-creation", "deciderFinancementFir", "76", Map.of());
		Task task = this.fixtures.tache(pi, "deciderFinancementFir");

		HttpResponse<String> response = this.fixtures.rest("POST", "/task/" + task.getId() + "/complete", "ars.76",
				MoteurFixtures.variables(Map.of("decisionFir", "refuse")));
		AbuseSuite.attempt(CATEGORIE, "refus FIR sans motif", response.statusCode() == 400);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("motifRefusFir est obligatoire");
	}

	@Test
	void aTaskOfAnotherRegionIsNotFoundLikeATaskThatDoesNotExist() throws Exception {
		String pi = this.fixtures.creation("52");
		Task other = this.fixtures.tache(pi, "verifierCompletude");

		HttpResponse<String> autreRegion = this.fixtures.rest("POST", "/task/" + other.getId() + "/complete",
				"guichet.76", MoteurFixtures.variables(Map.of("completude", "complete")));
		HttpResponse<String> inexistante = this.fixtures.rest("POST", "/task/nexistepas/complete", "guichet.76",
				MoteurFixtures.variables(Map.of("completude", "complete")));
		HttpResponse<String> claim = this.fixtures.rest("POST", "/task/" + other.getId() + "/claim", "guichet.76",
				"{\"userId\":\"guichet.76\"}");

		AbuseSuite.attempt(CATEGORIE, "tâche d'une autre région (complete)", autreRegion.statusCode() == 404);
		AbuseSuite.attempt(CATEGORIE, "tâche d'une autre région (claim)", claim.statusCode() == 404);
		assertThat(autreRegion.statusCode()).as(autreRegion.body()).isEqualTo(404);
		assertThat(inexistante.statusCode()).isEqualTo(404);
		assertThat(claim.statusCode()).isEqualTo(404);
		assertThat(autreRegion.body().replace(other.getId(), "ID"))
			.isEqualTo(inexistante.body().replace("nexistepas", "ID"));
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(other.getId()).singleResult().getAssignee())
			.isNull();
	}

	@Test
	void readingATaskOrADossierOfAnotherRegionIsNotFoundEither() throws Exception {
		String pi = this.fixtures.creation("52");
		Task other = this.fixtures.tache(pi, "verifierCompletude");

		for (String path : List.of("/task/" + other.getId() + "/variables",
				"/task/" + other.getId() + "/form-variables", "/task/" + other.getId() + "/identity-links",
				"/process-instance/" + pi + "/variables", "/process-instance/" + pi + "/activity-instances")) {
			HttpResponse<String> response = this.fixtures.rest("GET", path, "guichet.76", null);
			AbuseSuite.attempt(CATEGORIE, "lecture d'une autre région : GET " + path, response.statusCode() == 404);
			assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(404);
			assertThat(response.body()).doesNotContain("31555");
		}
	}

	@Test
	void aRegionalAdministratorDoesNotDecideInADossier() throws Exception {
		String pi = this.fixtures.creation("76");
		Task task = this.fixtures.tache(pi, "verifierCompletude");

		HttpResponse<String> response = this.fixtures.rest("POST", "/task/" + task.getId() + "/complete", "admin.76",
				MoteurFixtures.variables(Map.of("completude", "complete")));
		AbuseSuite.attempt(CATEGORIE, "administrateur régional qui complète une tâche", response.statusCode() == 403);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
	}

	@Test
	void theAgentClaimsReleasesAndCompletesItsTaskWithTheDeclaredOutputs() throws Exception {
		String pi = this.fixtures.creation("76");
		Task task = this.fixtures.tache(pi, "verifierCompletude");

		assertThat(this.fixtures
			.rest("POST", "/task/" + task.getId() + "/claim", "guichet.76", "{\"userId\":\"guichet.76\"}")
			.statusCode()).isEqualTo(204);
		assertThat(this.fixtures.rest("POST", "/task/" + task.getId() + "/unclaim", "guichet.76", "{}").statusCode())
			.isEqualTo(204);
		HttpResponse<String> submit = this.fixtures
			.rest("POST", "/task/" + task.getId() + "/submit-form", "guichet.76", MoteurFixtures
				.variables(Map.of("completude", "corrections", "motifCompletude", "Le diagnostic territorial manque")));

		assertThat(submit.statusCode()).as(submit.body()).isIn(200, 204);
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
		assertThat(this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(pi)
			.variableName("motifCompletude")
			.singleResult()
			.getValue()).isEqualTo("Le diagnostic territorial manque");
	}

	@Test
	void theWebappsPassTheSameGuardInsideTheEngine() {
		String pi = this.fixtures.creation("76");
		this.engine.getTaskService()
			.complete(this.fixtures.tache(pi, "verifierCompletude").getId(), Map.of("completude", "complete"));
		this.fixtures.executeMessages(pi);
		Task own = this.fixtures.tacheDe(pi, "rendreAvisUrps", "urps-medecins");

		// What Tasklist's API does for a logged-in agent: the engine's services under the
		// agent's authentication.
		this.engine.getIdentityService().setAuthentication("urps-medecins.76", List.of("urps-medecins"), List.of("76"));
		boolean refused = false;
		try {
			assertThatThrownBy(() -> this.engine.getTaskService().setVariable(own.getId(), "avisUrps", "[]"))
				.isInstanceOf(AuthorizationException.class);
			assertThatThrownBy(() -> this.engine.getRuntimeService().setVariable(pi, "montantFirDemande", 1.0))
				.isInstanceOf(AuthorizationException.class);
			assertThatThrownBy(() -> this.engine.getTaskService().addCandidateGroup(own.getId(), "ars"))
				.isInstanceOf(AuthorizationException.class);
			refused = true;
		}
		finally {
			AbuseSuite.attempt(CATEGORIE, "écritures par l'API Java sous l'identité d'un agent (webapps)", refused);
		}
		this.engine.getIdentityService().clearAuthentication();
		assertThat(this.engine.getRuntimeService().getVariable(pi, "montantFirDemande")).isEqualTo(50_000.0);
	}

}
