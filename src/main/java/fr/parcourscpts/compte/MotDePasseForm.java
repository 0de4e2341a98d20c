package fr.parcourscpts.compte;

import org.springframework.validation.Errors;

/**
 * A new password with its confirmation: the form of a reset link (with its token) and of
 * "Mon compte" (with the current password).
 */
public class MotDePasseForm {

	private String jeton = "";

	private String actuel = "";

	private String motDePasse = "";

	private String confirmation = "";

	void valider(Errors errors) {
		MotsDePasse.valider(this.motDePasse, this.confirmation, errors);
	}

	public String getJeton() {
		return this.jeton;
	}

	public void setJeton(String jeton) {
		this.jeton = jeton;
	}

	public String getActuel() {
		return this.actuel;
	}

	public void setActuel(String actuel) {
		this.actuel = actuel;
	}

	public String getMotDePasse() {
		return this.motDePasse;
	}

	public void setMotDePasse(String motDePasse) {
		this.motDePasse = motDePasse;
	}

	public String getConfirmation() {
		return this.confirmation;
	}

	public void setConfirmation(String confirmation) {
		this.confirmation = confirmation;
	}

}
