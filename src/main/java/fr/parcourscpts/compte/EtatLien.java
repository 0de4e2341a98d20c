package fr.parcourscpts.compte;

/**
 * What a link sent by mail is worth when it comes back; its message is
 * {@code compte.lien.<name>}.
 */
public enum EtatLien {

	VALIDE, INCONNU, EXPIRE, UTILISE;

	public String messageKey() {
		return "compte.lien." + name();
	}

}
