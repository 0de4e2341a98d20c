package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.evaluation.EvaluationProcess;

/**
 * The supported way to reach an evaluation without waiting a year (README,
 * docs/integrite.md): the national administrator finds the anniversary timer over the
 * REST API and re-times it to now; the timer is then due and opens the evaluation (the
 * porteur's activity report). Executed before, it stays refused.
 */
@ApplicationTest
class EvaluationSansAttendreUnAnTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	ObjectMapper json;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@Test
	void theNationalAdministratorReTimesTheAnniversaryAndTheEvaluationOpens() throws Exception {
		String reference = MoteurFixtures.reference("76");
		Map<String, Object> variables = MoteurFixtures.dossier(reference, "76");
		variables.put(EvaluationProcess.NUMERO_EVALUATION, 1L);
		variables.put(EvaluationProcess.DATE_ANNIVERSAIRE, Date.from(Instant.now().plus(365, ChronoUnit.DAYS)));
		variables.putAll(Map.of("missionQualite", true, "missionsRetenues",
				"AccesSoins,Parcours,Prevention,CrisesSanitaires,Qualite", "partFixe", 142500L, "partVariable", 110000L,
				"variableAccesSoins", 40000L, "variableParcours", 25000L, "variablePrevention", 15000L,
				"variableCrisesSanitaires", 15000L, "variableQualite", 15000L));
		String pi = this.engine.getRuntimeService()
			.startProcessInstanceByKey(EvaluationProcess.PROCESS_ID, reference, variables)
			.getId();

		// as documented: GET /engine-rest/job?activityId=anniversaireContratAtteint
		HttpResponse<String> jobs = this.fixtures.rest("GET",
				"/job?activityId=anniversaireContratAtteint&processInstanceId=" + pi, "admin", null);
		assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
		JsonNode timer = this.json.readTree(jobs.body()).get(0);
		String jobId = timer.get("id").asText();
		HttpResponse<String> tropTot = this.fixtures.rest("POST", "/job/" + jobId + "/execute", "admin", null);
		assertThat(tropTot.statusCode()).as("not before its due date: " + tropTot.body()).isEqualTo(403);

		// PUT /engine-rest/job/{id}/duedate with now
		String maintenant = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
			.format(Instant.now().atZone(java.time.ZoneId.of("Europe/Paris")));
		HttpResponse<String> retime = this.fixtures.rest("PUT", "/job/" + jobId + "/duedate", "admin",
				"{\"duedate\":\"" + maintenant + "\"}");
		assertThat(retime.statusCode()).as(retime.body()).isEqualTo(204);

		// the job executor's part (off in the tests): the due timer, then the async mail
		Job due = this.engine.getManagementService().createJobQuery().jobId(jobId).executable().singleResult();
		assertThat(due).as("the timer is due once re-timed").isNotNull();
		this.engine.getManagementService().executeJob(jobId);
		this.fixtures.executeMessages(pi);
		assertThat(this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(pi)
			.taskDefinitionKey("transmettreRapportActivite")
			.count()).as("the evaluation is open: the porteur's report is awaited").isEqualTo(1);
	}

}
