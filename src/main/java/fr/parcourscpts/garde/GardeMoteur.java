package fr.parcourscpts.garde;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetAnnotationForIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.parcourscpts.identity.Institution;

/**
 * The interceptor that every engine command passes, after the command context is open (so
 * that it reads tasks and jobs without the caller's authorizations) and before the
 * command runs. It checks only the commands a person sends (the outermost command of a
 * call, with an engine authentication); the commands they cause, the application's own
 * calls and the job executor are trusted — but a legal-deadline timer is refused to
 * everyone before it is due.
 *
 * <p>
 * Refusals are {@link AuthorizationException} (403 on the REST API), invalid outputs are
 * {@link FormFieldValidationException} (400) and a task the caller cannot see is "not
 * found" (404), whether it exists in another region or not at all.
 */
class GardeMoteur extends CommandInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(GardeMoteur.class);

	/**
	 * How deep the current thread is in nested commands: only the outermost is checked.
	 */
	private static final ThreadLocal<int[]> profondeur = ThreadLocal.withInitial(() -> new int[1]);

	/** Packages of the webapps' own query commands (Cockpit, Tasklist, Admin plugins). */
	private static final List<String> PAQUETS_LECTURE = List.of("org.camunda.bpm.cockpit.", "org.camunda.bpm.webapp.",
			"org.camunda.bpm.tasklist.", "org.camunda.bpm.admin.", "org.camunda.bpm.welcome.");

	/** Engine commands that only read, by name (queries are recognised by type). */
	private static final List<String> PREFIXES_LECTURE = List.of("Get", "Find", "Is", "ExecuteFilter",
			"AuthorizationCheck", "DetermineHistoryLevel");

	private static final Set<String> LECTURES_NOMMEES = Set.of("CreateUserQueryCmd", "CreateGroupQueryCmd",
			"CreateTenantQueryCmd", "CreateNativeUserQueryCmd");

	private final Supplier<List<ControleSorties>> controles;

	/** The declared outputs by process definition and task, shared by both executors. */
	private final Map<String, SortiesDeclarees> formulaires;

	GardeMoteur(Supplier<List<ControleSorties>> controles, Map<String, SortiesDeclarees> formulaires) {
		this.controles = controles;
		this.formulaires = formulaires;
	}

	@Override
	public <T> T execute(Command<T> command) {
		int[] niveau = profondeur.get();
		boolean exterieure = niveau[0] == 0;
		niveau[0]++;
		try {
			if (exterieure && command instanceof FailedJobListener) {
				// The engine's bookkeeping of a failed job: trusted, but a refused early
				// execution of a legal timer is no failure of the job (no retry lost, no
				// incident).
				JobFailureCollector echec = lire(command, "jobFailureCollector");
				if (echec != null && echec.getFailure() instanceof EcheanceNonEchue) {
					return null;
				}
				return this.next.execute(command);
			}
			if (exterieure) {
				verifier(command, Context.getCommandContext());
			}
			return this.next.execute(command);
		}
		finally {
			niveau[0]--;
			if (niveau[0] == 0) {
				profondeur.remove();
			}
		}
	}

	private void verifier(Command<?> command, CommandContext contexte) {
		if (command instanceof ExecuteJobsCmd) {
			verifierEcheance(lire(command, "jobId"), contexte);
		}
		Authentication auth = contexte.getAuthentication();
		if (auth == null || auth.getUserId() == null) {
			return;
		}
		List<String> groupes = (auth.getGroupIds() != null) ? auth.getGroupIds() : List.of();
		if (groupes.contains(Groups.CAMUNDA_ADMIN)) {
			return;
		}
		if (groupes.contains(Institution.PORTEURS.groupId())) {
			throw refus(command, auth, "Les porteurs de projet suivent leur dossier par le portail : le moteur de"
					+ " workflow ne leur est pas ouvert.");
		}
		boolean administrateurLu = groupes.contains(Institution.ADMINISTRATEURS.groupId());
		if (lecture(command)) {
			if (!(command instanceof AbstractQuery<?, ?>)) {
				// A query filters on what its caller may see; a command reads one thing.
				verifierLecture(command, auth, administrateurLu, contexte);
			}
			return;
		}
		boolean agent = groupes.stream()
			.map(Institution::ofGroupId)
			.anyMatch((institution) -> institution.isPresent() && institution.get().isAgent());
		boolean administrateur = groupes.contains(Institution.ADMINISTRATEURS.groupId());
		if (agent && command instanceof ClaimTaskCmd) {
			TaskEntity tache = tacheVisible(lire(command, "taskId"), auth, contexte);
			if (!Objects.equals(lire(command, "userId"), auth.getUserId())) {
				throw refus(command, auth, "Une tâche ne peut être prise que pour soi-même.");
			}
			Objects.requireNonNull(tache);
			return;
		}
		if (agent && command instanceof AssignTaskCmd) {
			TaskEntity tache = tacheVisible(lire(command, "taskId"), auth, contexte);
			String assigne = lire(command, "userId");
			boolean priseParSoi = Objects.equals(assigne, auth.getUserId());
			boolean renduParSoi = assigne == null && Objects.equals(tache.getAssignee(), auth.getUserId());
			if (!priseParSoi && !renduParSoi) {
				throw refus(command, auth, "Une tâche ne peut être attribuée qu'à soi-même, ou rendue par la"
						+ " personne qui l'a prise.");
			}
			return;
		}
		if (agent && (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
			String taskId = lire(command, "taskId");
			Map<String, Object> variables = lire(command,
					(command instanceof CompleteTaskCmd) ? "variables" : "properties");
			verifierSorties(tacheVisible(taskId, auth, contexte), (variables != null) ? variables : Map.of(), contexte);
			return;
		}
		if (agent && command instanceof SetTaskFollowUpDateCmd) {
			tacheVisible(lire(command, "taskId"), auth, contexte);
			return;
		}
		if (agent && command instanceof AddCommentCmd) {
			String taskId = lire(command, "taskId");
			if (taskId == null) {
				throw refus(command, auth, "Un commentaire se dépose sur une tâche.");
			}
			tacheVisible(taskId, auth, contexte);
			return;
		}
		if (administrateur && command instanceof SetJobRetriesCmd) {
			if (Boolean.TRUE.equals(lire(command, "isDueDateSet"))) {
				throw refus(command, auth, "Relancer un job ne change pas son échéance : seule l'administration"
						+ " nationale peut le faire, pour réparation.");
			}
			return;
		}
		if (administrateur && command instanceof SetAnnotationForIncidentCmd) {
			return;
		}
		throw refus(command, auth, "Cette opération n'est pas permise : le dossier ne change que par les étapes"
				+ " du parcours (prendre, compléter ou commenter une tâche de son institution).");
	}

	/**
	 * A read of one task or one instance of another region is "not found", like an id
	 * that does not exist (the engine's own tenant check would answer 500 and tell that
	 * the id exists). An administrator reads every task of their region; an agent the
	 * tasks of their institution.
	 */
	private static void verifierLecture(Command<?> command, Authentication auth, boolean administrateur,
			CommandContext contexte) {
		String taskId = champ(command, "taskId");
		if (taskId == null && command instanceof GetTaskFormVariablesCmd) {
			taskId = champ(command, "resourceId");
		}
		if (taskId != null) {
			TaskEntity tache = contexte.getTaskManager().findTaskById(taskId);
			if (tache != null && !(administrateur ? dansSaRegion(tache.getTenantId(), auth) : visible(tache, auth))) {
				throw new InvalidRequestException(Status.NOT_FOUND, "Tâche introuvable : " + taskId);
			}
		}
		String executionId = champ(command, "executionId");
		if (executionId == null) {
			executionId = champ(command, "processInstanceId");
		}
		if (executionId != null) {
			ExecutionEntity execution = contexte.getExecutionManager().findExecutionById(executionId);
			if (execution != null && !dansSaRegion(execution.getTenantId(), auth)) {
				throw new InvalidRequestException(Status.NOT_FOUND, "Dossier introuvable : " + executionId);
			}
		}
	}

	private static boolean dansSaRegion(String tenantId, Authentication auth) {
		return tenantId != null && auth.getTenantIds() != null && auth.getTenantIds().contains(tenantId);
	}

	/** Queries and the commands that only read. */
	private static boolean lecture(Command<?> command) {
		if (command instanceof AbstractQuery<?, ?>) {
			return true;
		}
		Class<?> type = command.getClass();
		String paquet = type.getName();
		if (PAQUETS_LECTURE.stream().anyMatch(paquet::startsWith)) {
			return true;
		}
		String nom = type.getSimpleName();
		return paquet.startsWith("org.camunda.bpm.engine.impl.")
				&& (LECTURES_NOMMEES.contains(nom) || PREFIXES_LECTURE.stream().anyMatch(nom::startsWith));
	}

	/**
	 * The task, if the user may see it: their region, and their task or their group's.
	 */
	private static TaskEntity tacheVisible(String taskId, Authentication auth, CommandContext contexte) {
		TaskEntity tache = (taskId != null) ? contexte.getTaskManager().findTaskById(taskId) : null;
		if (tache == null || !visible(tache, auth)) {
			throw new InvalidRequestException(Status.NOT_FOUND, "Tâche introuvable : " + taskId);
		}
		return tache;
	}

	private static boolean visible(TaskEntity tache, Authentication auth) {
		if (!dansSaRegion(tache.getTenantId(), auth)) {
			return false;
		}
		if (auth.getUserId().equals(tache.getAssignee())) {
			return true;
		}
		List<String> groupes = (auth.getGroupIds() != null) ? auth.getGroupIds() : List.of();
		for (IdentityLinkEntity lien : tache.getIdentityLinks()) {
			if ((lien.getGroupId() != null && groupes.contains(lien.getGroupId()))
					|| auth.getUserId().equals(lien.getUserId())) {
				return true;
			}
		}
		return false;
	}

	private void verifierSorties(TaskEntity tache, Map<String, Object> soumises, CommandContext contexte) {
		SortiesDeclarees declarees = this.formulaires.computeIfAbsent(
				tache.getProcessDefinitionId() + "/" + tache.getTaskDefinitionKey(),
				(cle) -> formulaire(tache, contexte));
		Map<String, String> erreurs = new LinkedHashMap<>(declarees.erreurs(soumises, tache::getVariable));
		if (erreurs.isEmpty()) {
			ControleSorties.Sorties sorties = (nom) -> soumises.containsKey(nom) ? soumises.get(nom)
					: tache.getVariable(nom);
			for (ControleSorties controle : this.controles.get()) {
				controle.verifier(tache.getTaskDefinitionKey(), sorties, erreurs);
			}
		}
		if (!erreurs.isEmpty()) {
			String message = "La tâche « " + tache.getName() + " » n'est pas terminée : "
					+ String.join(" ; ", erreurs.values());
			throw new FormFieldValidationException(erreurs.keySet().iterator().next(), message);
		}
	}

	private static SortiesDeclarees formulaire(TaskEntity tache, CommandContext contexte) {
		try (InputStream formulaire = contexte
			.runWithoutAuthorization(() -> new GetDeployedTaskFormCmd(tache.getId()).execute(contexte))) {
			return SortiesDeclarees.lire(formulaire);
		}
		catch (Exception ex) {
			// No deployed Camunda Form (a porteur task done in the portal, a test task):
			// the task declares no output.
			return SortiesDeclarees.AUCUNE;
		}
	}

	private static void verifierEcheance(String jobId, CommandContext contexte) {
		JobEntity job = (jobId != null) ? contexte.getJobManager().findJobById(jobId) : null;
		if (job instanceof TimerEntity && EcheancesLegales.TIMERS.contains(job.getActivityId())) {
			Date echeance = job.getDuedate();
			if (echeance != null && echeance.after(ClockUtil.getCurrentTime())) {
				throw new EcheanceNonEchue(job.getActivityId(), echeance);
			}
		}
	}

	/** A legal-deadline timer asked to fire before it is due. */
	static class EcheanceNonEchue extends AuthorizationException {

		private static final long serialVersionUID = 1L;

		EcheanceNonEchue(String timer, Date echeance) {
			super("Une échéance légale (" + timer + ") ne peut pas être déclenchée avant son terme : elle est due le "
					+ DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm")
						.format(echeance.toInstant().atZone(ZoneId.of("Europe/Paris")))
					+ " (heure de Paris).");
		}

	}

	private static AuthorizationException refus(Command<?> command, Authentication auth, String message) {
		logger.warn("Refused {} for {}", command.getClass().getName(), auth.getUserId());
		return new AuthorizationException(message);
	}

	/** A String field of a command, or null when it has none (or not of that type). */
	private static String champ(Object command, String nom) {
		Field field = champDeclare(command, nom);
		return (field != null && field.getType() == String.class) ? valeur(field, command) : null;
	}

	/** A field the guard knows the command has: its absence is a bug of ours. */
	private static <V> V lire(Object command, String nom) {
		Field field = champDeclare(command, nom);
		if (field == null) {
			throw new IllegalStateException("No field " + nom + " in " + command.getClass().getName());
		}
		return valeur(field, command);
	}

	private static Field champDeclare(Object command, String nom) {
		for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
			try {
				return type.getDeclaredField(nom);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static <V> V valeur(Field field, Object command) {
		try {
			field.setAccessible(true);
			return (V) field.get(command);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
