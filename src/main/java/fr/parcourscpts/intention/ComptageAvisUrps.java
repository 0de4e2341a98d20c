package fr.parcourscpts.intention;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Counts the ten URPS opinions into the inputs of the decision
 * {@value CreationProcess#DECISION_CONSOLIDATION} (service task {@code compterAvisUrps}).
 */
@Component("comptageAvisUrps")
public class ComptageAvisUrps implements JavaDelegate {

	@Override
	public void execute(DelegateExecution execution) {
		String json = (String) execution.getVariable(CreationProcess.AVIS_URPS);
		execution.setVariables(AvisUrps.compter(AvisUrps.lire(json)).variables());
	}

}
