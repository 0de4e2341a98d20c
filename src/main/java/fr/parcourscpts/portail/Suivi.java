package fr.parcourscpts.portail;

import java.util.ArrayList;
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

	List<HistoricProcessInstance> instances(String reference) {
		return this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.orderByProcessInstanceStartTime()
			.asc()
			.list();
	}

	/** The main instance of the dossier (the first one started). */
	HistoricProcessInstance principale(String reference) {
		return principale(instances(reference));
	}

	private static HistoricProcessInstance principale(List<HistoricProcessInstance> instances) {
		return instances.stream()
			.filter((instance) -> CreationProcess.PROCESS_ID.equals(instance.getProcessDefinitionKey()))
			.findFirst()
			.orElse(null);
	}

	/** The porteur tasks open for the dossier, the earliest due first. */
	List<Tache> taches(String reference) {
		return this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.initializeFormKeys()
			.orderByDueDate()
			.asc()
			.list()
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
		List<HistoricProcessInstance> instances = instances(reference);
		Map<String, Object> variables = new LinkedHashMap<>();
		if (instances.isEmpty()) {
			return variables;
		}
		List<HistoricVariableInstance> all = this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
			.disableBinaryFetching()
			.list();
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

	List<HistoricActivityInstance> activites(String reference) {
		return activites(instances(reference));
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
		List<HistoricProcessInstance> instances = instances(reference);
		List<HistoricActivityInstance> activites = activites(instances);
		HistoricProcessInstance principale = principale(instances);
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
		return activites(reference).stream().filter((activite) -> switch (activite.getActivityType()) {
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
		HistoricProcessInstance principale = principale(reference);
		if (principale == null) {
			return new Situation(List.of(), null, null);
		}
		if (principale.getEndTime() != null) {
			// the end event reached (the process' end activity may be the abandon's
			// event subprocess)
			String fin = this.history.createHistoricActivityInstanceQuery()
				.processInstanceId(principale.getId())
				.activityType("noneEndEvent")
				.orderByHistoricActivityInstanceEndTime()
				.desc()
				.list()
				.stream()
				.map(HistoricActivityInstance::getActivityId)
				.findFirst()
				.orElse(principale.getEndActivityId());
			return new Situation(List.of(), null, fin);
		}
		List<Task> ouvertes = this.tasks.createTaskQuery().processInstanceBusinessKey(reference).list();
		List<String> courantes = ouvertes.stream().map(Task::getName).distinct().toList();
		Date prochaine = ouvertes.stream()
			.map(Task::getDueDate)
			.filter(Objects::nonNull)
			.min(Date::compareTo)
			.orElse(null);
		return new Situation(courantes, prochaine, null);
	}

	/** The URPS opinions, once the Guichet has forwarded them to the ARS. */
	Map<String, Map<String, String>> avisUrps(String reference, Map<String, Object> variables) {
		// the opinions first: without them, the engine need not be asked where the lettre
		// is
		Object json = variables.get(CreationProcess.AVIS_URPS);
		if (!(json instanceof String text) || text.isBlank()) {
			return Map.of();
		}
		boolean transmis = "ars".equals(variables.get(CreationProcess.DESTINATAIRE_LETTRE)) || transmisArs(reference);
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
		String[] ids = instances(reference).stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
		if (ids.length == 0) {
			return false;
		}
		Object destinataire = this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(ids)
			.variableName(CreationProcess.DESTINATAIRE_LETTRE)
			.list()
			.stream()
			.map(HistoricVariableInstance::getValue)
			.findFirst()
			.orElse(null);
		if ("ars".equals(destinataire)) {
			return true;
		}
		return activites(reference).stream()
			.anyMatch((activite) -> activite.getActivityId().equals(CreationProcess.TRANSMETTRE_AVIS_ARS)
					&& activite.getEndTime() != null);
	}

}
