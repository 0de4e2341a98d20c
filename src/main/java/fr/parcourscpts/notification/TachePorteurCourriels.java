package fr.parcourscpts.notification;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One mail to the porteurs for every porteur task that starts waiting ("Votre contrat est
 * prêt à être signé", "Déposez votre projet de santé", "Votre rapport d'activité est
 * attendu"…), with its deadline, sent once: when the engine creates the task (Camunda's
 * Spring event bridge publishes each {@link DelegateTask} synchronously in the engine's
 * transaction). It publishes a {@link DossierNotified} for {@code porteur}, so the mail
 * is written like every other one ({@link NotificationCourriels}: the members of the
 * dossier, the link to the dossier by its reference) into the outbox, by a job after the
 * commit of the step that created the task ({@link ProductionsApresCommit}): a
 * rolled-back step mails nobody, a failed rendering or delivery is retried.
 *
 * <p>
 * A porteur task is one done in the portal (form key {@code portail:…}); a task of the
 * models not listed below gets the generic {@link #TACHE_EN_ATTENTE} mail with its name.
 */
@Component
class TachePorteurCourriels {

	/** The event of a porteur task without its own mail. */
	static final String TACHE_EN_ATTENTE = "tachePorteurEnAttente";

	/** The data of the event: the task's due date, when it has one. */
	static final String ECHEANCE = "echeance";

	/** The data of the event: the task's name. */
	static final String TACHE = "tache";

	/** The event of each porteur task of the models. */
	static final Map<String, String> EVENEMENTS = Map.of("signerContratPorteur", "contratASigner", "deposerProjetSante",
			"projetSanteADeposer", "transmettreRapportActivite", "rapportActiviteADeposer", "corrigerLettreIntention",
			"lettreACorriger", "completerDemandeFir", "demandeFirACompleter", "corrigerProjetSante",
			"projetSanteACorriger");

	private static final String PORTAIL = "portail:";

	private final ProductionsApresCommit productions;

	TachePorteurCourriels(ProductionsApresCommit productions) {
		this.productions = productions;
	}

	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null
				|| !porteur(task)) {
			return;
		}
		String reference = task.getExecution().getProcessBusinessKey();
		if (reference == null) {
			return;
		}
		Map<String, Object> donnees = new HashMap<>(task.getExecution().getVariables());
		if (task.getDueDate() != null) {
			donnees.put(ECHEANCE, task.getDueDate());
		}
		donnees.put(TACHE, (task.getName() != null) ? task.getName() : task.getTaskDefinitionKey());
		String evenement = EVENEMENTS.getOrDefault(task.getTaskDefinitionKey(), TACHE_EN_ATTENTE);
		// Published by a job after the commit of the step that created the task.
		this.productions.planifier(new DossierNotified(reference, task.getTenantId(), evenement, "porteur", donnees,
				ClockUtil.getCurrentTime().toInstant()), task.getId(), task.getProcessInstanceId());
	}

	/** A task done in the portal: its form key is {@code portail:<task id>}. */
	static boolean porteur(DelegateTask task) {
		UserTask userTask = task.getBpmnModelElementInstance();
		if (userTask == null) {
			return false;
		}
		String formKey = userTask.getCamundaFormKey();
		return formKey != null && formKey.startsWith(PORTAIL);
	}

}
