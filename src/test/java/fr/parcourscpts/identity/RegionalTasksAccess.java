package fr.parcourscpts.identity;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A one-task test model per institution, started in a region, to check who may see and
 * complete which task. Independent of the real models, so the access rules are tested on
 * their own.
 */
public final class RegionalTasksAccess {

	private final ProcessEngine engine;

	public RegionalTasksAccess(ProcessEngine engine) {
		this.engine = engine;
	}

	/**
	 * Starts a dossier in the region with one task for the candidate group; returns it.
	 */
	public Task startTaskFor(String candidateGroup, Region region) {
		String processKey = "tache-" + candidateGroup;
		if (this.engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(processKey)
			.count() == 0) {
			BpmnModelInstance model = Bpmn.createExecutableProcess(processKey)
				.camundaHistoryTimeToLive(1)
				.startEvent()
				.userTask("traiterDossier")
				.name("Traiter le dossier")
				.camundaCandidateGroups(candidateGroup)
				.endEvent()
				.done();
			this.engine.getRepositoryService()
				.createDeployment()
				.addModelInstance(processKey + ".bpmn", model)
				.deploy();
		}
		String processInstanceId = this.engine.getRuntimeService()
			.createProcessInstanceByKey(processKey)
			.setVariable("region", region.code())
			.execute()
			.getId();
		return this.engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
	}

	/** Acts as the user, with their groups and regions as the engine knows them. */
	public void authenticateAs(String userId) {
		var identity = this.engine.getIdentityService();
		List<String> groups = identity.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		List<String> tenants = identity.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.stream()
			.map(Tenant::getId)
			.toList();
		identity.setAuthentication(userId, groups, tenants);
	}

	public void clearAuthentication() {
		this.engine.getIdentityService().clearAuthentication();
	}

}
