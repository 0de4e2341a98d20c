package fr.parcourscpts.notification;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The jobs of {@link ProductionsApresCommit} (the mails and receipt of each new task),
 * for the tests, which run without a job executor.
 */
public final class ProductionsEnAttente {

	private ProductionsEnAttente() {
	}

	/**
	 * The productions of one process instance not yet run that have retries left (the
	 * tests share one engine: other tests' productions may be waiting too).
	 */
	public static List<Job> jobs(ProcessEngine engine, String processInstanceId) {
		ManagementService management = engine.getManagementService();
		// The job query has no filter on the handler type; its results are the entities.
		return management.createJobQuery()
			.processInstanceId(processInstanceId)
			.messages()
			.withRetriesLeft()
			.list()
			.stream()
			.filter((job) -> ProductionsApresCommit.TYPE.equals(((JobEntity) job).getJobHandlerType()))
			.toList();
	}

	/**
	 * Runs the productions waiting for this instance, as the job executor would after the
	 * commit.
	 * @return how many ran
	 */
	public static int executer(ProcessEngine engine, String processInstanceId) {
		List<Job> jobs = jobs(engine, processInstanceId);
		jobs.forEach((job) -> engine.getManagementService().executeJob(job.getId()));
		return jobs.size();
	}

	/**
	 * Runs the productions waiting for the running instances of this dossier.
	 * @return how many ran
	 */
	public static int executerDuDossier(ProcessEngine engine, String reference) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.list()
			.stream()
			.mapToInt((instance) -> executer(engine, instance.getId()))
			.sum();
	}

}
