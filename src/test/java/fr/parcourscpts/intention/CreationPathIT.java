package fr.parcourscpts.intention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import fr.parcourscpts.contrat.DatesContrat;
import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.system.EmbeddedPostgresInitializer;

/**
 * One dossier through the whole regulated path, on real PostgreSQL, with the real Spring
 * context and every real bean (no mock): lettre d'intention, ten URPS opinions, FIR
 * granted, projet de santé validated tacitly two months after its deposit, contract
 * prepared and signed by the three parties, five annual evaluations, end of the contract.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CreationPathIT {

	private static final String REFERENCE = "CPTS-76-2026-0001";

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	ProcessEngine engine;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aDossierGoesFromTheLettreDIntentionToTheEndOfItsContract() {
		setDate(LocalDate.of(2026, 1, 15));
		RuntimeService runtime = this.engine.getRuntimeService();
		Map<String, Object> lettre = new HashMap<>();
		lettre.put("reference", REFERENCE);
		lettre.put("region", "76");
		lettre.put("departement", "31");
		lettre.put("nomCpts", "CPTS du Nord toulousain");
		lettre.put("porteur", "porteur.test@exemple.fr");
		lettre.put("population", 120_000L);
		lettre.put("tailleCpts", 3);
		lettre.put("communes", "31555,31069");
		lettre.put("montantFirDemande", 50_000.0);
		String processInstanceId = runtime.startProcessInstanceByKey(CreationProcess.PROCESS_ID, REFERENCE, lettre)
			.getId();
		assertThat(
				runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getTenantId())
			.isEqualTo("76");

		complete("verifierCompletude", Map.of("completude", "complete"));

		List<Task> urps = tasks("rendreAvisUrps");
		assertThat(urps).hasSize(10);
		assertThat(urps).allSatisfy((task) -> assertThat(task.getTenantId()).isEqualTo("76"));
		for (Task task : urps) {
			this.engine.getTaskService()
				.complete(task.getId(), Map.of("critereMissions", "favorable", "critereMobilisation", "favorable",
						"critereTerritoire", "favorable", "avisGlobal", "favorable"));
		}
		runDueJobs();
		assertThat((String) variable("avisUrps")).contains(Institution.URPS_BIOLOGISTES.groupId());
		assertThat(variable("avisConsolide")).isEqualTo("favorable");

		complete("transmettreAvisArs", Map.of("avisConsolideFinal", "favorable"));
		complete("deciderFinancementFir", Map.of("decisionFir", "accorde", "montantFirAccorde", 40_000.0));

		setDate(LocalDate.of(2026, 6, 1));
		complete("deposerProjetSante", Map.of());
		Date tacitValidation = (Date) variable("dateValidationTacite");
		assertThat(tacitValidation.toInstant().atZone(PARIS).toLocalDate()).isEqualTo(LocalDate.of(2026, 8, 1));
		complete("donnerAvisCpam", Map.of("avisCpam", "favorable", "commentaireAvisCpam", "Projet cohérent"));

		// The ARS says nothing: one day before the deadline nothing happens, on the day
		// the projet is validated.
		setDate(LocalDate.of(2026, 7, 31));
		runDueJobs();
		assertThat(tasks("deciderProjetSante")).hasSize(1);
		// The ARS has the whole of the last day: at 23:59 it may still oppose; at
		// midnight (Paris) its silence is acceptance.
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 8, 1).atTime(23, 59).atZone(PARIS).toInstant()));
		runDueJobs();
		assertThat(tasks("deciderProjetSante")).hasSize(1);
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 8, 2).atStartOfDay(PARIS).toInstant()));
		runDueJobs();
		assertThat(tasks("deciderProjetSante")).isEmpty();
		assertThat(variable("validationProjet")).isEqualTo("tacite");

		LocalDate effect = LocalDate.of(2026, 10, 1);
		complete("preparerContrat",
				Map.of("missionQualite", true, "missionAccompagnement", false, "dateEffetContrat", date(effect)));
		complete("signerContratPorteur", Map.of("signaturePorteur", true));
		complete("signerContratCpam", Map.of("signatureCpam", true));
		complete("signerContratArs", Map.of("signatureArs", true));

		for (int year = 1; year <= 5; year++) {
			// The anniversary falls at noon (contract days are stored at noon, French
			// time).
			ClockUtil.setCurrentTime(DatesContrat.toDate(effect.plusYears(year)));
			runDueJobs();
			complete("transmettreRapportActivite",
					Map.of("patientsSansMedecinTraitantAccompagnes", 250L, "creneauxSoinsNonProgrammes", 1200L,
							"tauxReponseSoinsNonProgrammes", 92.5, "participationCampagnesPrevention", 800L,
							"couvertureVaccinale", 61.0, "reunionsPluriprofessionnelles", 24L,
							"projetsPluriprofessionnels", 6L, "hospitalisationsEvitables", 12L));
			complete("evaluerIndicateurs",
					Map.of("tauxAccesSoins", 80, "tauxParcours", 70, "tauxPrevention", 90, "tauxCrisesSanitaires", 100,
							"tauxQualite", 50, "missionsDeployees", true, "commentaireEvaluation", "Année " + year));
			complete("coValiderEvaluation", Map.of("avisArs", "accord"));
		}

		HistoryService history = this.engine.getHistoryService();
		List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(REFERENCE)
			.list();
		assertThat(instances).extracting(HistoricProcessInstance::getProcessDefinitionKey)
			.containsOnly("cpts-creation", "contrat-aci", "evaluation-annuelle");
		assertThat(instances).hasSize(7);
		assertThat(instances).allSatisfy((instance) -> {
			assertThat(instance.getEndTime()).as(instance.getProcessDefinitionKey() + " ended").isNotNull();
			assertThat(instance.getTenantId()).isEqualTo("76");
		});
		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.activityId("contratAciTermine")
			.finished()
			.count()).isEqualTo(1);
		assertThat(history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName("issueContrat")
			.singleResult()
			.getValue()).isEqualTo("termine");
		assertThat(this.engine.getRuntimeService().createIncidentQuery().count()).isZero();
	}

	private void complete(String taskKey, Map<String, Object> variables) {
		runDueJobs();
		List<Task> open = tasks(taskKey);
		assertThat(open).as("open task " + taskKey).hasSize(1);
		this.engine.getTaskService().complete(open.get(0).getId(), variables);
		runDueJobs();
	}

	private List<Task> tasks(String taskKey) {
		TaskService tasks = this.engine.getTaskService();
		return tasks.createTaskQuery().processInstanceBusinessKey(REFERENCE).taskDefinitionKey(taskKey).list();
	}

	private Object variable(String name) {
		return this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.variableName(name)
			.list()
			.stream()
			.filter((variable) -> variable.getProcessDefinitionKey().equals(CreationProcess.PROCESS_ID))
			.reduce((first, last) -> last)
			.orElseThrow()
			.getValue();
	}

	/** What the job executor would do: every job due now, until none is left. */
	private void runDueJobs() {
		ManagementService management = this.engine.getManagementService();
		for (int round = 0; round < 100; round++) {
			List<Job> due = management.createJobQuery().executable().list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((job) -> management.executeJob(job.getId()));
		}
		throw new AssertionError("Jobs still due after 100 rounds");
	}

	private static void setDate(LocalDate day) {
		ClockUtil.setCurrentTime(date(day));
	}

	private static Date date(LocalDate day) {
		return Date.from(day.atTime(9, 0).atZone(PARIS).toInstant());
	}

}
