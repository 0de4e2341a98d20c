package fr.parcourscpts.compte;

/**
 * The profession a porteur declares at sign-up; its label is the message
 * {@code compte.profession.<name>}.
 */
public enum Profession {

	MEDECIN, INFIRMIER, PHARMACIEN, MASSEUR_KINESITHERAPEUTE, CHIRURGIEN_DENTISTE, SAGE_FEMME, ORTHOPHONISTE,
	ORTHOPTISTE, PEDICURE_PODOLOGUE, BIOLOGISTE, AUTRE;

	/** The message key of the label. */
	public String messageKey() {
		return "compte.profession." + name();
	}

}
