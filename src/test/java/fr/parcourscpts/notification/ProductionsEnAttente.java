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

	/** The productions not yet run that have retries left. */
	public static List<Job> jobs(ProcessEngine engine) {
		ManagementService management = engine.getManagementService();
		// The job query has no filter on the handler type; its results are the entities.
		return management.createJobQuery()
			.messages()
			.withRetriesLeft()
			.list()
			.stream()
			.filter((job) -> ProductionsApresCommit.TYPE.equals(((JobEntity) job).getJobHandlerType()))
			.toList();
	}

	/**
	 * Runs every production waiting, as the job executor would after the commit.
	 * @return how many ran
	 */
	public static int executer(ProcessEngine engine) {
		List<Job> jobs = jobs(engine);
		jobs.forEach((job) -> engine.getManagementService().executeJob(job.getId()));
		return jobs.size();
	}

}
