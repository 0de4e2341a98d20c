package fr.parcourscpts.compte;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.validation.Errors;

/**
 * The sign-up form as posted; {@link #valider} puts a French message on each wrong field.
 */
public class InscriptionForm {

	private static final int LONGUEUR_NOM_MAX = 100;

	private String email = "";

	private String prenom = "";

	private String nom = "";

	private String profession = "";

	private String motDePasse = "";

	private String confirmation = "";

	private boolean cgu;

	void valider(Errors errors) {
		Adresses.erreur(Adresses.normaliser(this.email)).ifPresent((code) -> errors.rejectValue("email", code));
		validerNom("prenom", this.prenom, errors);
		validerNom("nom", this.nom, errors);
		if (profession().isEmpty()) {
			errors.rejectValue("profession", "compte.profession.obligatoire");
		}
		MotsDePasse.valider(this.motDePasse, this.confirmation, errors);
		if (!this.cgu) {
			errors.rejectValue("cgu", "compte.cgu.obligatoire");
		}
	}

	private static void validerNom(String champ, String valeur, Errors errors) {
		if (valeur == null || valeur.isBlank()) {
			errors.rejectValue(champ, "compte." + champ + ".obligatoire");
		}
		else if (valeur.trim().length() > LONGUEUR_NOM_MAX) {
			errors.rejectValue(champ, "compte." + champ + ".tropLong");
		}
	}

	private Optional<Profession> profession() {
		return Arrays.stream(Profession.values()).filter((p) -> p.name().equals(this.profession)).findFirst();
	}

	/** The sign-up to record, once {@link #valider} found nothing wrong. */
	Comptes.Inscription inscription() {
		return new Comptes.Inscription(Adresses.normaliser(this.email), this.prenom.trim(), this.nom.trim(),
				profession().orElseThrow(), this.motDePasse);
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPrenom() {
		return this.prenom;
	}

	public void setPrenom(String prenom) {
		this.prenom = prenom;
	}

	public String getNom() {
		return this.nom;
	}

	public void setNom(String nom) {
		this.nom = nom;
	}

	public String getProfession() {
		return this.profession;
	}

	public void setProfession(String profession) {
		this.profession = profession;
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

	public boolean isCgu() {
		return this.cgu;
	}

	public void setCgu(boolean cgu) {
		this.cgu = cgu;
	}

}
