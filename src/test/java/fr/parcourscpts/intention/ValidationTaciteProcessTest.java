package fr.parcourscpts.intention;

import static fr.parcourscpts.ProcessTestEngine.CONFIGURATION;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.dossier.DecisionRecorder;
import fr.parcourscpts.notification.RecordingNotifier;
import fr.parcourscpts.projetsante.CalculEcheanceValidationTacite;

import static fr.parcourscpts.intention.CreationProcess.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * The legal cases of the tacit validation (the table of
 * {@code EcheanceValidationTaciteTest}) played on the real model with the engine's clock
 * moved: the deposit, each correction asked by the ARS and answered by the porteur, then
 * the silence. For each case: the last day kept in the variable, the timer due at 00:00
 * Paris of the day after, the ARS's task due at 23:59 of the last day, nothing due at
 * 23:59, and the tacit validation at 00:00. The build runs it in JVMs set to UTC, Paris
 * and Auckland.
 */
@Deployment(resources = { "bpmn/cpts-creation.bpmn", "bpmn/consolidation-avis-urps.dmn", "stubs/contrat-aci-stub.bpmn",
		"forms/verifierCompletude.form", "forms/rendreAvisUrps.form", "forms/transmettreAvisArs.form",
		"forms/deciderFinancementFir.form", "forms/donnerAvisCpam.form", "forms/deciderProjetSante.form" })
class ValidationTaciteProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(CONFIGURATION).build();

	private final DelaisCreation delais = new DelaisCreation();

	@BeforeEach
	void registerBeans() {
		init(extension.getProcessEngine());
		Mocks.register("notifier", new RecordingNotifier());
		Mocks.register("decisionRecorder", new DecisionRecorder());
		Mocks.register("delaisCreation", this.delais);
		Mocks.register("avisUrpsCollecteur", new AvisUrpsCollecteur());
		Mocks.register("comptageAvisUrps", new ComptageAvisUrps());
		Mocks.register("controleDecisions", new ControleDecisions());
		Mocks.register("calculEcheanceValidationTacite", new CalculEcheanceValidationTacite(this.delais));
	}

	@AfterEach
	void resetTheClock() {
		ClockUtil.reset();
		Mocks.reset();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fr.parcourscpts.projetsante.EcheanceValidationTaciteTest#cas")
	void theArsMayOpposeUntilTheEndOfTheLastDay(String cas, Date depot, Date[][] corrections, LocalDate dernierJour) {
		ClockUtil.setCurrentTime(new Date(depot.getTime() - 3_600_000));
		ProcessInstance pi = runtimeService().createProcessInstanceByKey(PROCESS_ID)
			.businessKey("CPTS-76-2026-0042")
			.setVariables(lettre())
			.startBeforeActivity(DEPOSER_PROJET_SANTE)
			.execute();
		ClockUtil.setCurrentTime(depot);
		complete(task(pi));

		for (Date[] correction : corrections) {
			ClockUtil.setCurrentTime(correction[0]);
			complete(task(pi), withVariables(AVIS_CPAM, "reserve"));
			complete(task(pi), withVariables(DECISION_PROJET, "correction", TYPE_CORRECTION,
					(correction[2] != null) ? "incomplet" : "incorrect", OBJET_CORRECTION, "Pièce à reprendre"));
			executeAsyncJobs();
			assertThat(pi).isWaitingAt(CORRIGER_PROJET_SANTE);
			ClockUtil.setCurrentTime(correction[1]);
			complete(task(pi));
		}

		Date finDuDernierJour = DatesLegales.finDuJour(dernierJour);
		assertThat(pi).isWaitingAt(DONNER_AVIS_CPAM)
			.variables()
			.containsEntry(DATE_VALIDATION_TACITE, DatesLegales.midi(dernierJour))
			.containsEntry(ECHEANCE_VALIDATION_TACITE, finDuDernierJour);
		Assertions.assertThat(validationTacite().getDuedate()).as(cas + ": timer due").isEqualTo(finDuDernierJour);
		Assertions.assertThat(LocalDateTime.ofInstant(finDuDernierJour.toInstant(), DatesLegales.PARIS))
			.as(cas + ": 00:00 Paris of the day after the last day")
			.isEqualTo(dernierJour.plusDays(1).atStartOfDay());

		complete(task(pi), withVariables(AVIS_CPAM, "favorable"));
		assertThat(task(pi)).hasDefinitionKey(DECIDER_PROJET_SANTE)
			.hasDueDate(DatesLegales.derniereMinute(dernierJour));

		ClockUtil.setCurrentTime(new Date(finDuDernierJour.getTime() - 60_000));
		Assertions
			.assertThat(managementService().createJobQuery()
				.processInstanceId(pi.getId())
				.activityId(VALIDATION_TACITE_ACQUISE)
				.executable()
				.count())
			.as(cas + ": nothing due at 23:59 of the last day")
			.isZero();
		assertThat(pi).isWaitingAt(DECIDER_PROJET_SANTE);

		ClockUtil.setCurrentTime(finDuDernierJour);
		Job timer = managementService().createJobQuery()
			.processInstanceId(pi.getId())
			.activityId(VALIDATION_TACITE_ACQUISE)
			.executable()
			.singleResult();
		Assertions.assertThat(timer).as(cas + ": due at 00:00").isNotNull();
		execute(timer);
		executeAsyncJobs();
		assertThat(pi).hasPassed(VALIDATION_TACITE_ACQUISE)
			.isWaitingAt(PREPARER_ET_SIGNER_CONTRAT)
			.variables()
			.containsEntry(VALIDATION_PROJET, "tacite");
	}

	private void executeAsyncJobs() {
		List<Job> jobs = managementService().createJobQuery().messages().executable().list();
		while (!jobs.isEmpty()) {
			jobs.forEach((job) -> managementService().executeJob(job.getId()));
			jobs = managementService().createJobQuery().messages().executable().list();
		}
	}

	private Job validationTacite() {
		return managementService().createJobQuery().timers().activityId(VALIDATION_TACITE_ACQUISE).singleResult();
	}

	private static Map<String, Object> lettre() {
		Map<String, Object> variables = new HashMap<>();
		variables.put(REGION, "76");
		variables.put(DEPARTEMENT, "31");
		variables.put(NOM_CPTS, "CPTS du Lauragais");
		variables.put(PORTEUR, "porteur.lauragais");
		variables.put(POPULATION, 52000L);
		variables.put(TAILLE_CPTS, 2);
		variables.put(COMMUNES, "31069,31555,31161");
		variables.put(MONTANT_FIR_DEMANDE, 45000.0);
		return variables;
	}

}
