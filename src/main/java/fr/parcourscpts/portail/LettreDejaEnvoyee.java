package fr.parcourscpts.portail;

/**
 * The lettre is no longer a draft: sent by another request of the same user (a second
 * click, a second tab, the API) between the page and this action. The API answers 409,
 * the pages go to the dossier.
 */
class LettreDejaEnvoyee extends IllegalStateException {

	private final long lettreId;

	LettreDejaEnvoyee(long lettreId) {
		super("Lettre " + lettreId + " déjà envoyée");
		this.lettreId = lettreId;
	}

	long lettreId() {
		return this.lettreId;
	}

}
