package fr.parcourscpts.dossier;

/**
 * Where Tasklist opens, relative to the public address: its start page and a task. One
 * place for the agents' pages ({@code agents/DossierAgent}) and their mails
 * ({@code notification/LiensAgents}), so that a change of Tasklist's routes is made once.
 */
public final class LiensTasklist {

	/** Tasklist's start page: the agent's filters and tasks. */
	public static final String ACCUEIL = "/camunda/app/tasklist/";

	private LiensTasklist() {
	}

	/** Tasklist opened on this task (the deep link of "Traiter dans Tasklist"). */
	public static String tache(String taskId) {
		return ACCUEIL + "default/#/?task=" + taskId;
	}

}
