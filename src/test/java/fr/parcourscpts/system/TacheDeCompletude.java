package fr.parcourscpts.system;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/**
 * A lettre of region 76 started at the Guichet's completeness check, the first agent task
 * (its form shows the population, the amount asked, the communes and the porteur): the
 * task whose display variables the tests of this package read.
 */
final class TacheDeCompletude {

	private TacheDeCompletude() {
	}

	/**
	 * The lettre's usual variables, then {@code autres} (values the form may not show).
	 */
	static Task demarrer(ProcessEngine engine, String reference, Map<String, Object> autres) {
		Map<String, Object> variables = new HashMap<>(Map.of("reference", reference, "region", "76", "porteur",
				"porteur.76", "nomCpts", "CPTS du Lauragais", "population", 26632L, "communes", "31555,31069",
				"montantFirDemande", 30000.0, "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"));
		variables.putAll(autres);
		String instance = engine.getRuntimeService()
			.createProcessInstanceByKey("cpts-creation")
			.businessKey(reference)
			.setVariables(variables)
			.startBeforeActivity("verifierCompletude")
			.execute()
			.getId();
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance)
			.taskDefinitionKey("verifierCompletude")
			.singleResult();
	}

}
