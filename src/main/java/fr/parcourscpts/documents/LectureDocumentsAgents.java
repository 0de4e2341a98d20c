package fr.parcourscpts.documents;

import org.springframework.security.core.Authentication;

/**
 * Whether an agent or administrator may read one official document of a dossier. The rule
 * is the agents' workspace's ({@code agents.VisibiliteDossier}: which institution sees
 * which document, from when); this module asks it through this interface so as not to
 * depend on the module that depends on it.
 */
public interface LectureDocumentsAgents {

	/**
	 * @return false when the document is unknown under this reference or not this
	 * viewer's to see
	 */
	boolean peutLire(Authentication lecteur, String reference, long documentId);

}
