package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * A legal deadline cannot be brought forward: the tacit-validation timer executed before
 * its due date is refused to the regional administrator, to the national one and to the
 * application alike; once due, it runs. Only the national administrator re-times or
 * deletes a job; a regional administrator retries an incident, nothing more.
 */
@ApplicationTest
class EcheancesLegalesNonAnticipablesTest {

	private static final String CATEGORIE = "échéances légales";

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
	void resetClock() {
		ClockUtil.reset();
	}

	private String dossierEnInstruction() {
		Date dans2Mois = Date.from(Instant.now().plus(61, ChronoUnit.DAYS));
		Date dans7Semaines = Date.from(Instant.now().plus(49, ChronoUnit.DAYS));
		return this.fixtures.avant("cpts-creation", "instruireProjetSante", "76",
				Map.of("dateValidationTacite", dans2Mois, "echeanceValidationTacite", dans2Mois,
						"dateRappelValidationTacite", dans7Semaines, "dateDepotProjetSante", new Date()));
	}

	private Job timer(String pi) {
		return this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(pi)
			.timers()
			.activityId("validationTaciteAcquise")
			.singleResult();
	}

	@Test
	void nobodyFiresTheTacitValidationBeforeItsDueDate() throws Exception {
		String pi = dossierEnInstruction();
		Job timer = timer(pi);
		assertThat(timer).isNotNull();

		for (String user : new String[] { "admin.76", "admin", "ars.76" }) {
			HttpResponse<String> response = this.fixtures.rest("POST", "/job/" + timer.getId() + "/execute", user,
					"{}");
			AbuseSuite.attempt(CATEGORIE, user + " exécute la validation tacite deux mois plus tôt",
					response.statusCode() == 403);
			assertThat(response.statusCode()).as(user + " → " + response.body()).isEqualTo(403);
		}
		assertThatThrownBy(() -> this.engine.getManagementService().executeJob(timer.getId()))
			.isInstanceOf(AuthorizationException.class)
			.hasMessageContaining("échéance légale");
		assertThat(this.engine.getRuntimeService().getActiveActivityIds(pi)).contains("donnerAvisCpam");
		assertThat(this.engine.getRuntimeService().getVariable(pi, "validationProjet")).isNull();

		assertThat(timer(pi).getRetries()).as("a refused early execution is no failure of the job")
			.isEqualTo(timer.getRetries());
		assertThat(this.engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).count()).isZero();

		ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
		this.engine.getManagementService().executeJob(timer.getId());
		assertThat(this.engine.getRuntimeService().getVariable(pi, "validationProjet")).isEqualTo("tacite");
	}

	@Test
	void aRegionalAdministratorNeitherReTimesNorDeletesAJob() throws Exception {
		String pi = dossierEnInstruction();
		Job timer = timer(pi);

		HttpResponse<String> duedate = this.fixtures.rest("PUT", "/job/" + timer.getId() + "/duedate", "admin.76",
				"{\"duedate\":\"2020-01-01T00:00:00.000+0100\"}");
		HttpResponse<String> retriesWithDueDate = this.fixtures.rest("PUT", "/job/" + timer.getId() + "/retries",
				"admin.76", "{\"retries\":3,\"dueDate\":\"2020-01-01T00:00:00.000+0100\"}");
		HttpResponse<String> delete = this.fixtures.rest("DELETE", "/job/" + timer.getId(), "admin.76", null);
		HttpResponse<String> retries = this.fixtures.rest("PUT", "/job/" + timer.getId() + "/retries", "admin.76",
				"{\"retries\":3}");

		AbuseSuite.attempt(CATEGORIE, "admin.76 avance l'échéance d'un timer", duedate.statusCode() == 403);
		AbuseSuite.attempt(CATEGORIE, "admin.76 relance un job en changeant son échéance",
				retriesWithDueDate.statusCode() == 403);
		AbuseSuite.attempt(CATEGORIE, "admin.76 supprime un timer", delete.statusCode() == 403);
		assertThat(duedate.statusCode()).as(duedate.body()).isEqualTo(403);
		assertThat(retriesWithDueDate.statusCode()).as(retriesWithDueDate.body()).isEqualTo(403);
		assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
		assertThat(retries.statusCode()).as("an incident's retry stays possible: " + retries.body()).isEqualTo(204);
		assertThat(timer(pi).getDuedate()).isEqualTo(timer.getDuedate());
	}

	@Test
	void theNationalAdministratorMayReTimeAJobForRepair() throws Exception {
		String pi = dossierEnInstruction();
		Job timer = timer(pi);

		HttpResponse<String> duedate = this.fixtures.rest("PUT", "/job/" + timer.getId() + "/duedate", "admin",
				"{\"duedate\":\"2030-01-01T00:00:00.000+0100\"}");
		assertThat(duedate.statusCode()).as(duedate.body()).isEqualTo(204);
		assertThat(timer(pi).getDuedate()).isAfter(timer.getDuedate());
	}

}
