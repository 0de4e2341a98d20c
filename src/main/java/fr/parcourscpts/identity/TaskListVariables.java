package fr.parcourscpts.identity;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Copies the dossier's reference and CPTS name onto each new user task, as task-local
 * variables that the Tasklist filters show in the list.
 *
 * <p>
 * The list reads a task's variables with the agent's own authorizations: an agent may
 * read the tasks of their group (the engine grants it on each task) but no process
 * instance, so the process variables {@code reference} and {@code nomCpts} stay hidden
 * there, while the task's own variables are shown. They are named apart from the process
 * variables so that no form submission is ever captured by a local copy.
 */
@Component
class TaskListVariables {

	static final String REFERENCE = "dossierReference";

	static final String NOM_CPTS = "dossierNomCpts";

	/** The filters' {@code variables} property: name in the task, label in the list. */
	static final List<Map<String, String>> IN_FILTERS = List.of(Map.of("name", REFERENCE, "label", "Référence"),
			Map.of("name", NOM_CPTS, "label", "CPTS"));

	private static final Map<String, String> COPIED = Map.of("reference", REFERENCE, "nomCpts", NOM_CPTS);

	// camunda.bpm.eventing.task (on by default) publishes each DelegateTask synchronously
	// inside the engine's transaction, before the task is saved.
	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
			return;
		}
		COPIED.forEach((processVariable, local) -> {
			Object value = task.getExecution().getVariable(processVariable);
			if (value != null) {
				task.setVariableLocal(local, value);
			}
		});
	}

}
