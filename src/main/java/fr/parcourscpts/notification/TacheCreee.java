package fr.parcourscpts.notification;

import java.io.Serializable;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * What the mails and the receipt of a new user task need, taken when the task is created
 * and kept ({@link ProductionsApresCommit}) until a job renders them: the values of that
 * moment, not of the moment the job runs (the task may be completed by then and the
 * variables changed).
 *
 * @param taskId the task's id (the agents' Tasklist link)
 * @param nom the task's name
 * @param cle the task's definition key
 * @param region the INSEE region code (the tenant)
 * @param echeance the task's due date, or null
 * @param groupes the candidate groups
 * @param reference the dossier reference, or null
 * @param creeeLe when the task was created (the date of receipt)
 * @param accuse the receipt event the task calls for, or null
 * @param donnees the process variables the receipt is written from (empty without one)
 */
record TacheCreee(String taskId, String nom, String cle, String region, Date echeance, List<String> groupes,
		String reference, Date creeeLe, String accuse, Map<String, Object> donnees) implements Serializable {

	TacheCreee {
		groupes = List.copyOf(groupes);
	}

	/** The same without candidate groups: its receipt only, no mail to the agents. */
	TacheCreee sansCandidats() {
		return new TacheCreee(this.taskId, this.nom, this.cle, this.region, this.echeance, List.of(), this.reference,
				this.creeeLe, this.accuse, this.donnees);
	}

}
