package fr.parcourscpts.notification;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

import fr.parcourscpts.dossier.LiensTasklist;

/**
 * Where the agents' mails send them, relative to the public address: the dossier's page
 * in the agents' workspace, and Tasklist (the task itself when the mail is about one).
 * Tasklist's addresses are {@link LiensTasklist}'s, shared with the agents' pages.
 */
final class LiensAgents {

	/** Tasklist's start page: the agent's filters and tasks. */
	static final String TASKLIST = LiensTasklist.ACCUEIL;

	private LiensAgents() {
	}

	/** The dossier as the agent's institution may see it. */
	static String dossier(String reference) {
		return "/agents/dossiers/" + UriUtils.encodePathSegment(reference, StandardCharsets.UTF_8);
	}

	/** Tasklist opened on this task (the deep link of "Traiter dans Tasklist"). */
	static String tache(String taskId) {
		return LiensTasklist.tache(taskId);
	}

}
