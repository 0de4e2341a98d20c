package fr.parcourscpts.agents;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fr.parcourscpts.documents.LectureDocumentsAgents;

/**
 * {@code /documents/{id}} asks here whether an agent may read a document: the same answer
 * as the agents' page's download ({@link DossierAgent#document}).
 */
@Component
class DocumentsDesAgents implements LectureDocumentsAgents {

	private final DossierAgent dossiers;

	DocumentsDesAgents(DossierAgent dossiers) {
		this.dossiers = dossiers;
	}

	@Override
	public boolean peutLire(Authentication lecteur, String reference, long documentId) {
		try {
			this.dossiers.document(reference, documentId, VisibiliteDossier.Lecteur.of(lecteur));
			return true;
		}
		catch (DossierAgent.DossierIntrouvable introuvable) {
			return false;
		}
	}

}
