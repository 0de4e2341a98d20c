package fr.parcourscpts.portail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import fr.parcourscpts.intention.AvisUrps;
import fr.parcourscpts.intention.CreationProcess;

/**
 * What the engine knows of a dossier, read by its business key (the reference) across the
 * main instance and the called ones ({@code contrat-aci}, {@code evaluation-annuelle}):
 * the porteur tasks open, the steps done, current and to come, the decisions and their
 * reasons, the tacit validation date. Read without a Camunda authentication: the portal
 * has checked that the user is a member of the dossier before calling.
 */
@Service
class Suivi {

	/** Prefix of the form key of the tasks done in the portal. */
	static final String PORTAIL = "portail:";

	/**
	 * The steps of the path, in order; those marked optional are shown only when they
	 * happened (a correction, a complement).
	 */
	private static final List<Jalon> JALONS = List.of(new Jalon("lettreIntentionDeposee", false),
			new Jalon("verifierCompletude", false), new Jalon("corrigerLettreIntention", true),
			new Jalon("recueillirAvisUrps", false), new Jalon("transmettreAvisArs", false),
			new Jalon("deciderFinancementFir", true), new Jalon("completerDemandeFir", true),
			new Jalon("deposerProjetSante", false), new Jalon("donnerAvisCpam", false),
			new Jalon("deciderProjetSante", false), new Jalon("corrigerProjetSante", true),
			new Jalon("preparerContrat", false), new Jalon("signerContratPorteur", false),
			new Jalon("signerContratCpam", false), new Jalon("signerContratArs", false),
			new Jalon("evaluerAnneeContrat", false));

	/** The decisions and reasons shown to the porteur, when recorded. */
	static final List<String> DECISIONS = List.of("completude", "motifCompletude", "avisConsolideFinal",
			"motifDerogation", "decisionFir", "montantFirAccorde", "motifRefusFir", "questionFir", "reponseFir",
			"avisCpam", "decisionProjet", "motifOpposition", "commentaireOpposition", "typeCorrection",
			"objetCorrection", "validationProjet", "tailleCpts", "issueContrat");

	private record Jalon(String id, boolean optional) {
	}

	/** A step of the timeline; {@code statut} is fait, enCours, aVenir or nonAtteinte. */
	record Etape(String id, String statut, Date date, String par) {
	}

	/** An event of the detailed history. */
	record Evenement(String activite, String nom, String type, Date debut, Date fin, String par) {
	}

	/** An open porteur task. */
	record Tache(String id, String cle, String nom, Date echeance, String processInstanceId) {
	}

	/** Where a dossier stands, for the list of dossiers. */
	record Situation(List<String> etapesCourantes, Date prochaineDate, String issue) {
	}

	private final HistoryService history;

	private final TaskService tasks;

	Suivi(HistoryService history, TaskService tasks) {
		this.history = history;
		this.tasks = tasks;
	}

	/**
	 * What the engine knows of one dossier, each part read at most once, when first
	 * asked: its instances, their variables and activities, its open tasks. The porteur's
	 * dossier page asks for them from its timeline, history, situation, status and
	 * messages: read each time, the instances were read five times and the open tasks
	 * four (34 statements a page, docs/scale.md). One reading serves one request: it is
	 * never kept, so a page shows what the engine holds when it is asked.
	 */
	final class Lecture {

		private final String reference;

		private List<HistoricProcessInstance> instances;

		private List<HistoricVariableInstance> variablesLues;

		private Map<String, Object> variables;

		private List<HistoricActivityInstance> activites;

		private List<Task> ouvertes;

		private Lecture(String reference) {
			this.reference = reference;
		}

		String reference() {
			return this.reference;
		}

		/** The dossier's instances, the first started first. */
		List<HistoricProcessInstance> instances() {
			if (this.instances == null) {
				this.instances = Suivi.this.history.createHistoricProcessInstanceQuery()
					.processInstanceBusinessKey(this.reference)
					.orderByProcessInstanceStartTime()
					.asc()
					.list();
			}
			return this.instances;
		}

		/** Every variable of every instance (any scope), in the engine's order (id). */
		List<HistoricVariableInstance> variablesLues() {
			if (this.variablesLues == null) {
				List<HistoricProcessInstance> all = instances();
				this.variablesLues = all.isEmpty() ? List.of()
						: Suivi.this.history.createHistoricVariableInstanceQuery()
							.processInstanceIdIn(
									all.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
							.disableBinaryFetching()
							.list();
			}
			return this.variablesLues;
		}

		/** The process-scope value of the variable in this instance, or null. */
		Object variable(HistoricProcessInstance instance, String name) {
			return variablesLues().stream()
				.filter((variable) -> instance.getId().equals(variable.getProcessInstanceId())
						&& name.equals(variable.getName()))
				.filter((variable) -> variable.getActivityInstanceId() == null
						|| variable.getActivityInstanceId().equals(variable.getProcessInstanceId()))
				.map(HistoricVariableInstance::getValue)
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
		}

		/** The activities of every instance, in the order they started. */
		List<HistoricActivityInstance> activites() {
			if (this.activites == null) {
				this.activites = Suivi.this.activites(instances());
			}
			return this.activites;
		}

		/** The open tasks of the dossier's instances, the earliest due first. */
		List<Task> ouvertes() {
			if (this.ouvertes == null) {
				this.ouvertes = Suivi.this.tasks.createTaskQuery()
					.processInstanceBusinessKey(this.reference)
					.initializeFormKeys()
					.orderByDueDate()
					.asc()
					.list();
			}
			return this.ouvertes;
		}

	}

	/** A reading of the dossier for one request (see {@link Lecture}). */
	Lecture lecture(String reference) {
		return new Lecture(reference);
	}

	/** The main instance of the dossier (the first one started). */
	private static HistoricProcessInstance principale(List<HistoricProcessInstance> instances) {
		return instances.stream()
			.filter((instance) -> CreationProcess.PROCESS_ID.equals(instance.getProcessDefinitionKey()))
			.findFirst()
			.orElse(null);
	}

	/** The porteur tasks open for the dossier, the earliest due first. */
	List<Tache> taches(String reference) {
		return taches(lecture(reference));
	}

	List<Tache> taches(Lecture lecture) {
		return lecture.ouvertes()
			.stream()
			.filter((task) -> task.getFormKey() != null && task.getFormKey().startsWith(PORTAIL))
			.map(Suivi::tache)
			.toList();
	}

	/** The open porteur task of this id in this dossier, if any. */
	Tache tache(String reference, String taskId) {
		return taches(reference).stream().filter((task) -> task.id().equals(taskId)).findFirst().orElse(null);
	}

	private static Tache tache(Task task) {
		return new Tache(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getDueDate(),
				task.getProcessInstanceId());
	}

	/**
	 * The variables of every instance of the dossier by name; the main instance wins over
	 * the called ones, which see copies of its variables.
	 */
	Map<String, Object> variables(String reference) {
		return variables(lecture(reference));
	}

	Map<String, Object> variables(Lecture lecture) {
		if (lecture.variables == null) {
			lecture.variables = Collections.unmodifiableMap(variables(lecture.instances(), lecture.variablesLues()));
		}
		return lecture.variables;
	}

	private static Map<String, Object> variables(List<HistoricProcessInstance> instances,
			List<HistoricVariableInstance> all) {
		Map<String, Object> variables = new LinkedHashMap<>();
		if (instances.isEmpty()) {
			return variables;
		}
		List<String> order = instances.stream().map(HistoricProcessInstance::getId).toList();
		all.stream()
			// process-scope variables only; the URPS' local ones are merged in avisUrps
			.filter((variable) -> variable.getActivityInstanceId() == null
					|| variable.getActivityInstanceId().equals(variable.getProcessInstanceId()))
			.sorted(Comparator.comparingInt((HistoricVariableInstance v) -> order.indexOf(v.getProcessInstanceId()))
				.reversed())
			.forEach((variable) -> variables.put(variable.getName(), variable.getValue()));
		return variables;
	}

	private List<HistoricActivityInstance> activites(List<HistoricProcessInstance> instances) {
		if (instances.isEmpty()) {
			return List.of();
		}
		List<HistoricActivityInstance> all = new ArrayList<>();
		for (HistoricProcessInstance instance : instances) {
			all.addAll(this.history.createHistoricActivityInstanceQuery()
				.processInstanceId(instance.getId())
				.orderByHistoricActivityInstanceStartTime()
				.asc()
				.orderPartiallyByOccurrence()
				.asc()
				.list());
		}
		all.sort(Comparator.comparing(HistoricActivityInstance::getStartTime));
		return all;
	}

	/** The timeline of the steps of the path: done, current, to come. */
	List<Etape> etapes(String reference, Map<String, Object> variables) {
		return etapes(lecture(reference), variables);
	}

	List<Etape> etapes(Lecture lecture, Map<String, Object> variables) {
		List<HistoricActivityInstance> activites = lecture.activites();
		HistoricProcessInstance principale = principale(lecture.instances());
		boolean termine = principale != null && principale.getEndTime() != null;
		List<Etape> etapes = new ArrayList<>();
		for (Jalon jalon : JALONS) {
			List<HistoricActivityInstance> occurrences = activites.stream()
				.filter((activite) -> activite.getActivityId().equals(jalon.id()))
				.toList();
			boolean firPrevu = jalon.id().equals("deciderFinancementFir")
					&& variables.get(CreationProcess.MONTANT_FIR_DEMANDE) instanceof Number montant
					&& montant.doubleValue() > 0;
			if (occurrences.isEmpty() && jalon.optional() && !firPrevu) {
				continue;
			}
			if (occurrences.isEmpty() && !dansLeParcours(jalon.id(), variables)) {
				continue;
			}
			String statut;
			Date date = null;
			if (occurrences.stream().anyMatch((activite) -> activite.getEndTime() == null)) {
				statut = "enCours";
				date = occurrences.get(occurrences.size() - 1).getStartTime();
			}
			else if (!occurrences.isEmpty()) {
				statut = "fait";
				date = occurrences.get(occurrences.size() - 1).getEndTime();
			}
			else {
				statut = termine ? "nonAtteinte" : "aVenir";
			}
			Object par = variables.get(jalon.id() + "DecidePar");
			etapes
				.add(new Etape(jalon.id(), statut, date, "fait".equals(statut) && par != null ? par.toString() : null));
		}
		return etapes;
	}

	/**
	 * Every task, event and end of the dossier's instances, in the order they happened.
	 */
	List<Evenement> historique(String reference) {
		return historique(lecture(reference));
	}

	List<Evenement> historique(Lecture lecture) {
		return lecture.activites().stream().filter((activite) -> switch (activite.getActivityType()) {
			case "userTask", "startEvent", "noneEndEvent", "boundaryTimer", "messageStartEvent", "callActivity",
					"subProcess" ->
				true;
			default -> false;
		})
			.map((activite) -> new Evenement(activite.getActivityId(), activite.getActivityName(),
					activite.getActivityType(), activite.getStartTime(), activite.getEndTime(), activite.getAssignee()))
			.toList();
	}

	/** Where the dossier stands: current steps and next date, or how it ended. */
	Situation situation(String reference) {
		return situation(lecture(reference));
	}

	Situation situation(Lecture lecture) {
		HistoricProcessInstance principale = principale(lecture.instances());
		if (principale == null) {
			return new Situation(List.of(), null, null);
		}
		if (principale.getEndTime() != null) {
			// the end event reached (the process' end activity may be the abandon's
			// event subprocess)
			return new Situation(List.of(), null, fin(lecture, principale));
		}
		// in the order of their ids, as the engine's task query lists them by default
		List<Task> ouvertes = lecture.ouvertes().stream().sorted(Comparator.comparing(Task::getId)).toList();
		List<String> courantes = ouvertes.stream().map(Task::getName).distinct().toList();
		Date prochaine = ouvertes.stream()
			.map(Task::getDueDate)
			.filter(Objects::nonNull)
			.min(Date::compareTo)
			.orElse(null);
		return new Situation(courantes, prochaine, null);
	}

	/**
	 * The end event the instance reached, the last one ended first (the abandon's event
	 * subprocess ends the instance too), or the instance's end activity.
	 */
	static String fin(Lecture lecture, HistoricProcessInstance instance) {
		return lecture.activites()
			.stream()
			.filter((activite) -> instance.getId().equals(activite.getProcessInstanceId())
					&& "noneEndEvent".equals(activite.getActivityType()))
			// latest end first, as the engine's "order by end time desc" (no end: first)
			.sorted(Comparator
				.comparing(HistoricActivityInstance::getEndTime, Comparator.nullsLast(Comparator.<Date>naturalOrder()))
				.reversed())
			.map(HistoricActivityInstance::getActivityId)
			.findFirst()
			.orElse(instance.getEndActivityId());
	}

	/** The URPS opinions, once the Guichet has forwarded them to the ARS. */
	Map<String, Map<String, String>> avisUrps(Lecture lecture, Map<String, Object> variables) {
		// the opinions first: without them, the engine need not be asked where the lettre
		// is
		Object json = variables.get(CreationProcess.AVIS_URPS);
		if (!(json instanceof String text) || text.isBlank()) {
			return Map.of();
		}
		boolean transmis = "ars".equals(variables.get(CreationProcess.DESTINATAIRE_LETTRE)) || transmisArs(lecture);
		return transmis ? AvisUrps.lire(text) : Map.of();
	}

	/**
	 * Whether a step belongs to the dossier's regional path (outputs of the decision
	 * {@value CreationProcess#DECISION_PARCOURS_REGIONAL}): no forwarding where the ARS
	 * receives the lettre itself, no URPS opinions where none is asked.
	 */
	static boolean dansLeParcours(String etape, Map<String, Object> variables) {
		return switch (etape) {
			case CreationProcess.TRANSMETTRE_AVIS_ARS ->
				!"ars".equals(variables.get(CreationProcess.DESTINATAIRE_LETTRE));
			case CreationProcess.RECUEILLIR_AVIS_URPS ->
				!CreationProcess.CONSULTATION_AUCUNE.equals(variables.get(CreationProcess.CONSULTATION_URPS));
			default -> true;
		};
	}

	/**
	 * Whether the ARS has the lettre: it received it itself (its region's path), or the
	 * Guichet has forwarded the lettre and the opinions.
	 */
	boolean transmisArs(String reference) {
		return transmisArs(lecture(reference));
	}

	boolean transmisArs(Lecture lecture) {
		if (lecture.instances().isEmpty()) {
			return false;
		}
		// any scope, the first by id, as a query by the variable's name answers
		Object destinataire = lecture.variablesLues()
			.stream()
			.filter((variable) -> CreationProcess.DESTINATAIRE_LETTRE.equals(variable.getName()))
			.map(HistoricVariableInstance::getValue)
			.findFirst()
			.orElse(null);
		if ("ars".equals(destinataire)) {
			return true;
		}
		return lecture.activites()
			.stream()
			.anyMatch((activite) -> activite.getActivityId().equals(CreationProcess.TRANSMETTRE_AVIS_ARS)
					&& activite.getEndTime() != null);
	}

}
