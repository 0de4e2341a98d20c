package fr.parcourscpts.contrat;

import static fr.parcourscpts.ProcessTestEngine.CONFIGURATION;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.parcourscpts.notification.RecordingNotifier;
import fr.parcourscpts.dossier.DecisionRecorder;
import fr.parcourscpts.evaluation.CalculerPaiementDelegate;
import fr.parcourscpts.evaluation.EvaluationProcess;

import static org.assertj.core.api.Assertions.entry;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The contract of a size-2 CPTS (60,000 inhabitants) from its size class to its end, with
 * the real {@code evaluation-annuelle} called five times. The CPAM retains the optional
 * mission "qualité et pertinence": fixed part 142,500 €, variable part 110,000 €;
 * effective date 1 March 2026.
 */
@Deployment(resources = { "bpmn/contrat-aci.bpmn", "bpmn/evaluation-annuelle.bpmn", "bpmn/taille-cpts.dmn",
		"bpmn/financement-cpts.dmn", "bpmn/paiement-annuel.dmn", "forms/preparerContrat.form",
		"forms/signerContratCpam.form", "forms/signerContratArs.form", "forms/evaluerIndicateurs.form",
		"forms/coValiderEvaluation.form", "forms/deciderResiliation.form" })
class ContratAciProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(CONFIGURATION)
		.assertClassCoverageAtLeast(1.0)
		.build();

	private static final String REFERENCE = "CPTS-76-2026-0007";

	private static final Date DEBUT = date(2026, 1, 5);

	private final RecordingNotifier notifier = new RecordingNotifier();

	@BeforeEach
	void registerBeans() {
		// this engine, even when the Spring engine of the application tests lives in the
		// same JVM
		org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests
			.init(java.util.Objects.requireNonNull(extension.getProcessEngine()));
		Mocks.register("notifier", this.notifier);
		Mocks.register("decisionRecorder", new DecisionRecorder());
		Mocks.register("delaisContrat", new DelaisContrat());
		Mocks.register("planificationContrat", new PlanifierContratDelegate(new CalendrierMissions()));
		Mocks.register("datesContrat", new DatesContrat());
		Mocks.register("paiementAnnuel", new CalculerPaiementDelegate());
		ClockUtil.setCurrentTime(DEBUT);
	}

	@AfterEach
	void reset() {
		org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset();
		Mocks.reset();
		ClockUtil.reset();
	}

	@Test
	void cpamPreparesTheContractWithTheSizeClassAndItsFunding() {
		ProcessInstance contrat = demarrer(60000L);

		assertThat(contrat).isWaitingAt(ContratProcess.PREPARER_CONTRAT);
		assertThat(task(contrat)).hasCandidateGroup("cpam");
		org.assertj.core.api.Assertions.assertThat(task(contrat).getDueDate()).isEqualTo(date(2026, 2, 5));
		org.assertj.core.api.Assertions.assertThat(formService().getDeployedTaskForm(task(contrat).getId()))
			.isNotNull();
		assertThat(contrat).variables()
			.contains(entry("tailleCpts", 2), entry("eligible", true), entry("montantAnnuelMaximum", 287000L),
					entry("montantFonctionnement", 60000L), entry("fixeAccesSoins", 25000L),
					entry("variableAccompagnement", 19500L))
			.doesNotContainKeys("resultatTaille", "baremeFinancement");
	}

	@Test
	void preparedContractFixesFundingAndMissionCalendar() {
		ProcessInstance contrat = contratPrepare();

		assertThat(contrat).isWaitingAt(ContratProcess.SIGNER_PORTEUR, ContratProcess.SIGNER_CPAM,
				ContratProcess.SIGNER_ARS);
		assertThat(contrat).variables()
			.contains(entry("partFixe", 142500L), entry("partVariable", 110000L),
					entry("missionsRetenues", "AccesSoins,Parcours,Prevention,CrisesSanitaires,Qualite"),
					entry("dateEffetContrat", date(2026, 3, 1)), entry("dateFinContrat", date(2031, 3, 1)),
					entry("dateDemarrageAccesSoins", date(2026, 9, 1)),
					entry("dateDeploiementAccesSoins", date(2027, 9, 1)),
					entry("dateDemarrageParcours", date(2027, 3, 1)),
					entry("dateDeploiementPrevention", date(2028, 3, 1)),
					entry("dateDeploiementCrisesSanitaires", date(2027, 9, 1)),
					entry("dateDemarrageQualite", date(2027, 3, 1)))
			.doesNotContainKey("dateDemarrageAccompagnement");
		assertThat(task(ContratProcess.SIGNER_PORTEUR, contrat)).isAssignedTo("porteur.cpts")
			.hasFormKey("portail:signerContratPorteur");
		assertThat(task(ContratProcess.SIGNER_CPAM, contrat)).hasCandidateGroup("cpam");
		assertThat(task(ContratProcess.SIGNER_ARS, contrat)).hasCandidateGroup("ars");
		org.assertj.core.api.Assertions
			.assertThat(formService().getDeployedTaskForm(task(ContratProcess.SIGNER_ARS, contrat).getId()))
			.isNotNull();
		org.assertj.core.api.Assertions.assertThat(task(ContratProcess.SIGNER_CPAM, contrat).getDueDate())
			.isEqualTo(date(2026, 2, 5));
	}

	@Test
	void territoryBelowTheMinimumPopulationGetsNoContract() {
		ProcessInstance contrat = demarrer(19999L);
		execute(job("notifierTerritoireNonEligible", contrat));

		assertThat(contrat).isEnded().hasPassed(ContratProcess.FIN_NON_ELIGIBLE);
		org.assertj.core.api.Assertions.assertThat(issue(contrat)).isEqualTo("nonEligible");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("territoireNonEligible"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur,cpam,ars");
	}

	@Test
	void aDossierWithoutPopulationStopsInsteadOfBeingDeclaredNotEligible() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> demarrer(null))
			.isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
			.hasMessageContaining(ContratProcess.TERRITOIRE_ELIGIBLE);
		org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
	}

	@Test
	void signatoriesAreRemindedEveryWeekWhileTheyHaveNotSigned() {
		ProcessInstance contrat = contratPrepare();
		complete(task(ContratProcess.SIGNER_CPAM, contrat), withVariables("signatureCpam", true));
		ClockUtil.setCurrentTime(date(2026, 1, 12));

		execute(job(ContratProcess.RELANCE_SIGNATURE_PORTEUR, contrat));
		execute(job("relancerSignaturePorteur", contrat));
		execute(job(ContratProcess.RELANCE_SIGNATURE_ARS, contrat));
		execute(job("relancerSignatureArs", contrat));

		org.assertj.core.api.Assertions.assertThat(this.notifier.of("relanceSignatureContrat"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur", "ars");
		assertThat(contrat).isWaitingAt(ContratProcess.SIGNER_PORTEUR, ContratProcess.SIGNER_ARS);
		org.assertj.core.api.Assertions.assertThat(job(ContratProcess.RELANCE_SIGNATURE_PORTEUR, contrat).getDuedate())
			.isEqualTo(date(2026, 1, 19));
	}

	@Test
	void cpamIsRemindedToo() {
		ProcessInstance contrat = contratPrepare();
		ClockUtil.setCurrentTime(date(2026, 1, 12));

		execute(job(ContratProcess.RELANCE_SIGNATURE_CPAM, contrat));
		execute(job("relancerSignatureCpam", contrat));

		org.assertj.core.api.Assertions.assertThat(this.notifier.of("relanceSignatureContrat"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("cpam");
	}

	@Test
	void contractEndsWhenSignatureDeadlinePasses() {
		ProcessInstance contrat = contratPrepare();
		complete(task(ContratProcess.SIGNER_PORTEUR, contrat), withVariables("signaturePorteur", true));
		complete(task(ContratProcess.SIGNER_CPAM, contrat), withVariables("signatureCpam", true));

		// The last day to sign is 5 March; the deadline passes at its end (Paris).
		Date finDuDelai = fr.parcourscpts.dossier.DatesLegales.finDuJour(java.time.LocalDate.of(2026, 3, 5));
		org.assertj.core.api.Assertions.assertThat(job(ContratProcess.DELAI_SIGNATURE_EXPIRE, contrat).getDuedate())
			.isEqualTo(finDuDelai);
		ClockUtil.setCurrentTime(finDuDelai);
		execute(job(ContratProcess.DELAI_SIGNATURE_EXPIRE, contrat));
		execute(job("notifierContratNonSigne", contrat));

		assertThat(contrat).isEnded().hasPassed(ContratProcess.FIN_NON_SIGNE);
		// the ARS never signed: its task was cancelled, not completed
		org.assertj.core.api.Assertions
			.assertThat(historyService().createHistoricTaskInstanceQuery()
				.processInstanceId(contrat.getId())
				.taskDefinitionKey(ContratProcess.SIGNER_ARS)
				.singleResult()
				.getDeleteReason())
			.isNotEqualTo("completed");
		org.assertj.core.api.Assertions.assertThat(issue(contrat)).isEqualTo("nonSigne");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("contratNonSigne"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur,cpam,ars");
		org.assertj.core.api.Assertions.assertThat(taskQuery().count()).isZero();
	}

	@Test
	void contractRunsFiveYearsWithYearlyPaymentsAndEndsAtTerm() {
		ProcessInstance contrat = contratSigne();

		// year 1: the ARS sends the evaluation back once
		ProcessInstance annee1 = anniversaire(contrat, 1);
		rapportTransmis(annee1);
		evaluer(annee1, true, 100);
		complete(task(annee1), withVariables("avisArs", "desaccord", "motifDesaccordArs", "Taux surestimé"));
		evaluer(annee1, true, 80);
		coValider(annee1);
		// year 2: the porteur is late and reminded
		ProcessInstance annee2 = anniversaire(contrat, 2);
		ClockUtil.setCurrentTime(date(2028, 3, 16));
		execute(job(EvaluationProcess.RELANCE_RAPPORT, annee2));
		execute(job("relancerPorteurRapport", annee2));
		rapportTransmis(annee2);
		evaluer(annee2, true, 80);
		coValider(annee2);
		// year 3: missions behind schedule, the CPAM keeps the contract
		ProcessInstance annee3 = anniversaire(contrat, 3);
		rapportTransmis(annee3);
		evaluer(annee3, false, 80);
		coValider(annee3);
		complete(task(EvaluationProcess.DECIDER_RESILIATION, annee3),
				withVariables("resilierContrat", false, "motifResiliation", "Plan de rattrapage accepté"));
		// years 4 and 5: on track
		for (int annee = 4; annee <= 5; annee++) {
			ProcessInstance evaluation = anniversaire(contrat, annee);
			rapportTransmis(evaluation);
			evaluer(evaluation, true, 80);
			coValider(evaluation);
		}

		assertThat(contrat).isEnded().hasPassed(ContratProcess.FIN_TERMINE);
		org.assertj.core.api.Assertions.assertThat(issue(contrat)).isEqualTo("termine");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("contratSigne"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur,cpam,ars");
		List<RecordingNotifier.Notification> paiements = this.notifier.of("evaluationNotifiee");
		org.assertj.core.api.Assertions.assertThat(paiements)
			.extracting((n) -> n.variables().get("numeroEvaluation"), (n) -> n.variables().get("dateAvance"),
					(n) -> n.variables().get("avance"), (n) -> n.variables().get("solde"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, date(2027, 3, 1), 106875L, 119125L),
					org.assertj.core.groups.Tuple.tuple(2L, date(2028, 3, 1), 106875L, 119125L),
					org.assertj.core.groups.Tuple.tuple(3L, date(2029, 3, 1), 106875L, 35625L),
					org.assertj.core.groups.Tuple.tuple(4L, date(2030, 3, 1), 106875L, 119125L),
					org.assertj.core.groups.Tuple.tuple(5L, date(2031, 3, 1), 106875L, 119125L));
		org.assertj.core.api.Assertions
			.assertThat(historyService().createHistoricProcessInstanceQuery()
				.processDefinitionKey(EvaluationProcess.PROCESS_ID)
				.superProcessInstanceId(contrat.getId())
				.count())
			.isEqualTo(5);
	}

	@Test
	void contractEndsEarlyWhenTheCpamTerminatesIt() {
		ProcessInstance contrat = contratSigne();
		ProcessInstance annee1 = anniversaire(contrat, 1);
		rapportTransmis(annee1);
		evaluer(annee1, true, 80);
		coValider(annee1);

		ProcessInstance annee2 = anniversaire(contrat, 2);
		rapportTransmis(annee2);
		evaluer(annee2, false, 10);
		coValider(annee2);
		complete(task(EvaluationProcess.DECIDER_RESILIATION, annee2),
				withVariables("resilierContrat", true, "motifResiliation", "Missions socles non engagées"));
		execute(job("notifierContratResilie", contrat));

		assertThat(contrat).isEnded().hasPassed(ContratProcess.FIN_RESILIE);
		org.assertj.core.api.Assertions.assertThat(issue(contrat)).isEqualTo("resilie");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("contratResilie"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur,cpam,ars");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("contratResilie").get(0).variables())
			.contains(entry("motifResiliation", "Missions socles non engagées"), entry("derniereEvaluation", 2L));
		org.assertj.core.api.Assertions
			.assertThat(historyService().createHistoricProcessInstanceQuery()
				.processDefinitionKey(EvaluationProcess.PROCESS_ID)
				.superProcessInstanceId(contrat.getId())
				.count())
			.isEqualTo(2);
	}

	private ProcessInstance demarrer(Long population) {
		Map<String, Object> variables = withVariables("reference", REFERENCE, "region", "76", "departement", "31",
				"nomCpts", "CPTS du Lauragais", "porteur", "porteur.cpts", "population", population, "communes",
				"31555,31069,31116", "validationProjet", "tacite", "dateValidationProjet", date(2025, 12, 1));
		return runtimeService().startProcessInstanceByKey(ContratProcess.PROCESS_ID, REFERENCE, variables);
	}

	private ProcessInstance contratPrepare() {
		ProcessInstance contrat = demarrer(60000L);
		// as a Camunda Form submits it: the date as an ISO string
		complete(task(contrat), withVariables("missionQualite", true, "missionAccompagnement", false,
				"dateEffetContrat", "2026-03-01"));
		return contrat;
	}

	private ProcessInstance contratSigne() {
		ProcessInstance contrat = contratPrepare();
		complete(task(ContratProcess.SIGNER_PORTEUR, contrat), withVariables("signaturePorteur", true));
		complete(task(ContratProcess.SIGNER_CPAM, contrat), withVariables("signatureCpam", true));
		complete(task(ContratProcess.SIGNER_ARS, contrat), withVariables("signatureArs", true));
		execute(job("notifierContratSigne", contrat));
		assertThat(contrat).isWaitingAt(ContratProcess.EVALUER_ANNEE);
		return contrat;
	}

	private ProcessInstance anniversaire(ProcessInstance contrat, int annee) {
		ProcessInstance evaluation = runtimeService().createProcessInstanceQuery()
			.superProcessInstanceId(contrat.getId())
			.singleResult();
		assertThat(evaluation).isWaitingAt(EvaluationProcess.ANNIVERSAIRE_ATTEINT)
			.hasBusinessKey(REFERENCE)
			.variables()
			.containsEntry("numeroEvaluation", (long) annee);
		org.assertj.core.api.Assertions.assertThat(evaluation.getTenantId()).isEqualTo("76");
		Date anniversaire = date(2026 + annee, 3, 1);
		org.assertj.core.api.Assertions.assertThat(job(evaluation).getDuedate()).isEqualTo(anniversaire);
		ClockUtil.setCurrentTime(anniversaire);
		execute(job(evaluation));
		execute(job("notifierRapportAttendu", evaluation));
		return evaluation;
	}

	private static void rapportTransmis(ProcessInstance evaluation) {
		complete(task(EvaluationProcess.TRANSMETTRE_RAPPORT, evaluation),
				withVariables("patientsSansMedecinTraitantAccompagnes", 420L, "creneauxSoinsNonProgrammes", 3100L,
						"tauxReponseSoinsNonProgrammes", 87.5, "participationCampagnesPrevention", 1250L,
						"couvertureVaccinale", 61.0, "reunionsPluriprofessionnelles", 18L, "projetsPluriprofessionnels",
						4L, "hospitalisationsEvitables", 35L));
	}

	private static void evaluer(ProcessInstance evaluation, boolean deployees, int tauxAccesSoins) {
		complete(task(EvaluationProcess.EVALUER_INDICATEURS, evaluation),
				withVariables("tauxAccesSoins", tauxAccesSoins, "tauxParcours", 50, "tauxPrevention", 100,
						"tauxCrisesSanitaires", 100, "tauxQualite", 60, "missionsDeployees", deployees,
						"commentaireEvaluation", "RAS"));
	}

	private static void coValider(ProcessInstance evaluation) {
		complete(task(EvaluationProcess.CO_VALIDER, evaluation), withVariables("avisArs", "accord"));
		execute(job("notifierEvaluation", evaluation));
	}

	private static String issue(ProcessInstance contrat) {
		return (String) historyService().createHistoricVariableInstanceQuery()
			.processInstanceId(contrat.getId())
			.variableName(ContratProcess.ISSUE_CONTRAT)
			.singleResult()
			.getValue();
	}

	/** A contract day: noon, as {@code DatesContrat.toDate} stores it. */
	static Date date(int year, int month, int day) {
		return DatesContrat.toDate(LocalDate.of(year, month, day));
	}

}
