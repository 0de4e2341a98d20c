package fr.parcourscpts.portail;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import fr.parcourscpts.contrat.ContratProcess;
import fr.parcourscpts.evaluation.EvaluationProcess;
import fr.parcourscpts.intention.CreationProcess;

/**
 * The one place that says where a dossier stands for its porteur: a {@link Statut} of the
 * path (déposée, avis des URPS, décision FIR, projet de santé en instruction, contrat à
 * signer, évaluation 2 de 5, contrat résilié…) and the next date that matters, derived
 * from the engine alone: the open activities of the dossier's instances
 * ({@code cpts-creation}, {@code contrat-aci}, {@code evaluation-annuelle}, by business
 * key), their variables and, once ended, their end events. The deepest running instance
 * wins: an evaluation running means the contract is signed.
 */
@Service
class Statuts {

	/**
	 * The stages of the path as the porteur sees them (message keys {@code statut.*}).
	 */
	enum Code {

		EN_CONSTRUCTION, DEPOSEE, LETTRE_A_CORRIGER, AVIS_URPS, EN_INSTRUCTION, DECISION_FIR, COMPLEMENT_FIR,
		PROJET_A_DEPOSER, PROJET_EN_INSTRUCTION, PROJET_A_CORRIGER, PROJET_VALIDE, PROJET_REPUTE_VALIDE, PROJET_OPPOSE,
		CONTRAT_A_SIGNER, CONTRAT_SIGNE, EVALUATION, CONTRAT_TERMINE, CONTRAT_RESILIE, CONTRAT_NON_SIGNE,
		CONTRAT_NON_ELIGIBLE, LETTRE_IRRECEVABLE, ABANDONNE;

		/** The key of its label in {@code messages-statuts.properties}. */
		public String cle() {
			return "statut." + name();
		}

		/** The key of the sentence that introduces its next date. */
		public String cleDate() {
			return "statut.date." + name();
		}

	}

	/**
	 * Where a dossier stands.
	 *
	 * @param code the stage
	 * @param numero the year of the evaluation (1 to 5) for {@link Code#EVALUATION}
	 * @param prochaineDate the legal date or the next expected step, when there is one
	 * @param suspendu the tacit-validation clock is suspended by a correction
	 */
	record Statut(Code code, Integer numero, Date prochaineDate, boolean suspendu) {

		/** Whether the dossier is closed (no step will come). */
		boolean clos() {
			return switch (this.code) {
				case PROJET_OPPOSE, CONTRAT_TERMINE, CONTRAT_RESILIE, CONTRAT_NON_SIGNE, CONTRAT_NON_ELIGIBLE,
						LETTRE_IRRECEVABLE, ABANDONNE ->
					true;
				default -> false;
			};
		}

	}

	/** Five yearly evaluations in a five-year contract. */
	static final int EVALUATIONS = 5;

	private static final Statut EN_CONSTRUCTION = new Statut(Code.EN_CONSTRUCTION, null, null, false);

	private final Suivi suivi;

	Statuts(Suivi suivi) {
		this.suivi = suivi;
	}

	/** The status of a draft: en construction. */
	Statut brouillon() {
		return EN_CONSTRUCTION;
	}

	/** The status of the sent dossier of this reference. */
	Statut statut(String reference) {
		return statut(this.suivi.lecture(reference));
	}

	/** The same, from the dossier's reading of this request. */
	Statut statut(Suivi.Lecture lecture) {
		List<HistoricProcessInstance> instances = lecture.instances();
		if (instances.isEmpty()) {
			return new Statut(Code.DEPOSEE, null, null, false);
		}
		Optional<HistoricProcessInstance> creation = instance(instances, CreationProcess.PROCESS_ID);
		Optional<HistoricProcessInstance> contrat = instance(instances, ContratProcess.PROCESS_ID);
		Optional<HistoricProcessInstance> evaluation = instance(instances, EvaluationProcess.PROCESS_ID);
		boolean creationEnCours = creation.map(Statuts::enCours).orElse(false);
		if (creation.isPresent() && !creationEnCours) {
			String fin = Suivi.fin(lecture, creation.get());
			if (CreationProcess.DOSSIER_ABANDONNE.equals(fin)) {
				return clos(Code.ABANDONNE);
			}
			if (CreationProcess.LETTRE_IRRECEVABLE.equals(fin)) {
				return clos(Code.LETTRE_IRRECEVABLE);
			}
			if (CreationProcess.PROJET_SANTE_OPPOSE.equals(fin)) {
				return clos(Code.PROJET_OPPOSE);
			}
		}
		List<Task> ouvertes = lecture.ouvertes();
		if (evaluation.isPresent() && enCours(evaluation.get())) {
			return evaluation(lecture, evaluation.get(), ouvertes);
		}
		if (contrat.isPresent() && enCours(contrat.get())) {
			return contrat(lecture, contrat.get(), ouvertes);
		}
		if (creationEnCours) {
			return creation(lecture, creation.get(), ouvertes);
		}
		// every instance has ended: the contract's issue tells how
		return contrat.map((instance) -> issueContrat(lecture, instance)).orElse(clos(Code.CONTRAT_TERMINE));
	}

	private Statut evaluation(Suivi.Lecture lecture, HistoricProcessInstance instance, List<Task> ouvertes) {
		Integer numero = (lecture.variable(instance, ContratProcess.NUMERO_EVALUATION) instanceof Number n)
				? n.intValue() : null;
		Set<String> actives = actives(lecture, instance);
		if (actives.contains(EvaluationProcess.ANNIVERSAIRE_ATTEINT)) {
			Date anniversaire = (lecture.variable(instance, ContratProcess.DATE_ANNIVERSAIRE) instanceof Date date)
					? date : null;
			// the first year runs from the signature: the contract is signed, nothing is
			// due
			if (numero == null || numero == 1) {
				return new Statut(Code.CONTRAT_SIGNE, 1, anniversaire, false);
			}
			return new Statut(Code.EVALUATION, numero, anniversaire, false);
		}
		return new Statut(Code.EVALUATION, numero, echeance(ouvertes, instance, EvaluationProcess.TRANSMETTRE_RAPPORT),
				false);
	}

	private Statut contrat(Suivi.Lecture lecture, HistoricProcessInstance instance, List<Task> ouvertes) {
		List<HistoricActivityInstance> activites = activites(lecture, instance);
		Set<String> actives = activites.stream()
			.filter((activite) -> activite.getEndTime() == null)
			.map(HistoricActivityInstance::getActivityId)
			.collect(Collectors.toSet());
		Set<String> passees = activites.stream()
			.map(HistoricActivityInstance::getActivityId)
			.collect(Collectors.toSet());
		// the contract's issue is known before its notification (asynchronous) has run
		if (Boolean.TRUE.equals(lecture.variable(instance, ContratProcess.RESILIER_CONTRAT))) {
			return clos(Code.CONTRAT_RESILIE);
		}
		if (passees.contains(ContratProcess.DELAI_SIGNATURE_EXPIRE)) {
			return clos(Code.CONTRAT_NON_SIGNE);
		}
		if (Boolean.FALSE.equals(lecture.variable(instance, ContratProcess.ELIGIBLE))) {
			return clos(Code.CONTRAT_NON_ELIGIBLE);
		}
		if (actives.contains(ContratProcess.SIGNATURE_CONTRAT)) {
			return new Statut(Code.CONTRAT_A_SIGNER, null, echeance(ouvertes, instance, ContratProcess.SIGNER_PORTEUR),
					false);
		}
		if (passees.contains(ContratProcess.SIGNATURE_CONTRAT) || passees.contains(ContratProcess.EVALUER_ANNEE)) {
			return new Statut(Code.CONTRAT_SIGNE, 1, null, false);
		}
		boolean tacite = "tacite".equals(lecture.variable(instance, CreationProcess.VALIDATION_PROJET));
		return new Statut(tacite ? Code.PROJET_REPUTE_VALIDE : Code.PROJET_VALIDE, null,
				echeance(ouvertes, instance, ContratProcess.PREPARER_CONTRAT), false);
	}

	private Statut creation(Suivi.Lecture lecture, HistoricProcessInstance instance, List<Task> ouvertes) {
		Set<String> actives = actives(lecture, instance);
		if (actives.contains(CreationProcess.PREPARER_ET_SIGNER_CONTRAT)) {
			// the called contract has not started yet (an asynchronous continuation)
			boolean tacite = "tacite".equals(lecture.variable(instance, CreationProcess.VALIDATION_PROJET));
			return new Statut(tacite ? Code.PROJET_REPUTE_VALIDE : Code.PROJET_VALIDE, null, null, false);
		}
		if (actives.contains(CreationProcess.CORRIGER_PROJET_SANTE)) {
			return new Statut(Code.PROJET_A_CORRIGER, null,
					echeance(ouvertes, instance, CreationProcess.CORRIGER_PROJET_SANTE), true);
		}
		if (actives.contains(CreationProcess.INSTRUIRE_PROJET_SANTE)) {
			boolean pause = Boolean.TRUE.equals(lecture.variable(instance, CreationProcess.VALIDATION_TACITE_EN_PAUSE));
			Object date = lecture.variable(instance, CreationProcess.DATE_VALIDATION_TACITE);
			return new Statut(Code.PROJET_EN_INSTRUCTION, null, (!pause && date instanceof Date d) ? d : null, pause);
		}
		if (actives.contains(CreationProcess.DEPOSER_PROJET_SANTE)) {
			return new Statut(Code.PROJET_A_DEPOSER, null,
					echeance(ouvertes, instance, CreationProcess.DEPOSER_PROJET_SANTE), false);
		}
		if (actives.contains(CreationProcess.COMPLETER_DEMANDE_FIR)) {
			return new Statut(Code.COMPLEMENT_FIR, null,
					echeance(ouvertes, instance, CreationProcess.COMPLETER_DEMANDE_FIR), false);
		}
		if (actives.contains(CreationProcess.DECIDER_FINANCEMENT_FIR)) {
			return new Statut(Code.DECISION_FIR, null,
					echeance(ouvertes, instance, CreationProcess.DECIDER_FINANCEMENT_FIR), false);
		}
		if (actives.contains(CreationProcess.RECUEILLIR_AVIS_URPS)) {
			return new Statut(Code.AVIS_URPS, null, echeance(ouvertes, instance, CreationProcess.RENDRE_AVIS_URPS),
					false);
		}
		if (actives.contains(CreationProcess.CORRIGER_LETTRE_INTENTION)) {
			return new Statut(Code.LETTRE_A_CORRIGER, null,
					echeance(ouvertes, instance, CreationProcess.CORRIGER_LETTRE_INTENTION), false);
		}
		if (actives.contains(CreationProcess.VERIFIER_COMPLETUDE)) {
			return new Statut(Code.DEPOSEE, null, echeance(ouvertes, instance, CreationProcess.VERIFIER_COMPLETUDE),
					false);
		}
		// the Guichet forwards to the ARS, or a step between two tasks
		return new Statut(Code.EN_INSTRUCTION, null, echeance(ouvertes, instance, null), false);
	}

	private Statut issueContrat(Suivi.Lecture lecture, HistoricProcessInstance contrat) {
		Object issue = lecture.variable(contrat, ContratProcess.ISSUE_CONTRAT);
		String fin = (issue != null) ? issue.toString() : "";
		return switch (fin) {
			case "resilie" -> clos(Code.CONTRAT_RESILIE);
			case "nonSigne" -> clos(Code.CONTRAT_NON_SIGNE);
			case "nonEligible" -> clos(Code.CONTRAT_NON_ELIGIBLE);
			default -> clos(Code.CONTRAT_TERMINE);
		};
	}

	private static Statut clos(Code code) {
		return new Statut(code, null, null, false);
	}

	private static boolean enCours(HistoricProcessInstance instance) {
		return instance.getEndTime() == null;
	}

	/**
	 * The last started instance of the model (a contract has one per year of evaluation).
	 */
	private static Optional<HistoricProcessInstance> instance(List<HistoricProcessInstance> instances, String key) {
		return instances.stream()
			.filter((instance) -> key.equals(instance.getProcessDefinitionKey()))
			.max(Comparator.comparing(HistoricProcessInstance::getStartTime));
	}

	/** The activities of this instance, read once for the dossier. */
	private static List<HistoricActivityInstance> activites(Suivi.Lecture lecture, HistoricProcessInstance instance) {
		return lecture.activites()
			.stream()
			.filter((activite) -> instance.getId().equals(activite.getProcessInstanceId()))
			.toList();
	}

	private static Set<String> actives(Suivi.Lecture lecture, HistoricProcessInstance instance) {
		return activites(lecture, instance).stream()
			.filter((activite) -> activite.getEndTime() == null)
			.map(HistoricActivityInstance::getActivityId)
			.collect(Collectors.toSet());
	}

	/**
	 * The due date of the open task {@code key} of the instance, or the earliest due date
	 * of its open tasks.
	 */
	private static Date echeance(List<Task> ouvertes, HistoricProcessInstance instance, String key) {
		List<Task> deLInstance = ouvertes.stream()
			.filter((task) -> instance.getId().equals(task.getProcessInstanceId()))
			.toList();
		Optional<Date> propre = deLInstance.stream()
			.filter((task) -> key != null && key.equals(task.getTaskDefinitionKey()))
			.map(Task::getDueDate)
			.filter(Objects::nonNull)
			.min(Date::compareTo);
		return propre.orElseGet(() -> deLInstance.stream()
			.map(Task::getDueDate)
			.filter(Objects::nonNull)
			.min(Date::compareTo)
			.orElse(null));
	}

}
