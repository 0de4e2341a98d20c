package fr.parcourscpts.intention;

import static fr.parcourscpts.ProcessTestEngine.CONFIGURATION;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.parcourscpts.dossier.DecisionRecorder;
import fr.parcourscpts.notification.RecordingNotifier;
import fr.parcourscpts.notification.RecordingNotifier.Envoi;
import fr.parcourscpts.projetsante.CalculEcheanceValidationTacite;

import static fr.parcourscpts.intention.CreationProcess.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * Process tests of {@code cpts-creation}: every path, with the time moved by hand and the
 * timers executed explicitly. The called {@code contrat-aci} is a one-task stub.
 */
@Deployment(resources = { "bpmn/cpts-creation.bpmn", "bpmn/consolidation-avis-urps.dmn", "bpmn/parcours-regional.dmn",
		"stubs/contrat-aci-stub.bpmn", "forms/verifierCompletude.form", "forms/rendreAvisUrps.form",
		"forms/transmettreAvisArs.form", "forms/deciderFinancementFir.form", "forms/donnerAvisCpam.form",
		"forms/deciderProjetSante.form" })
class CptsCreationProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(CONFIGURATION)
		.assertClassCoverageAtLeast(1.0)
		.build();

	private static final String REF = "CPTS-76-2026-0007";

	private static final String PORTEUR_ID = "porteur.lauragais";

	private final RecordingNotifier notifier = new RecordingNotifier();

	private final DelaisCreation delais = new DelaisCreation();

	@BeforeEach
	void registerBeansAndFixTheClock() {
		init(extension.getProcessEngine());
		Mocks.register("notifier", this.notifier);
		Mocks.register("decisionRecorder", new DecisionRecorder());
		Mocks.register("delaisCreation", this.delais);
		Mocks.register("avisUrpsCollecteur", new AvisUrpsCollecteur());
		Mocks.register("comptageAvisUrps", new ComptageAvisUrps());
		Mocks.register("controleDecisions", new ControleDecisions());
		Mocks.register("calculEcheanceValidationTacite", new CalculEcheanceValidationTacite(this.delais));
		ClockUtil.setCurrentTime(at(2026, 1, 15, 9, 0));
	}

	@AfterEach
	void resetTheClock() {
		ClockUtil.reset();
		Mocks.reset();
	}

	// ---------------------------------------------------------------- lettre d'intention

	@Test
	void completeLetterGoesAllTheWayToTheSignedContract() {
		ProcessInstance pi = start();
		assertThat(pi).isWaitingAt(VERIFIER_COMPLETUDE);
		Assertions.assertThat(pi.getTenantId()).isEqualTo("76");
		assertThat(task(pi)).hasCandidateGroup("guichet-cpts").hasDueDate(at(2026, 1, 30, 9, 0));
		complete(task(pi), withVariables(COMPLETUDE, "complete"));

		assertThat(pi).isWaitingAt(RENDRE_AVIS_URPS);
		List<Task> urpsTasks = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RENDRE_AVIS_URPS).list();
		Assertions.assertThat(urpsTasks).hasSize(10).allSatisfy((task) -> {
			Assertions.assertThat(task.getTenantId()).isEqualTo("76");
			Assertions.assertThat(task.getDueDate()).isEqualTo(at(2026, 1, 30, 9, 0));
		});
		for (String urps : AvisUrps.urps()) {
			rendreAvis(pi, urps, "favorable", "favorable", "favorable", "favorable");
		}

		assertThat(pi).isWaitingAt(TRANSMETTRE_AVIS_ARS);
		assertThat(pi).variables()
			.containsEntry(AVIS_CONSOLIDE, "favorable")
			.containsEntry(AVIS_CONSOLIDE_FINAL, "favorable")
			.containsEntry(NB_FAVORABLES, 30)
			.containsEntry(NB_SANS_AVIS, 0);
		Map<String, Map<String, String>> avis = avisUrps(pi);
		Assertions.assertThat(avis).hasSize(10).containsOnlyKeys(AvisUrps.urps());
		Assertions.assertThat(avis.get("urps-medecins"))
			.containsEntry(CRITERE_MISSIONS, "favorable")
			.containsEntry(COMMENTAIRE_MISSIONS, "urps-medecins : rien à redire")
			.containsEntry(AVIS_GLOBAL, "favorable");
		Assertions.assertThat((String) runtimeService().getVariable(pi.getId(), SYNTHESE_AVIS_URPS))
			.contains("URPS Médecins libéraux")
			.contains("Favorable");
		assertThat(task(pi)).hasCandidateGroup("guichet-cpts");
		complete(task(pi), withVariables(AVIS_CONSOLIDE_FINAL, "favorable"));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).contains(new Envoi("avisUrpsTransmis", "ars"));

		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR);
		assertThat(task(pi)).hasCandidateGroup("ars");
		complete(task(pi), withVariables(DECISION_FIR, "accorde", MONTANT_FIR_ACCORDE, 40000.0));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).contains(new Envoi("firAccorde", "porteur"));

		assertThat(pi).isWaitingAt(DEPOSER_PROJET_SANTE);
		assertThat(task(pi)).isAssignedTo(PORTEUR_ID);
		Assertions
			.assertThat(taskQuery().processInstanceId(pi.getId()).initializeFormKeys().singleResult().getFormKey())
			.isEqualTo("portail:deposerProjetSante");
		complete(task(pi));
		assertThat(pi).variables()
			.containsEntry(DATE_VALIDATION_TACITE, midi(2026, 3, 15))
			.containsEntry(ECHEANCE_VALIDATION_TACITE, finDuJour(2026, 3, 15));

		assertThat(pi).isWaitingAt(DONNER_AVIS_CPAM);
		assertThat(task(pi)).hasCandidateGroup("cpam");
		complete(task(pi), withVariables(AVIS_CPAM, "favorable", COMMENTAIRE_AVIS_CPAM, "Conforme"));
		assertThat(pi).isWaitingAt(DECIDER_PROJET_SANTE);
		// due at the last minute of the last day the ARS may oppose (Paris)
		assertThat(task(pi)).hasCandidateGroup("ars")
			.hasDueDate(fr.parcourscpts.dossier.DatesLegales.derniereMinute(java.time.LocalDate.of(2026, 3, 15)));
		complete(task(pi), withVariables(DECISION_PROJET, "valide"));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).contains(new Envoi("projetSanteValide", "porteur,cpam"));
		assertThat(pi).variables().containsEntry(VALIDATION_PROJET, "expresse");

		assertThat(pi).isWaitingAt(PREPARER_ET_SIGNER_CONTRAT);
		ProcessInstance contrat = calledProcessInstance(pi);
		assertThat(contrat).hasProcessDefinitionKey(CONTRAT_PROCESS_ID).hasBusinessKey(REF);
		Assertions.assertThat(contrat.getTenantId()).isEqualTo("76");
		assertThat(contrat).variables().containsEntry(NOM_CPTS, "CPTS du Lauragais");
		complete(task(contrat));

		assertThat(pi).isEnded().hasPassed(CONTRAT_ACI_TERMINE);
		assertThat(pi).variables().containsEntry("verifierCompletudeDecidePar", "système");
	}

	@Test
	void inadmissibleLetterIsNotifiedAndEndsTheDossier() {
		ProcessInstance pi = start();
		complete(task(pi), withVariables(COMPLETUDE, "irrecevable", MOTIF_COMPLETUDE, "Territoire absent"));
		executeAsyncJobs();

		assertThat(pi).isEnded().hasPassed(LETTRE_IRRECEVABLE);
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("lettreIrrecevable", "porteur"));
	}

	@Test
	void correctionsSendTheLetterBackToThePorteurThenToTheGuichet() {
		ProcessInstance pi = start();
		complete(task(pi), withVariables(COMPLETUDE, "corrections", MOTIF_COMPLETUDE, "Diagnostic manquant"));
		executeAsyncJobs();

		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("correctionsLettreDemandees", "porteur"));
		assertThat(pi).isWaitingAt(CORRIGER_LETTRE_INTENTION);
		assertThat(task(pi)).isAssignedTo(PORTEUR_ID).hasDueDate(at(2026, 2, 14, 9, 0));
		complete(task(pi));

		assertThat(pi).isWaitingAt(VERIFIER_COMPLETUDE);
		complete(task(pi), withVariables(COMPLETUDE, "complete"));
		assertThat(pi).isWaitingAt(RENDRE_AVIS_URPS);
	}

	// ---------------------------------------------------------------- regional paths

	@Test
	void occitanieLettreGoesToTheGuichetWhichCollectsTheTenUrpsOpinions() {
		ProcessInstance pi = start();
		assertThat(pi).hasPassed(DETERMINER_PARCOURS_REGIONAL)
			.variables()
			.containsEntry(DESTINATAIRE_LETTRE, "guichet-cpts")
			.containsEntry(CONSULTATION_URPS, CONSULTATION_DIX_URPS);
		assertThat(task(pi)).hasCandidateGroup("guichet-cpts");
		complete(task(pi), withVariables(COMPLETUDE, "complete"));
		Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RENDRE_AVIS_URPS).count())
			.isEqualTo(10);
	}

	@Test
	void paysDeLaLoireLettreGoesStraightToTheArsWhichHearsTheInterUrps() {
		ProcessInstance pi = start("CPTS-52-2026-0001", "52", "44");
		Assertions.assertThat(pi.getTenantId()).isEqualTo("52");
		assertThat(pi).isWaitingAt(VERIFIER_COMPLETUDE)
			.variables()
			.containsEntry(DESTINATAIRE_LETTRE, "ars")
			.containsEntry(CONSULTATION_URPS, CONSULTATION_INTER_URPS);
		// the same task and form, the ARS's group
		assertThat(task(pi)).hasCandidateGroup("ars").hasDueDate(at(2026, 1, 30, 9, 0));
		complete(task(pi), withVariables(COMPLETUDE, "complete"));

		List<Task> avis = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RENDRE_AVIS_URPS).list();
		Assertions.assertThat(avis).hasSize(1);
		assertThat(avis.get(0)).hasCandidateGroup("inter-urps");
		rendreAvis(pi, "inter-urps", "favorable", "defavorable", "defavorable", "defavorable");

		// no forwarding: the ARS has the lettre, and the Inter-URPS's opinion as given
		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR).hasNotPassed(TRANSMETTRE_AVIS_ARS);
		assertThat(pi).variables().containsEntry(AVIS_CONSOLIDE_FINAL, "defavorable");
		Assertions.assertThat(avisUrps(pi)).containsOnlyKeys("inter-urps");
		assertThat(task(pi)).hasCandidateGroup("ars");
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).doesNotContain(new Envoi("avisUrpsTransmis", "ars"));
	}

	@Test
	void hautsDeFranceArsAsksForCorrectionsInTheSameLoopAndTheUnionDesUrpsIsHeard() {
		ProcessInstance pi = start("CPTS-32-2026-0001", "32", "59");
		assertThat(task(pi)).hasCandidateGroup("ars");
		complete(task(pi), withVariables(COMPLETUDE, "corrections", MOTIF_COMPLETUDE, "Diagnostic manquant"));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("correctionsLettreDemandees", "porteur"));
		assertThat(pi).isWaitingAt(CORRIGER_LETTRE_INTENTION);
		complete(task(pi));

		assertThat(pi).isWaitingAt(VERIFIER_COMPLETUDE);
		assertThat(task(pi)).hasCandidateGroup("ars");
		complete(task(pi), withVariables(COMPLETUDE, "complete"));
		// silent until the deadline: recorded without opinion, the dossier goes on
		Job echeance = timer(DELAI_AVIS_URPS_ECOULE);
		ClockUtil.setCurrentTime(echeance.getDuedate());
		managementService().executeJob(echeance.getId());
		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR).variables().containsEntry(AVIS_CONSOLIDE_FINAL, "reserve");
		Assertions.assertThat(avisUrps(pi).get("inter-urps")).containsEntry(AVIS_GLOBAL, "sansAvis");
	}

	@Test
	void aRegionWithoutConfigurationGoesToTheArsWithoutUrpsOpinion() {
		ProcessInstance pi = start("CPTS-84-2026-0001", "84", "69");
		assertThat(pi).variables()
			.containsEntry(DESTINATAIRE_LETTRE, "ars")
			.containsEntry(CONSULTATION_URPS, CONSULTATION_AUCUNE);
		assertThat(task(pi)).hasCandidateGroup("ars");
		complete(task(pi), withVariables(COMPLETUDE, "complete"));

		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR).hasNotPassed(RECUEILLIR_AVIS_URPS, TRANSMETTRE_AVIS_ARS);
		runtimeService().createMessageCorrelation(MESSAGE_ABANDON)
			.processInstanceBusinessKey("CPTS-84-2026-0001")
			.correlate();
		executeAsyncJobs();
		// no Guichet in this region: nobody there to tell
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("dossierAbandonne", "porteur,ars"));
	}

	// ---------------------------------------------------------------- URPS

	@Test
	void silentUrpsIsRemindedAfterTenDaysAndKeepsItsTask() {
		ProcessInstance pi = startBefore(RECUEILLIR_AVIS_URPS + "#multiInstanceBody", Map.of());
		List<Job> relances = managementService().createJobQuery().timers().activityId(RELANCE_AVIS_URPS_DUE).list();
		Assertions.assertThat(relances)
			.hasSize(10)
			.allSatisfy((job) -> Assertions.assertThat(job.getDuedate()).isEqualTo(at(2026, 1, 25, 9, 0)));

		ClockUtil.setCurrentTime(at(2026, 1, 25, 9, 0));
		relances.forEach((job) -> managementService().executeJob(job.getId()));
		executeAsyncJobs();

		Assertions.assertThat(this.notifier.sent())
			.hasSize(10)
			.contains(new Envoi("relanceAvisUrps", "urps-medecins"), new Envoi("relanceAvisUrps", "urps-biologistes"));
		Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RENDRE_AVIS_URPS).count())
			.isEqualTo(10);
	}

	@Test
	void urpsSilentAtTheDeadlineIsRecordedWithoutOpinion() {
		ProcessInstance pi = startBefore(RECUEILLIR_AVIS_URPS + "#multiInstanceBody", Map.of());
		for (String urps : AvisUrps.urps()) {
			if (!urps.equals("urps-biologistes")) {
				rendreAvis(pi, urps, "favorable", "favorable", "favorable", "favorable");
			}
		}
		Job echeance = managementService().createJobQuery().timers().activityId(DELAI_AVIS_URPS_ECOULE).singleResult();
		Assertions.assertThat(echeance.getDuedate()).isEqualTo(finDuJour(2026, 1, 30));

		ClockUtil.setCurrentTime(finDuJour(2026, 1, 30));
		managementService().executeJob(echeance.getId());

		assertThat(pi).isWaitingAt(TRANSMETTRE_AVIS_ARS);
		Map<String, Map<String, String>> avis = avisUrps(pi);
		Assertions.assertThat(avis).hasSize(10);
		Assertions.assertThat(avis.get("urps-biologistes"))
			.containsEntry(AVIS_GLOBAL, "sansAvis")
			.containsEntry(CRITERE_MISSIONS, "sansAvis")
			.containsEntry(CRITERE_MOBILISATION, "sansAvis")
			.containsEntry(CRITERE_TERRITOIRE, "sansAvis");
		assertThat(pi).variables().containsEntry(NB_SANS_AVIS, 1).containsEntry(AVIS_CONSOLIDE, "favorable");
		Assertions.assertThat((String) runtimeService().getVariable(pi.getId(), SYNTHESE_AVIS_URPS))
			.contains("Sans avis");
	}

	@Test
	void contestedCriterionMakesAReservedProposalTheGuichetMayOverride() {
		ProcessInstance pi = startBefore(RECUEILLIR_AVIS_URPS + "#multiInstanceBody", Map.of());
		List<String> urps = AvisUrps.urps();
		for (int i = 0; i < urps.size(); i++) {
			String territoire = (i < 3) ? "defavorable" : "favorable";
			rendreAvis(pi, urps.get(i), "favorable", "reserve", territoire, "reserve");
		}
		assertThat(pi).isWaitingAt(TRANSMETTRE_AVIS_ARS);
		assertThat(pi).variables()
			.containsEntry(NB_DEFAVORABLES_MAX_CRITERE, 3)
			.containsEntry(NB_DEFAVORABLES, 3)
			.containsEntry(NB_RESERVES, 10)
			.containsEntry(AVIS_CONSOLIDE, "reserve")
			.containsEntry(AVIS_CONSOLIDE_FINAL, "reserve");

		complete(task(pi), withVariables(AVIS_CONSOLIDE_FINAL, "favorable", MOTIF_DEROGATION,
				"Les URPS défavorables ont été associées au diagnostic depuis"));
		executeAsyncJobs();
		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR)
			.variables()
			.containsEntry(AVIS_CONSOLIDE, "reserve")
			.containsEntry(AVIS_CONSOLIDE_FINAL, "favorable");
	}

	// ---------------------------------------------------------------- FIR

	@Test
	void firRefusalIsNotifiedAndThePathGoesOnToTheProjetDeSante() {
		ProcessInstance pi = startBefore(DECIDER_FINANCEMENT_FIR, Map.of());
		complete(task(pi), withVariables(DECISION_FIR, "refuse", MOTIF_REFUS_FIR, "Enveloppe FIR épuisée"));
		executeAsyncJobs();

		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("firRefuse", "porteur"));
		assertThat(pi).isWaitingAt(DEPOSER_PROJET_SANTE);
	}

	@Test
	void firComplementGoesToThePorteurThenBackToTheArs() {
		ProcessInstance pi = startBefore(DECIDER_FINANCEMENT_FIR, Map.of());
		complete(task(pi), withVariables(DECISION_FIR, "complementDemande", QUESTION_FIR, "Budget détaillé ?"));
		executeAsyncJobs();

		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("complementFirDemande", "porteur"));
		assertThat(pi).isWaitingAt(COMPLETER_DEMANDE_FIR);
		assertThat(task(pi)).isAssignedTo(PORTEUR_ID);
		ClockUtil.setCurrentTime(at(2026, 2, 1, 9, 0));
		complete(task(pi), withVariables(REPONSE_FIR, "Budget joint"));

		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR).variables().doesNotContainKey(DECISION_FIR);
		// the ARS gets a full new delay from the complement
		Assertions.assertThat(job(pi).getDuedate()).isEqualTo(finDuJour(2026, 4, 1));
		complete(task(pi), withVariables(DECISION_FIR, "accorde", MONTANT_FIR_ACCORDE, 30000.0));
		executeAsyncJobs();
		assertThat(pi).isWaitingAt(DEPOSER_PROJET_SANTE);
	}

	@Test
	void firSilenceOfTwoMonthsIsAnImplicitRefusal() {
		ProcessInstance pi = startBefore(DECIDER_FINANCEMENT_FIR, Map.of());
		Job delai = job(pi);
		// the ARS has the whole of 15 March: the silence is a refusal at its end (Paris)
		Assertions.assertThat(delai.getDuedate()).isEqualTo(finDuJour(2026, 3, 15));
		assertThat(task(pi))
			.hasDueDate(fr.parcourscpts.dossier.DatesLegales.derniereMinute(java.time.LocalDate.of(2026, 3, 15)));

		ClockUtil.setCurrentTime(finDuJour(2026, 3, 15));
		execute(delai);
		executeAsyncJobs();

		assertThat(pi).hasPassed(DELAI_DECISION_FIR_ECOULE).isWaitingAt(DEPOSER_PROJET_SANTE);
		assertThat(pi).variables().containsEntry(DECISION_FIR, "refusImplicite");
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("firRefusImplicite", "porteur"));
	}

	@Test
	void noFirRequestedSkipsTheFirDecision() {
		Map<String, Object> sansFir = new HashMap<>();
		sansFir.put(MONTANT_FIR_DEMANDE, null);
		ProcessInstance pi = startBefore("firDemande", sansFir);

		assertThat(pi).isWaitingAt(DEPOSER_PROJET_SANTE).hasNotPassed(DECIDER_FINANCEMENT_FIR);
	}

	// ---------------------------------------------------------------- projet de santé

	@Test
	void porteurIsRemindedEveryThirtyDaysWhileWritingTheProjet() {
		ProcessInstance pi = startBefore(DEPOSER_PROJET_SANTE, Map.of());
		assertThat(task(pi)).hasDueDate(at(2026, 7, 15, 9, 0));
		Assertions.assertThat(job(pi).getDuedate()).isEqualTo(at(2026, 2, 14, 9, 0));

		ClockUtil.setCurrentTime(at(2026, 2, 14, 9, 0));
		execute(job(pi));
		executeAsyncJobs();

		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("relanceProjetSante", "porteur"));
		assertThat(pi).isWaitingAt(DEPOSER_PROJET_SANTE);
		Assertions.assertThat(job(pi).getDuedate()).isEqualTo(at(2026, 3, 16, 9, 0));
	}

	@Test
	void arsOppositionOnALegalGroundEndsTheDossier() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		complete(task(pi), withVariables(AVIS_CPAM, "defavorable", COMMENTAIRE_AVIS_CPAM, "Territoire incohérent"));
		complete(task(pi), withVariables(DECISION_PROJET, "oppose", MOTIF_OPPOSITION, "territoireNonPertinent",
				COMMENTAIRE_OPPOSITION, "Chevauche la CPTS voisine"));
		executeAsyncJobs();

		assertThat(pi).isEnded().hasPassed(PROJET_SANTE_OPPOSE);
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("projetSanteOppose", "porteur"));
	}

	@Test
	void tacitValidationAfterTwoMonthsOfSilence() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		Date finDuDernierJour = finDuJour(2026, 5, 20);
		assertThat(pi).variables()
			.containsEntry(DATE_DEPOT_PROJET_SANTE, at(2026, 3, 20, 10, 0))
			.containsEntry(DATE_VALIDATION_TACITE, midi(2026, 5, 20))
			.containsEntry(ECHEANCE_VALIDATION_TACITE, finDuDernierJour)
			.containsEntry(DATE_RAPPEL_VALIDATION_TACITE, finDuJour(2026, 5, 5));
		Assertions.assertThat(timer(VALIDATION_TACITE_ACQUISE).getDuedate()).isEqualTo(finDuDernierJour);
		complete(task(pi), withVariables(AVIS_CPAM, "favorable"));

		// fifteen days before, the ARS is reminded
		ClockUtil.setCurrentTime(finDuJour(2026, 5, 5));
		execute(timer(RAPPEL_VALIDATION_TACITE_DU));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent()).containsExactly(new Envoi("rappelValidationTacite", "ars"));
		assertThat(pi).isWaitingAt(DECIDER_PROJET_SANTE);

		// at 23:59 of the last day (Paris) the ARS may still oppose: nothing is due
		ClockUtil.setCurrentTime(new Date(finDuDernierJour.getTime() - 60_000));
		Assertions.assertThat(managementService().createJobQuery().timers().executable().count()).isZero();
		assertThat(pi).isWaitingAt(DECIDER_PROJET_SANTE);

		// at 00:00 of the next day (Paris): silence is acceptance
		ClockUtil.setCurrentTime(finDuDernierJour);
		Assertions.assertThat(managementService().createJobQuery().timers().executable().count()).isEqualTo(1);
		execute(timer(VALIDATION_TACITE_ACQUISE));
		executeAsyncJobs();

		assertThat(pi).hasPassed(VALIDATION_TACITE_ACQUISE).isWaitingAt(PREPARER_ET_SIGNER_CONTRAT);
		assertThat(pi).variables()
			.containsEntry(VALIDATION_PROJET, "tacite")
			.containsEntry("dateValidationProjet", midi(2026, 5, 20));
		Assertions.assertThat(this.notifier.sent())
			.contains(new Envoi("projetSanteValideTacitement", "porteur,ars,cpam"));
		Assertions.assertThat(taskQuery().taskDefinitionKey(DECIDER_PROJET_SANTE).count()).isZero();
	}

	@Test
	void incorrectItemSuspendsTheClockForTheWholeDaysTheCorrectionWasOpen() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		complete(task(pi), withVariables(AVIS_CPAM, "reserve"));
		ClockUtil.setCurrentTime(at(2026, 4, 1, 10, 0));
		complete(task(pi), withVariables(DECISION_PROJET, "correction", TYPE_CORRECTION, "incorrect", OBJET_CORRECTION,
				"Statuts non signés"));
		executeAsyncJobs();
		Assertions.assertThat(this.notifier.sent())
			.containsExactly(new Envoi("correctionProjetSanteDemandee", "porteur"));
		assertThat(pi).isWaitingAt(CORRIGER_PROJET_SANTE).variables().containsEntry(VALIDATION_TACITE_EN_PAUSE, true);
		Assertions.assertThat(managementService().createJobQuery().activityId(VALIDATION_TACITE_ACQUISE).count())
			.as("the clock does not run during the correction")
			.isZero();

		// open from 1 to 11 April: 10 calendar days
		ClockUtil.setCurrentTime(at(2026, 4, 11, 15, 0));
		complete(task(pi));

		assertThat(pi).isWaitingAt(DONNER_AVIS_CPAM)
			.variables()
			.containsEntry(DATE_VALIDATION_TACITE, midi(2026, 5, 30))
			.containsEntry(VALIDATION_TACITE_EN_PAUSE, false)
			.containsEntry(DATE_DEPOT_PROJET_SANTE, at(2026, 3, 20, 10, 0))
			.containsEntry(DATE_RAPPEL_VALIDATION_TACITE, finDuJour(2026, 5, 15));
		Assertions.assertThat(timer(VALIDATION_TACITE_ACQUISE).getDuedate()).isEqualTo(finDuJour(2026, 5, 30));
	}

	@Test
	void incompleteDossierRestartsTheTwoMonthsFromTheRedeposit() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		complete(task(pi), withVariables(AVIS_CPAM, "reserve"));
		ClockUtil.setCurrentTime(at(2026, 4, 1, 10, 0));
		complete(task(pi), withVariables(DECISION_PROJET, "correction", TYPE_CORRECTION, "incomplet", OBJET_CORRECTION,
				"Gouvernance absente"));
		executeAsyncJobs();

		ClockUtil.setCurrentTime(at(2026, 4, 20, 11, 0));
		complete(task(pi));

		assertThat(pi).isWaitingAt(DONNER_AVIS_CPAM)
			.variables()
			.containsEntry(DATE_DEPOT_PROJET_SANTE, at(2026, 4, 20, 11, 0))
			.containsEntry(DATE_VALIDATION_TACITE, midi(2026, 6, 20));
		Assertions.assertThat(timer(VALIDATION_TACITE_ACQUISE).getDuedate()).isEqualTo(finDuJour(2026, 6, 20));
	}

	// ---------------------------------------------------------------- decisions outside
	// the rules

	@Test
	void letterSentBackWithoutAReasonIsRefused() {
		ProcessInstance pi = start();
		Assertions.assertThatThrownBy(() -> complete(task(pi), withVariables(COMPLETUDE, "corrections")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(MOTIF_COMPLETUDE);
		Assertions.assertThatThrownBy(() -> complete(task(pi), withVariables(COMPLETUDE, "peutEtre")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(COMPLETUDE);
		assertThat(pi).isWaitingAt(VERIFIER_COMPLETUDE);
		Assertions.assertThat(this.notifier.sent()).isEmpty();
	}

	@Test
	void overrideOfTheProposalWithoutAReasonIsRefused() {
		ProcessInstance pi = startBefore(TRANSMETTRE_AVIS_ARS, Map.of(AVIS_CONSOLIDE, "reserve"));
		assertThat(pi).variables().containsEntry(AVIS_CONSOLIDE_FINAL, "reserve");
		Assertions.assertThatThrownBy(() -> complete(task(pi), withVariables(AVIS_CONSOLIDE_FINAL, "favorable")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(MOTIF_DEROGATION);
		assertThat(pi).isWaitingAt(TRANSMETTRE_AVIS_ARS);
	}

	@Test
	void firGrantWithoutAnAmountIsRefused() {
		ProcessInstance pi = startBefore(DECIDER_FINANCEMENT_FIR, Map.of());
		Assertions.assertThatThrownBy(() -> complete(task(pi), withVariables(DECISION_FIR, "accorde")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(MONTANT_FIR_ACCORDE);
		Assertions
			.assertThatThrownBy(() -> complete(task(pi), withVariables(DECISION_FIR, "refuse", MOTIF_REFUS_FIR, " ")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(MOTIF_REFUS_FIR);
		assertThat(pi).isWaitingAt(DECIDER_FINANCEMENT_FIR);
	}

	@Test
	void oppositionOnAGroundTheLawDoesNotAllowIsRefused() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		complete(task(pi), withVariables(AVIS_CPAM, "defavorable"));
		Assertions
			.assertThatThrownBy(() -> complete(task(pi),
					withVariables(DECISION_PROJET, "oppose", MOTIF_OPPOSITION, "budgetInsuffisant",
							COMMENTAIRE_OPPOSITION, "Budget trop faible")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(MOTIF_OPPOSITION);
		Assertions.assertThatThrownBy(
				() -> complete(task(pi), withVariables(DECISION_PROJET, "oppose", MOTIF_OPPOSITION, "incoherencePrs")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(COMMENTAIRE_OPPOSITION);
		Assertions
			.assertThatThrownBy(() -> complete(task(pi),
					withVariables(DECISION_PROJET, "correction", TYPE_CORRECTION, "mineure", OBJET_CORRECTION,
							"Statuts")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(TYPE_CORRECTION);
		assertThat(pi).isWaitingAt(DECIDER_PROJET_SANTE);
	}

	// ---------------------------------------------------------------- abandon

	@Test
	void abandonDuringTheLetterCheck() {
		ProcessInstance pi = start();
		abandonner(pi);
	}

	@Test
	void abandonWhileTheUrpsAreGivingTheirOpinions() {
		ProcessInstance pi = startBefore(RECUEILLIR_AVIS_URPS + "#multiInstanceBody", Map.of());
		rendreAvis(pi, "urps-medecins", "favorable", "favorable", "favorable", "favorable");
		abandonner(pi);
	}

	@Test
	void abandonWhileTheArsDecidesTheFir() {
		ProcessInstance pi = startBefore(DECIDER_FINANCEMENT_FIR, Map.of());
		abandonner(pi);
	}

	@Test
	void abandonDuringTheInstructionOfTheProjet() {
		ProcessInstance pi = deposerProjet(at(2026, 3, 20, 10, 0));
		abandonner(pi);
	}

	@Test
	void abandonCancelsTheContractProcess() {
		ProcessInstance pi = startBefore(PREPARER_ET_SIGNER_CONTRAT, Map.of());
		ProcessInstance contrat = calledProcessInstance(pi);
		assertThat(task(contrat)).isNotNull();
		abandonner(pi);
		assertThat(contrat).isEnded();
	}

	// ---------------------------------------------------------------- helpers

	private void abandonner(ProcessInstance pi) {
		this.notifier.clear();
		runtimeService().createMessageCorrelation(MESSAGE_ABANDON).processInstanceBusinessKey(REF).correlate();
		executeAsyncJobs();
		assertThat(pi).isEnded().hasPassed(DOSSIER_ABANDONNE);
		Assertions.assertThat(this.notifier.sent())
			.containsExactly(new Envoi("dossierAbandonne", "porteur,guichet-cpts,ars"));
		Assertions.assertThat(taskQuery().count()).isZero();
		Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
		Assertions.assertThat(managementService().createJobQuery().count()).isZero();
	}

	private static Map<String, Object> lettre() {
		return lettre(REF, "76", "31");
	}

	private static Map<String, Object> lettre(String reference, String region, String departement) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(REFERENCE, reference);
		variables.put(REGION, region);
		variables.put(DEPARTEMENT, departement);
		variables.put(NOM_CPTS, "CPTS du Lauragais");
		variables.put(PORTEUR, PORTEUR_ID);
		variables.put(POPULATION, 52000L);
		variables.put(TAILLE_CPTS, 2);
		variables.put(COMMUNES, "31069,31555,31161");
		variables.put(MONTANT_FIR_DEMANDE, 45000.0);
		return variables;
	}

	private ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(PROCESS_ID, REF, lettre());
	}

	private ProcessInstance start(String reference, String region, String departement) {
		return runtimeService().startProcessInstanceByKey(PROCESS_ID, reference,
				lettre(reference, region, departement));
	}

	/** Started mid-path: with what the Occitanie path's decision gives at the start. */
	private ProcessInstance startBefore(String activityId, Map<String, Object> more) {
		Map<String, Object> variables = lettre();
		variables.put(DESTINATAIRE_LETTRE, "guichet-cpts");
		variables.put(CONSULTATION_URPS, CONSULTATION_DIX_URPS);
		variables.putAll(more);
		return runtimeService().createProcessInstanceByKey(PROCESS_ID)
			.businessKey(REF)
			.setVariables(variables)
			.startBeforeActivity(activityId)
			.execute();
	}

	private ProcessInstance deposerProjet(Date depot) {
		ProcessInstance pi = startBefore(DEPOSER_PROJET_SANTE, Map.of());
		ClockUtil.setCurrentTime(depot);
		complete(task(pi));
		assertThat(pi).isWaitingAt(DONNER_AVIS_CPAM);
		return pi;
	}

	private void rendreAvis(ProcessInstance pi, String urps, String missions, String mobilisation, String territoire,
			String global) {
		Task task = taskQuery().processInstanceId(pi.getId())
			.taskDefinitionKey(RENDRE_AVIS_URPS)
			.taskCandidateGroup(urps)
			.singleResult();
		Assertions.assertThat(task).as("task of %s", urps).isNotNull();
		complete(task,
				withVariables(CRITERE_MISSIONS, missions, COMMENTAIRE_MISSIONS, urps + " : rien à redire",
						CRITERE_MOBILISATION, mobilisation, COMMENTAIRE_MOBILISATION, "-", CRITERE_TERRITOIRE,
						territoire, COMMENTAIRE_TERRITOIRE, "-", AVIS_GLOBAL, global));
	}

	private Map<String, Map<String, String>> avisUrps(ProcessInstance pi) {
		return AvisUrps.lire((String) runtimeService().getVariable(pi.getId(), AVIS_URPS));
	}

	private Job timer(String activityId) {
		return managementService().createJobQuery().timers().activityId(activityId).singleResult();
	}

	private void executeAsyncJobs() {
		List<Job> jobs = managementService().createJobQuery().messages().executable().list();
		while (!jobs.isEmpty()) {
			jobs.forEach((job) -> managementService().executeJob(job.getId()));
			jobs = managementService().createJobQuery().messages().executable().list();
		}
	}

	/** A last day as the process keeps it: that day at noon, Paris. */
	private static Date midi(int year, int month, int day) {
		return fr.parcourscpts.dossier.DatesLegales.midi(java.time.LocalDate.of(year, month, day));
	}

	/** The end of a last day, when a legal timer is due: 00:00 Paris of the day after. */
	private static Date finDuJour(int year, int month, int day) {
		return fr.parcourscpts.dossier.DatesLegales.finDuJour(java.time.LocalDate.of(year, month, day));
	}

	private static Date at(int year, int month, int day, int hour, int minute) {
		return Date.from(LocalDateTime.of(year, month, day, hour, minute)
			.atZone(fr.parcourscpts.dossier.DatesLegales.PARIS)
			.toInstant());
	}

}
