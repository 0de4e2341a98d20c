package fr.parcourscpts.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * The engine's history cleanup as the service configures it (application.yml): the
 * history of a dossier that ended longer ago than its model's time to live (10 years) is
 * removed by the cleanup job, the history of a dossier that ended recently is kept.
 */
@ApplicationTest
class HistoryCleanupTest {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ManagementService managementService;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void cleanupRunsEachNightByRemovalTimeAtTheEndOfTheDossier() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();

		assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
		assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
		assertThat(configuration.getHistoryCleanupBatchSize()).isEqualTo(500);
		assertThat(configuration.getHistoryCleanupDegreeOfParallelism()).isEqualTo(1);
		// the window makes the engine schedule the job itself at start
		assertThat(this.historyService.findHistoryCleanupJobs()).isNotEmpty();
	}

	@Test
	void historyOfADossierEndedMoreThanTenYearsAgoIsRemovedAndARecentOneKept() {
		ClockUtil.setCurrentTime(date(LocalDate.now(PARIS).minusYears(11)));
		String old = endedDossier();
		ClockUtil.reset();
		String recent = endedDossier();

		HistoricProcessInstance oldHistory = history(old);
		HistoricProcessInstance recentHistory = history(recent);
		// removal time = end + the model's historyTimeToLive (P3650D), not the start
		assertThat(Duration.between(oldHistory.getEndTime().toInstant(), oldHistory.getRemovalTime().toInstant()))
			.isEqualTo(Duration.ofDays(3650));
		assertThat(oldHistory.getRemovalTime()).isBefore(new Date());
		assertThat(recentHistory.getRemovalTime()).isAfter(date(LocalDate.now(PARIS).plusYears(9)));
		assertThat(activities(old)).isPositive();
		assertThat(variables(old)).isPositive();

		runCleanup();

		assertThat(this.historyService.createHistoricProcessInstanceQuery().processInstanceId(old).count()).isZero();
		assertThat(activities(old)).isZero();
		assertThat(variables(old)).isZero();
		assertThat(this.historyService.createHistoricTaskInstanceQuery().processInstanceId(old).count()).isZero();
		assertThat(this.historyService.createHistoricProcessInstanceQuery().processInstanceId(recent).count()).isOne();
		assertThat(activities(recent)).isPositive();
		assertThat(variables(recent)).isPositive();
	}

	@Test
	void aRemovalTimeSetInThePastMakesTheNextCleanupRemoveTheHistory() {
		String dossier = endedDossier();
		Date past = Date.from(Instant.now().minus(Duration.ofDays(1)));

		Batch batch = this.historyService.setRemovalTimeToHistoricProcessInstances()
			.absoluteRemovalTime(past)
			.byIds(dossier)
			.hierarchical()
			.executeAsync();
		executeJobs(batch.getSeedJobDefinitionId());
		executeJobs(batch.getBatchJobDefinitionId());
		assertThat(history(dossier).getRemovalTime()).isEqualTo(past);
		runCleanup();

		assertThat(this.historyService.createHistoricProcessInstanceQuery().processInstanceId(dossier).count())
			.isZero();
	}

	/** What the job executor does at night: the cleanup job, due now. */
	private void runCleanup() {
		Job cleanup = this.historyService.cleanUpHistoryAsync(true);
		this.managementService.executeJob(cleanup.getId());
	}

	private void executeJobs(String jobDefinitionId) {
		this.managementService.createJobQuery()
			.jobDefinitionId(jobDefinitionId)
			.list()
			.forEach((job) -> this.managementService.executeJob(job.getId()));
	}

	/**
	 * A dossier at the Guichet's first task, then abandoned (the instance ends: its end
	 * time sets the removal time).
	 */
	private String endedDossier() {
		String reference = "NET-" + UUID.randomUUID().toString().substring(0, 8);
		String id = this.runtimeService.createProcessInstanceByKey("cpts-creation")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "76", "nomCpts", "CPTS du Volvestre", "porteur",
					"porteur.76", "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"))
			.startBeforeActivity("verifierCompletude")
			.execute()
			.getId();
		this.runtimeService.deleteProcessInstance(id, "abandon du porteur");
		return id;
	}

	private HistoricProcessInstance history(String id) {
		return this.historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
	}

	private long activities(String id) {
		return this.historyService.createHistoricActivityInstanceQuery().processInstanceId(id).count();
	}

	private long variables(String id) {
		return this.historyService.createHistoricVariableInstanceQuery().processInstanceId(id).count();
	}

	private static Date date(LocalDate day) {
		return Date.from(day.atStartOfDay(PARIS).toInstant());
	}

}
