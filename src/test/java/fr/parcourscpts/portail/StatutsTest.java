package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.garde.MoteurFixtures;
import fr.parcourscpts.portail.Statuts.Code;
import fr.parcourscpts.portail.Statuts.Statut;

/**
 * The status of every stage of the path, read from the real models: each dossier is
 * started right before the step (the engine's own tasks, timers and variables), then its
 * status is asked the way the portal asks it, by reference.
 */
@ApplicationTest
class StatutsTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Statuts statuts;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, 0);
	}

	private String reference(String processInstanceId) {
		return this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult()
			.getBusinessKey();
	}

	private Statut statut(String processInstanceId) {
		return this.statuts.statut(reference(processInstanceId));
	}

	private Statut avant(String processKey, String activityId, Map<String, Object> extra) {
		return statut(this.fixtures.avant(processKey, activityId, "76", extra));
	}

	private Date echeance(String processInstanceId, String key) {
		return this.fixtures.tache(processInstanceId, key).getDueDate();
	}

	private static Date dans(int jours) {
		return Date.from(Instant.now().plus(jours, ChronoUnit.DAYS));
	}

	@Test
	void aDraftIsUnderConstruction() {
		assertThat(this.statuts.brouillon().code()).isEqualTo(Code.EN_CONSTRUCTION);
	}

	@Test
	void aSentLettreIsDepositedUntilTheGuichetHasChecked() {
		String pi = this.fixtures.creation("76");
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.DEPOSEE);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "verifierCompletude")).isNotNull();
		assertThat(statut.clos()).isFalse();
	}

	@Test
	void aLettreToCorrectWaitsForThePorteurWithItsDeadline() {
		String pi = this.fixtures.avant("cpts-creation", "corrigerLettreIntention", "76", Map.of());
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.LETTRE_A_CORRIGER);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "corrigerLettreIntention"));
	}

	@Test
	void theTenUrpsOpinionsAreAwaitedUntilTheirDueDate() {
		String pi = this.fixtures.avant("cpts-creation", "recueillirAvisUrps#multiInstanceBody", "76", Map.of());
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.AVIS_URPS);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "rendreAvisUrps")).isNotNull();
	}

	@Test
	void theGuichetForwardingToTheArsIsInstruction() {
		String pi = this.fixtures.avant("cpts-creation", "transmettreAvisArs", "76",
				Map.of("avisConsolide", "favorable"));
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.EN_INSTRUCTION);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "transmettreAvisArs"));
	}

	@Test
	void theFirDecisionShowsItsLegalDate() {
		String pi = this.fixtures.avant("cpts-creation", "deciderFinancementFir", "76", Map.of());
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.DECISION_FIR);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "deciderFinancementFir")).isNotNull();
	}

	@Test
	void aFirComplementWaitsForThePorteur() {
		String pi = this.fixtures.avant("cpts-creation", "completerDemandeFir", "76",
				Map.of("questionFir", "Budget ?"));
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.COMPLEMENT_FIR);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "completerDemandeFir"));
	}

	@Test
	void theProjetDeSanteIsToDepositBeforeItsDueDate() {
		String pi = this.fixtures.avant("cpts-creation", "deposerProjetSante", "76", Map.of());
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.PROJET_A_DEPOSER);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "deposerProjetSante")).isNotNull();
	}

	@Test
	void theProjetInInstructionShowsTheLastDayOfOpposition() {
		Date dernierJour = dans(61);
		Statut statut = avant("cpts-creation", "instruireProjetSante",
				Map.of("dateValidationTacite", dernierJour, "echeanceValidationTacite", dernierJour,
						"dateRappelValidationTacite", dans(49), "dateDepotProjetSante", new Date()));
		assertThat(statut.code()).isEqualTo(Code.PROJET_EN_INSTRUCTION);
		assertThat(statut.prochaineDate()).isEqualTo(dernierJour);
		assertThat(statut.suspendu()).isFalse();
	}

	@Test
	void aProjetToCorrectSuspendsTheClockAndShowsTheCorrectionsDueDate() {
		String pi = this.fixtures.avant("cpts-creation", "corrigerProjetSante", "76",
				Map.of("typeCorrection", "element", "objetCorrection", "Précisez la gouvernance.",
						"validationTaciteEnPause", true, "dateValidationTacite", dans(40)));
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.PROJET_A_CORRIGER);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "corrigerProjetSante"));
		assertThat(statut.suspendu()).isTrue();
	}

	@Test
	void anOpposedProjetClosesTheDossier() {
		Statut statut = avant("cpts-creation", "projetSanteOppose", Map.of());
		assertThat(statut.code()).isEqualTo(Code.PROJET_OPPOSE);
		assertThat(statut.clos()).isTrue();
		assertThat(statut.prochaineDate()).isNull();
	}

	@Test
	void anIrrecevableLettreClosesTheDossier() {
		assertThat(avant("cpts-creation", "lettreIrrecevable", Map.of()).code()).isEqualTo(Code.LETTRE_IRRECEVABLE);
	}

	@Test
	void anAbandonedDossierIsAbandonedWhateverStepItWasAt() {
		String pi = this.fixtures.avant("cpts-creation", "deposerProjetSante", "76", Map.of());
		String reference = reference(pi);
		this.engine.getRuntimeService()
			.createMessageCorrelation("abandonDossier")
			.processInstanceBusinessKey(reference)
			.correlate();
		this.fixtures.executeMessages(pi);
		Statut statut = this.statuts.statut(reference);
		assertThat(statut.code()).isEqualTo(Code.ABANDONNE);
		assertThat(statut.clos()).isTrue();
	}

	@Test
	void whileTheCpamPreparesTheContractTheProjetIsValidatedExplicitlyOrTacitly() {
		String expresse = this.fixtures.avant("contrat-aci", "preparerContrat", "76",
				Map.of("validationProjet", "expresse"));
		Statut statut = statut(expresse);
		assertThat(statut.code()).isEqualTo(Code.PROJET_VALIDE);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(expresse, "preparerContrat")).isNotNull();

		assertThat(avant("contrat-aci", "preparerContrat", Map.of("validationProjet", "tacite")).code())
			.isEqualTo(Code.PROJET_REPUTE_VALIDE);
	}

	@Test
	void aContractToSignShowsThePorteursSignatureDueDate() {
		String pi = this.fixtures.avant("contrat-aci", "signatureContrat", "76", contrat());
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.CONTRAT_A_SIGNER);
		Task porteur = this.fixtures.tache(pi, "signerContratPorteur");
		assertThat(statut.prochaineDate()).isEqualTo(porteur.getDueDate()).isNotNull();
	}

	@Test
	void aSignedContractWaitsForItsFirstAnniversary() {
		Date anniversaire = dans(365);
		Map<String, Object> variables = contrat();
		variables.putAll(Map.of("numeroEvaluation", 1, "dateAnniversaire", anniversaire));
		Statut statut = avant("evaluation-annuelle", "anniversaireContratAtteint", variables);
		assertThat(statut.code()).isEqualTo(Code.CONTRAT_SIGNE);
		assertThat(statut.prochaineDate()).isEqualTo(anniversaire);
	}

	@Test
	void laterYearsAreEvaluationNOfFiveUpToTheirAnniversary() {
		Date anniversaire = dans(200);
		Map<String, Object> variables = contrat();
		variables.putAll(Map.of("numeroEvaluation", 3, "dateAnniversaire", anniversaire));
		Statut statut = avant("evaluation-annuelle", "anniversaireContratAtteint", variables);
		assertThat(statut.code()).isEqualTo(Code.EVALUATION);
		assertThat(statut.numero()).isEqualTo(3);
		assertThat(statut.prochaineDate()).isEqualTo(anniversaire);
	}

	@Test
	void anActivityReportDueIsEvaluationNOfFiveWithTheReportsDueDate() {
		Map<String, Object> variables = contrat();
		variables.putAll(Map.of("numeroEvaluation", 2, "dateAnniversaire", new Date()));
		String pi = this.fixtures.avant("evaluation-annuelle", "transmettreRapportActivite", "76", variables);
		Statut statut = statut(pi);
		assertThat(statut.code()).isEqualTo(Code.EVALUATION);
		assertThat(statut.numero()).isEqualTo(2);
		assertThat(statut.prochaineDate()).isEqualTo(echeance(pi, "transmettreRapportActivite")).isNotNull();
	}

	@Test
	void aTerminatedContractIsClosedAsSuch() {
		Statut resilie = avant("contrat-aci", "contratResilie", Map.of());
		assertThat(resilie.code()).isEqualTo(Code.CONTRAT_RESILIE);
		assertThat(resilie.clos()).isTrue();
		assertThat(avant("contrat-aci", "contratNonSigne", Map.of()).code()).isEqualTo(Code.CONTRAT_NON_SIGNE);
		assertThat(avant("contrat-aci", "contratTermine", Map.of()).code()).isEqualTo(Code.CONTRAT_TERMINE);
	}

	@Test
	void aTerminationDecidedIsShownBeforeItsNotificationHasRun() {
		Map<String, Object> variables = new HashMap<>(Map.of("resilierContrat", true));
		assertThat(avant("contrat-aci", "notifierContratResilie", variables).code()).isEqualTo(Code.CONTRAT_RESILIE);
	}

	/** What the signature and evaluation steps read of a prepared contract. */
	private static Map<String, Object> contrat() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("missionQualite", false);
		variables.put("missionAccompagnement", false);
		variables.put("missionsRetenues", "AccesSoins,Parcours,Prevention,CrisesSanitaires");
		variables.put("partFixe", 142500L);
		variables.put("partVariable", 110000L);
		variables.put("dateEffetContrat", new Date());
		variables.put("validationProjet", "expresse");
		return variables;
	}

}
