package fr.parcourscpts.portail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A dossier, task or file that does not exist or that the current user may not see: the
 * same 404 in both cases, so that a stranger learns nothing of other dossiers.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
class DossierIntrouvable extends RuntimeException {

	DossierIntrouvable() {
		super("Dossier introuvable");
	}

}
