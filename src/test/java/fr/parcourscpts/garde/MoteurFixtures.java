package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;

import fr.parcourscpts.BasicHttp;

/**
 * Dossiers of the real models started where a test needs them, and calls of the engine's
 * REST API as a demo user (HTTP Basic, password "demo"). Public for the tests of other
 * modules that need a dossier at a given step (the portal's statuses).
 */
public final class MoteurFixtures {

	static final String NOM_CPTS = "CPTS du Lauragais";

	private final ProcessEngine engine;

	private final BasicHttp http;

	public MoteurFixtures(ProcessEngine engine, int port) {
		this.engine = engine;
		this.http = BasicHttp.local(port);
	}

	static String reference(String region) {
		return "CPTS-" + region + "-2026-G" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
	}

	/** The facts of a dossier as the portal starts it. */
	static Map<String, Object> dossier(String reference, String region) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("reference", reference);
		variables.put("region", region);
		variables.put("departement", "76".equals(region) ? "31" : "44");
		variables.put("nomCpts", NOM_CPTS);
		variables.put("porteur", "porteur." + region);
		variables.put("population", 120_000L);
		variables.put("tailleCpts", 3);
		variables.put("communes", "31555,31069");
		variables.put("montantFirDemande", 50_000.0);
		return variables;
	}

	/** A creation dossier of the region, from the lettre d'intention on. */
	public String creation(String region) {
		String reference = reference(region);
		String id = this.engine.getRuntimeService()
			.startProcessInstanceByKey("cpts-creation", reference, dossier(reference, region))
			.getId();
		executeMessages(id);
		return id;
	}

	/**
	 * A dossier of {@code processKey} moved right before {@code activityId}: started from
	 * its start event (so that it belongs to its region's tenant, which the tenant
	 * provider takes from the start variables), then modified.
	 */
	public String avant(String processKey, String activityId, String region, Map<String, Object> extra) {
		String reference = reference(region);
		Map<String, Object> variables = dossier(reference, region);
		variables.putAll(extra);
		RuntimeService runtime = this.engine.getRuntimeService();
		String id = runtime.startProcessInstanceByKey(processKey, reference, variables).getId();
		ActivityInstance tree = runtime.getActivityInstance(id);
		ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(id)
			.startBeforeActivity(activityId);
		for (ActivityInstance child : tree.getChildActivityInstances()) {
			modification.cancelActivityInstance(child.getId());
		}
		for (TransitionInstance transition : tree.getChildTransitionInstances()) {
			modification.cancelTransitionInstance(transition.getId());
		}
		modification.execute();
		executeMessages(id);
		return id;
	}

	public Task tache(String processInstanceId, String key) {
		List<Task> tasks = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(key)
			.list();
		assertThat(tasks).as("open task " + key).isNotEmpty();
		return tasks.get(0);
	}

	Task tacheDe(String processInstanceId, String key, String candidateGroup) {
		Task task = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(key)
			.taskCandidateGroup(candidateGroup)
			.singleResult();
		assertThat(task).as("open task " + key + " of " + candidateGroup).isNotNull();
		return task;
	}

	/** Runs the asynchronous continuations (not the timers) of the dossier. */
	public void executeMessages(String processInstanceId) {
		for (int round = 0; round < 20; round++) {
			List<Job> due = this.engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.executable()
				.messages()
				.list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((job) -> this.engine.getManagementService().executeJob(job.getId()));
		}
	}

	HttpResponse<String> rest(String method, String path, String user, String json) throws Exception {
		return this.http.call(method, "/engine-rest" + path).json(json).as(user).send();
	}

	/** {@code {"variables": {name: {"value": value}}}} with JSON-ready values. */
	static String variables(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{\"variables\":{");
		boolean first = true;
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			Object value = entry.getValue();
			String literal = (value instanceof String text) ? "\"" + text.replace("\"", "\\\"") + "\""
					: String.valueOf(value);
			json.append('"').append(entry.getKey()).append("\":{\"value\":").append(literal).append('}');
		}
		return json.append("}}").toString();
	}

}
