package fr.parcourscpts.compte;

import org.springframework.validation.Errors;

/** The rules of a new password, shared by the sign-up, the reset and "Mon compte". */
final class MotsDePasse {

	static final int LONGUEUR_MIN = 12;

	static final int LONGUEUR_MAX = 128;

	private MotsDePasse() {
	}

	static void valider(String motDePasse, String confirmation, Errors errors) {
		if (motDePasse == null || motDePasse.length() < LONGUEUR_MIN) {
			errors.rejectValue("motDePasse", "compte.motDePasse.court");
		}
		else if (motDePasse.length() > LONGUEUR_MAX) {
			errors.rejectValue("motDePasse", "compte.motDePasse.long");
		}
		else if (!motDePasse.equals(confirmation)) {
			errors.rejectValue("confirmation", "compte.motDePasse.differents");
		}
	}

}
