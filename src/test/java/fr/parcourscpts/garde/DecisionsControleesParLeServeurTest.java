package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
 * The contract and evaluation tasks are checked on the server like the creation ones: a
 * contract cannot take effect in the past nor years ahead, a signature is refused unless
 * it is ticked, a rate lies between 0 and 100, a boolean the process routes on agrees
 * with the answer it is computed from.
 */
@ApplicationTest
class DecisionsControleesParLeServeurTest {

	private static final String CATEGORIE = "décisions hors des règles";

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	private static LocalDate aujourdhui() {
		return LocalDate.now(ZoneId.of("Europe/Paris"));
	}

	@Test
	void aContractCannotTakeEffectInThePastNorTooFarAhead() throws Exception {
		String pi = this.fixtures.avant("contrat-aci", "preparerContrat", "76", Map.of());
		Task task = this.fixtures.tache(pi, "preparerContrat");

		for (String date : new String[] { "2015-01-01", aujourdhui().minusDays(1).toString(),
				aujourdhui().plusYears(3).toString() }) {
			HttpResponse<String> response = complete(task, "cpam.76",
					Map.of("dateEffetContrat", date, "missionQualite", false, "missionAccompagnement", false));
			AbuseSuite.attempt(CATEGORIE, "date d'effet du contrat " + date, response.statusCode() == 400);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.body()).contains("date d'effet du contrat");
		}
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

		HttpResponse<String> honest = complete(task, "cpam.76", Map.of("dateEffetContrat",
				aujourdhui().plusDays(15).toString(), "missionQualite", true, "missionAccompagnement", false));
		assertThat(honest.statusCode()).as(honest.body()).isEqualTo(204);
	}

	@Test
	void aSignatureThatIsNotTickedIsRefused() throws Exception {
		String cpam = this.fixtures.avant("contrat-aci", "signerContratCpam", "76", Map.of());
		String ars = this.fixtures.avant("contrat-aci", "signerContratArs", "76", Map.of());

		HttpResponse<String> parLaCpam = complete(this.fixtures.tache(cpam, "signerContratCpam"), "cpam.76",
				Map.of("signatureCpam", false));
		HttpResponse<String> parLArs = complete(this.fixtures.tache(ars, "signerContratArs"), "ars.76", Map.of());

		AbuseSuite.attempt(CATEGORIE, "signature CPAM non cochée", parLaCpam.statusCode() == 400);
		AbuseSuite.attempt(CATEGORIE, "signature ARS absente", parLArs.statusCode() == 400);
		assertThat(parLaCpam.statusCode()).as(parLaCpam.body()).isEqualTo(400);
		assertThat(parLaCpam.body()).contains("cochez la case de signature");
		assertThat(parLArs.statusCode()).as(parLArs.body()).isEqualTo(400);
		assertThat(this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceIdIn(cpam, ars)
			.taskDefinitionKeyIn("signerContratCpam", "signerContratArs")
			.count()).isEqualTo(2);

		assertThat(complete(this.fixtures.tache(cpam, "signerContratCpam"), "cpam.76", Map.of("signatureCpam", true))
			.statusCode()).isEqualTo(204);
	}

	@Test
	void evaluationRatesLieBetweenZeroAndAHundredAndTheBooleanAgreesWithTheAnswer() throws Exception {
		String pi = this.fixtures.avant("evaluation-annuelle", "evaluerIndicateurs", "76", Map.of("missionQualite",
				false, "missionAccompagnement", false, "numeroEvaluation", 1, "dateAnniversaire", dansUnAn()));
		Task task = this.fixtures.tache(pi, "evaluerIndicateurs");
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("tauxAccesSoins", 150);
		values.put("tauxParcours", 80);
		values.put("tauxPrevention", 70);
		values.put("tauxCrisesSanitaires", 60);
		values.put("missionsDeployeesChoix", "oui");
		values.put("missionsDeployees", true);
		values.put("commentaireEvaluation", "Bonne année");

		HttpResponse<String> tropHaut = complete(task, "cpam.76", values);
		values.put("tauxAccesSoins", 90);
		values.put("missionsDeployees", false);
		HttpResponse<String> incoherent = complete(task, "cpam.76", values);

		AbuseSuite.attempt(CATEGORIE, "taux d'atteinte de 150 %", tropHaut.statusCode() == 400);
		AbuseSuite.attempt(CATEGORIE, "missionsDeployees contraire à la réponse", incoherent.statusCode() == 400);
		assertThat(tropHaut.statusCode()).as(tropHaut.body()).isEqualTo(400);
		assertThat(tropHaut.body()).contains("doit être au plus 100");
		assertThat(incoherent.statusCode()).as(incoherent.body()).isEqualTo(400);
		assertThat(incoherent.body()).contains("missionsDeployees doit être true");

		values.put("missionsDeployees", true);
		assertThat(complete(task, "cpam.76", values).statusCode()).isEqualTo(204);
	}

	@Test
	void aTerminationDecisionNeedsItsReason() throws Exception {
		String pi = this.fixtures.avant("evaluation-annuelle", "deciderResiliation", "76",
				Map.of("numeroEvaluation", 1, "dateAnniversaire", dansUnAn()));
		Task task = this.fixtures.tache(pi, "deciderResiliation");

		HttpResponse<String> response = complete(task, "cpam.76",
				Map.of("decisionResiliation", "resilier", "resilierContrat", true));
		AbuseSuite.attempt(CATEGORIE, "résiliation sans motif", response.statusCode() == 400);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("le motif de la décision est obligatoire");
	}

	private static java.util.Date dansUnAn() {
		return java.util.Date.from(java.time.Instant.now().plus(365, java.time.temporal.ChronoUnit.DAYS));
	}

	private HttpResponse<String> complete(Task task, String user, Map<String, Object> values) throws Exception {
		return this.fixtures.rest("POST", "/task/" + task.getId() + "/complete", user,
				MoteurFixtures.variables(values));
	}

}
