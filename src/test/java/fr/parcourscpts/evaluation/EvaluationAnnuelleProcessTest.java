package fr.parcourscpts.evaluation;

import static fr.parcourscpts.ProcessTestEngine.CONFIGURATION;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.parcourscpts.contrat.DatesContrat;
import fr.parcourscpts.contrat.DelaisContrat;
import fr.parcourscpts.notification.RecordingNotifier;
import fr.parcourscpts.dossier.DecisionRecorder;

import static org.assertj.core.api.Assertions.entry;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The annual evaluation alone, started as {@code contrat-aci} starts it: a size-2 CPTS
 * with the four socle missions and "qualité et pertinence", a fixed part of 142,500 € and
 * a variable part of 110,000 €, evaluated on its first anniversary (1 March 2027).
 */
@Deployment(resources = { "bpmn/evaluation-annuelle.bpmn", "bpmn/paiement-annuel.dmn", "forms/evaluerIndicateurs.form",
		"forms/coValiderEvaluation.form", "forms/deciderResiliation.form" })
class EvaluationAnnuelleProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(CONFIGURATION)
		.assertClassCoverageAtLeast(1.0)
		.build();

	private static final Date ANNIVERSAIRE = date(2027, 3, 1);

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
		Mocks.register("paiementAnnuel", new CalculerPaiementDelegate());
		ClockUtil.setCurrentTime(at(2027, 1, 10));
	}

	@AfterEach
	void reset() {
		identityService().clearAuthentication();
		org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset();
		Mocks.reset();
		ClockUtil.reset();
	}

	@Test
	void evaluationWaitsForTheContractAnniversary() {
		ProcessInstance evaluation = demarrerEvaluation();

		assertThat(evaluation).isWaitingAt(EvaluationProcess.ANNIVERSAIRE_ATTEINT);
		org.assertj.core.api.Assertions.assertThat(job(evaluation).getDuedate()).isEqualTo(ANNIVERSAIRE);
	}

	@Test
	void advanceAndBalanceOfTheYearAreNotifiedToThePorteur() {
		ProcessInstance evaluation = rapportTransmis();

		evaluerIndicateurs(evaluation, true, 80);
		coValider(evaluation, "accord");
		execute(job("notifierEvaluation", evaluation));

		assertThat(evaluation).isEnded().hasPassed(EvaluationProcess.FIN_EVALUATION);
		RecordingNotifier.Notification notification = this.notifier.of("evaluationNotifiee").get(0);
		org.assertj.core.api.Assertions.assertThat(notification.destinataires()).isEqualTo("porteur");
		// advance 75 % x 142,500; balance 35,625 + 32,000 + 12,500 + 15,000 + 15,000 +
		// 9,000
		org.assertj.core.api.Assertions.assertThat(notification.variables())
			.contains(entry("avance", 106875L), entry("partVariableVersee", 83500L), entry("solde", 119125L),
					entry("totalAnnuel", 226000L), entry("dateAvance", ANNIVERSAIRE), entry("tauxAvance", 0.75));
	}

	@Test
	void porteurIsToldOnTheAnniversaryThatTheReportIsDue() {
		ProcessInstance evaluation = anniversaireAtteint();

		assertThat(evaluation).isWaitingAt(EvaluationProcess.TRANSMETTRE_RAPPORT);
		assertThat(task(evaluation)).isAssignedTo("porteur.cpts").hasFormKey("portail:transmettreRapportActivite");
		org.assertj.core.api.Assertions.assertThat(task(evaluation).getDueDate()).isEqualTo(at(2027, 5, 1));
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("rapportActiviteAttendu"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur,cpam");
	}

	@Test
	void porteurIsRemindedWhileTheReportIsLate() {
		ProcessInstance evaluation = anniversaireAtteint();

		Job relance = job(EvaluationProcess.RELANCE_RAPPORT, evaluation);
		org.assertj.core.api.Assertions.assertThat(relance.getDuedate()).isEqualTo(at(2027, 3, 16));
		ClockUtil.setCurrentTime(at(2027, 3, 16));
		execute(relance);
		execute(job("relancerPorteurRapport", evaluation));

		assertThat(evaluation).isWaitingAt(EvaluationProcess.TRANSMETTRE_RAPPORT).hasPassed("porteurRelance");
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("relanceRapportActivite"))
			.extracting(RecordingNotifier.Notification::destinataires)
			.containsExactly("porteur");
		// A reminder is a plain duration that the engine adds in the JVM's zone: across a
		// change of summer time in another zone than Paris its hour may move by one.
		org.assertj.core.api.Assertions
			.assertThat(job(EvaluationProcess.RELANCE_RAPPORT, evaluation).getDuedate().getTime())
			.isCloseTo(at(2027, 3, 31).getTime(), org.assertj.core.api.Assertions.within(3_600_000L));
	}

	@Test
	void arsDisagreementSendsTheEvaluationBackToTheCpam() {
		ProcessInstance evaluation = rapportTransmis();
		evaluerIndicateurs(evaluation, true, 100);

		complete(task(evaluation), withVariables("avisArs", "desaccord", "motifDesaccordArs",
				"Le taux de l'accès aux soins ne reflète pas les patients accompagnés"));

		assertThat(evaluation).isWaitingAt(EvaluationProcess.EVALUER_INDICATEURS);
		assertThat(task(evaluation)).hasCandidateGroup("cpam");
		evaluerIndicateurs(evaluation, true, 50);
		coValider(evaluation, "accord");
		execute(job("notifierEvaluation", evaluation));

		assertThat(evaluation).isEnded();
		// the corrected rate counts: 20,000 + 12,500 + 15,000 + 15,000 + 9,000
		org.assertj.core.api.Assertions.assertThat(this.notifier.of("evaluationNotifiee").get(0).variables())
			.contains(entry("partVariableVersee", 71500L));
	}

	@Test
	void cpamMayKeepTheContractWhenMissionsAreNotDeployed() {
		ProcessInstance evaluation = rapportTransmis();
		evaluerIndicateurs(evaluation, false, 30);
		coValider(evaluation, "accord");
		execute(job("notifierEvaluation", evaluation));

		assertThat(evaluation).isWaitingAt(EvaluationProcess.DECIDER_RESILIATION);
		assertThat(task(evaluation)).hasCandidateGroup("cpam");
		complete(task(evaluation), withVariables("resilierContrat", false, "motifResiliation",
				"Retard lié au recrutement du coordinateur, plan de rattrapage présenté"));

		assertThat(evaluation).isEnded().hasPassed(EvaluationProcess.FIN_EVALUATION);
		assertThat(evaluation).variables().contains(entry("resilierContrat", false));
	}

	@Test
	void noVariablePartIsPaidWhenMissionsAreNotDeployed() {
		ProcessInstance evaluation = rapportTransmis();
		evaluerIndicateurs(evaluation, false, 30);
		coValider(evaluation, "accord");
		execute(job("notifierEvaluation", evaluation));

		org.assertj.core.api.Assertions.assertThat(this.notifier.of("evaluationNotifiee").get(0).variables())
			.contains(entry("avance", 106875L), entry("partVariableVersee", 0L), entry("solde", 35625L));
	}

	@Test
	void cpamTerminatesTheContractWhenMissionsAreNotDeployed() {
		ProcessInstance evaluation = rapportTransmis();
		evaluerIndicateurs(evaluation, false, 10);
		coValider(evaluation, "accord");
		execute(job("notifierEvaluation", evaluation));

		complete(task(evaluation),
				withVariables("resilierContrat", true, "motifResiliation", "Aucune mission socle engagée après un an"));

		assertThat(evaluation).isEnded().hasPassed(EvaluationProcess.FIN_RESILIATION);
		assertThat(evaluation).variables().contains(entry("resilierContrat", true));
	}

	@Test
	void everyAgentTaskHasItsDeployedFormAndRecordsWhoDecided() {
		ProcessInstance evaluation = rapportTransmis();

		Task evaluer = task(evaluation);
		try (InputStream form = formService().getDeployedTaskForm(evaluer.getId())) {
			org.assertj.core.api.Assertions.assertThat(form).isNotNull();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		// an agent of the CPAM, member of the tenant of the region (without it the task
		// is invisible)
		identityService().setAuthentication("cpam.31", java.util.List.of("cpam"), java.util.List.of("76"));
		evaluerIndicateurs(evaluation, true, 100);

		assertThat(evaluation).variables().containsEntry("evaluerIndicateursDecidePar", "cpam.31");
		org.assertj.core.api.Assertions.assertThat(formService().getDeployedTaskForm(task(evaluation).getId()))
			.isNotNull();
		org.assertj.core.api.Assertions.assertThat(task(evaluation).getDueDate()).isEqualTo(at(2027, 4, 1));
	}

	private ProcessInstance demarrerEvaluation() {
		Map<String, Object> variables = withVariables("reference", "CPTS-76-2026-0007", "region", "76", "porteur",
				"porteur.cpts", "nomCpts", "CPTS du Lauragais", "numeroEvaluation", 1L, "dateAnniversaire",
				ANNIVERSAIRE, "missionQualite", true, "missionsRetenues",
				"AccesSoins,Parcours,Prevention,CrisesSanitaires,Qualite", "partFixe", 142500L, "partVariable",
				110000L);
		variables.putAll(withVariables("variableAccesSoins", 40000L, "variableParcours", 25000L, "variablePrevention",
				15000L, "variableCrisesSanitaires", 15000L, "variableQualite", 15000L));
		return runtimeService().startProcessInstanceByKey(EvaluationProcess.PROCESS_ID, "CPTS-76-2026-0007", variables);
	}

	private ProcessInstance anniversaireAtteint() {
		ProcessInstance evaluation = demarrerEvaluation();
		ClockUtil.setCurrentTime(ANNIVERSAIRE);
		execute(job(evaluation));
		execute(job("notifierRapportAttendu", evaluation));
		return evaluation;
	}

	private ProcessInstance rapportTransmis() {
		ProcessInstance evaluation = anniversaireAtteint();
		complete(task(evaluation),
				withVariables("patientsSansMedecinTraitantAccompagnes", 420L, "creneauxSoinsNonProgrammes", 3100L,
						"tauxReponseSoinsNonProgrammes", 87.5, "participationCampagnesPrevention", 1250L,
						"couvertureVaccinale", 61.0, "reunionsPluriprofessionnelles", 18L, "projetsPluriprofessionnels",
						4L, "hospitalisationsEvitables", 35L));
		assertThat(evaluation).isWaitingAt(EvaluationProcess.EVALUER_INDICATEURS);
		return evaluation;
	}

	static void evaluerIndicateurs(ProcessInstance evaluation, boolean deployees, int tauxAccesSoins) {
		complete(task(evaluation),
				withVariables("tauxAccesSoins", tauxAccesSoins, "tauxParcours", 50, "tauxPrevention", 100,
						"tauxCrisesSanitaires", 100, "tauxQualite", 60, "missionsDeployees", deployees,
						"commentaireEvaluation", "Année de montée en charge"));
	}

	static void coValider(ProcessInstance evaluation, String avis) {
		assertThat(task(evaluation)).hasCandidateGroup("ars");
		complete(task(evaluation), withVariables("avisArs", avis));
	}

	/** A contract day: noon, as {@code DatesContrat.toDate} stores it. */
	static Date date(int year, int month, int day) {
		return DatesContrat.toDate(LocalDate.of(year, month, day));
	}

	/** A due date counted from the anniversary, which falls at noon. */
	static Date at(int year, int month, int day) {
		return Date.from(LocalDateTime.of(year, month, day, 12, 0)
			.atZone(fr.parcourscpts.dossier.DatesLegales.PARIS)
			.toInstant());
	}

}
