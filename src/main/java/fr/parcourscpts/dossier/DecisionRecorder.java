package fr.parcourscpts.dossier;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records who completed a human task and when, as process variables
 * {@code <taskId>DecidePar} and {@code <taskId>DecideLe} (the "why" is the task's own
 * reason field). Attached to every user task as a {@code complete} task listener
 * ({@code camunda:delegateExpression="${decisionRecorder}"}). The variables go where
 * {@code setVariable} puts them: the process scope, unless a scope on the way declares
 * them (a multi-instance subprocess that needs one per instance declares them with an
 * input parameter and maps them out).
 */
@Component("decisionRecorder")
public class DecisionRecorder implements TaskListener {

	/** Suffix of the variable holding who decided. */
	public static final String PAR = "DecidePar";

	/** Suffix of the variable holding when. */
	public static final String LE = "DecideLe";

	@Override
	public void notify(DelegateTask task) {
		String key = task.getTaskDefinitionKey();
		task.getExecution().setVariable(key + PAR, decider(task));
		// The engine's clock, so that decisions and timers share one time line.
		task.getExecution().setVariable(key + LE, ClockUtil.getCurrentTime());
	}

	private static String decider(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return current.getUserId();
		}
		return (task.getAssignee() != null) ? task.getAssignee() : "système";
	}

}
