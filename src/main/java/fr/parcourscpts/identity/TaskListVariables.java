package fr.parcourscpts.identity;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
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
 * variables so that no form submission is ever captured by a local copy. At start, the
 * open tasks created before this copy existed get theirs.
 */
@Component
@Order(IdentitySetup.ORDER + 1)
class TaskListVariables implements ApplicationRunner {

	static final String REFERENCE = "dossierReference";

	static final String NOM_CPTS = "dossierNomCpts";

	/** The filters' {@code variables} property: name in the task, label in the list. */
	static final List<Map<String, String>> IN_FILTERS = List.of(Map.of("name", REFERENCE, "label", "Référence"),
			Map.of("name", NOM_CPTS, "label", "CPTS"));

	private static final Map<String, String> COPIED = Map.of("reference", REFERENCE, "nomCpts", NOM_CPTS);

	private final TaskService taskService;

	private final RuntimeService runtimeService;

	private final ManagementService managementService;

	TaskListVariables(TaskService taskService, RuntimeService runtimeService, ManagementService managementService) {
		this.taskService = taskService;
		this.runtimeService = runtimeService;
		this.managementService = managementService;
	}

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

	@Override
	public void run(ApplicationArguments args) {
		// One query for the tasks without a copy, not a read of every open task's
		// variables: a restart with 10,000 open tasks made 10,000 queries before the
		// service was ready (docs/scale.md, P5, a restart)
		for (Task task : tasksWithoutCopies()) {
			Map<String, Object> dossier = this.runtimeService.getVariables(task.getExecutionId(),
					List.copyOf(COPIED.keySet()));
			COPIED.forEach((processVariable, local) -> {
				if (dossier.get(processVariable) != null) {
					this.taskService.setVariableLocal(task.getId(), local, dossier.get(processVariable));
				}
			});
		}
	}

	/**
	 * The open tasks of a process that hold neither copy (a task with one of them was
	 * copied already), the condition the copy loop checked task by task before, among
	 * those whose instance has a {@code reference} or {@code nomCpts} to copy.
	 */
	private List<Task> tasksWithoutCopies() {
		String tasks = this.managementService.getTableName(TaskEntity.class);
		String variables = this.managementService.getTableName(VariableInstanceEntity.class);
		return this.taskService.createNativeTaskQuery()
			.sql("select RES.* from " + tasks
					+ " RES where RES.EXECUTION_ID_ is not null and not exists (select 1 from " + variables
					+ " V where V.TASK_ID_ = RES.ID_ and V.NAME_ in (#{copieReference}, #{copieNomCpts}))"
					// and whose instance holds something to copy: without it, a task of a
					// process with neither variable was read again at every start
					+ " and exists (select 1 from " + variables + " P where P.PROC_INST_ID_ = RES.PROC_INST_ID_"
					+ " and P.TASK_ID_ is null and P.TYPE_ <> 'null' and P.NAME_ in (#{reference}, #{nomCpts}))")
			.parameter("copieReference", REFERENCE)
			.parameter("copieNomCpts", NOM_CPTS)
			.parameter("reference", "reference")
			.parameter("nomCpts", "nomCpts")
			.list();
	}

}
