package fr.parcourscpts.documents;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The people a document names, by their Camunda user: first and last name, and their
 * function (the user info {@value #FONCTION}, set by the administrator; none by default).
 * Documents are issued inside a person's step, whose authentication may not read other
 * users (an agent reads only their own): the look-up runs without it, then restores it.
 */
@Component
class Personnes {

	/**
	 * The user info key holding a person's function ("directrice de l’offre de soins").
	 */
	static final String FONCTION = "fonction";

	private final IdentityService identity;

	Personnes(IdentityService identity) {
		this.identity = identity;
	}

	/**
	 * A person's name and function; the login when the user has no name or is unknown.
	 */
	Personne of(String userId) {
		Authentication current = this.identity.getCurrentAuthentication();
		this.identity.clearAuthentication();
		try {
			User user = this.identity.createUserQuery().userId(userId).singleResult();
			String nom = (user == null) ? "" : join(user.getFirstName(), user.getLastName());
			String fonction = this.identity.getUserInfo(userId, FONCTION);
			return new Personne(nom.isBlank() ? userId : nom,
					Optional.ofNullable(fonction).map(String::trim).filter((f) -> !f.isEmpty()));
		}
		finally {
			if (current != null) {
				this.identity.setAuthentication(current);
			}
		}
	}

	private static String join(String first, String last) {
		return ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
	}

	/** A person as a document names them. */
	record Personne(String nom, Optional<String> fonction) {
	}

}
