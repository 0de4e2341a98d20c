package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The accompanying structures decide nothing in the engine: the APMSL and the Inter-URPS
 * of Pays de la Loire cannot complete the ARS's completeness check of a dossier of their
 * region; the Inter-URPS completes only its own opinion, with its form's fields.
 */
@ApplicationTest
class StructuresAccompagnementNeDecidentPasTest {

	private static final String CATEGORIE = "garde-moteur";

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@Test
	void accompanyingStructuresCannotCompleteTheArsCheck() throws Exception {
		String pi = this.fixtures.creation("52");
		Task verification = this.fixtures.tache(pi, "verifierCompletude");
		assertThat(this.engine.getTaskService().getIdentityLinksForTask(verification.getId()))
			.anySatisfy((link) -> assertThat(link.getGroupId()).isEqualTo("ars"));

		for (String structure : new String[] { "apmsl.52", "inter-urps.52" }) {
			HttpResponse<String> response = this.fixtures.rest("POST", "/task/" + verification.getId() + "/complete",
					structure, MoteurFixtures.variables(Map.of("completude", "complete")));
			boolean refused = response.statusCode() == 403 || response.statusCode() == 404;
			AbuseSuite.attempt(CATEGORIE, structure + " complète la vérification de l'ARS", refused);
			assertThat(refused).as(structure + " → " + response.statusCode() + " " + response.body()).isTrue();
		}
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(verification.getId()).count()).isEqualTo(1);
	}

	@Test
	void theInterUrpsGivesItsOpinionOnlyWithTheFormsFields() throws Exception {
		String pi = this.fixtures.creation("52");
		Task verification = this.fixtures.tache(pi, "verifierCompletude");
		HttpResponse<String> ars = this.fixtures.rest("POST", "/task/" + verification.getId() + "/complete", "ars.52",
				MoteurFixtures.variables(Map.of("completude", "complete")));
		assertThat(ars.statusCode()).as(ars.body()).isEqualTo(204);
		Task avis = this.fixtures.tache(pi, "rendreAvisUrps");

		HttpResponse<String> horsFormulaire = this.fixtures.rest("POST", "/task/" + avis.getId() + "/complete",
				"inter-urps.52",
				MoteurFixtures.variables(Map.of("critereMissions", "favorable", "decisionFir", "accorde")));
		AbuseSuite.attempt(CATEGORIE, "Inter-URPS qui écrit une décision FIR", horsFormulaire.statusCode() == 400);
		assertThat(horsFormulaire.statusCode()).as(horsFormulaire.body()).isEqualTo(400);

		HttpResponse<String> apmsl = this.fixtures.rest("POST", "/task/" + avis.getId() + "/complete", "apmsl.52",
				MoteurFixtures.variables(Map.of("critereMissions", "favorable")));
		assertThat(apmsl.statusCode()).isIn(403, 404);
	}

}
