package fr.parcourscpts.compte;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of an e-mail address that becomes a Camunda user id: lowercased, at most 64
 * characters, only the characters the engine accepts in an id ({@code [a-z0-9._@-]}).
 */
final class Adresses {

	static final int LONGUEUR_MAX = 64;

	private static final Pattern FORME = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern CARACTERES = Pattern.compile("[a-z0-9._@-]+");

	private Adresses() {
	}

	static String normaliser(String email) {
		return (email != null) ? email.trim().toLowerCase(Locale.ROOT) : "";
	}

	/** The message key of what is wrong with a normalised address, if anything. */
	static Optional<String> erreur(String email) {
		if (email.isEmpty()) {
			return Optional.of("compte.email.obligatoire");
		}
		if (!FORME.matcher(email).matches()) {
			return Optional.of("compte.email.invalide");
		}
		if (email.length() > LONGUEUR_MAX) {
			return Optional.of("compte.email.tropLongue");
		}
		if (!CARACTERES.matcher(email).matches()) {
			return Optional.of("compte.email.caracteres");
		}
		return Optional.empty();
	}

}
