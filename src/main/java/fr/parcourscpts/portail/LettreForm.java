package fr.parcourscpts.portail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a porteur types in the lettre d'intention, kept as typed (numbers are strings) so
 * that nothing is lost when a draft is saved or a check fails. The constraints of the
 * default group apply to every save; those of {@link Envoi} only to sending.
 */
public class LettreForm {

	/** The checks that apply only when the lettre is sent. */
	public interface Envoi {

	}

	/** The professions the porteur counts, in display order (message keys follow). */
	public static final List<String> PROFESSIONS = List.of("medecinsGeneralistes", "medecinsSpecialistes", "infirmiers",
			"pharmaciens", "masseursKinesitherapeutes", "chirurgiensDentistes", "sagesFemmes", "orthophonistes",
			"orthoptistes", "pedicuresPodologues", "biologistes", "psychologues", "dieteticiens", "autres");

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.nomCpts.required}")
	@Size(max = 200, message = "{portail.lettre.nomCpts.size}")
	private String nomCpts;

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.communes.required}")
	@Size(max = 20000, message = "{portail.lettre.communes.size}")
	private String communes;

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.besoins.required}")
	@Size(max = 20000, message = "{portail.lettre.texte.size}")
	private String besoins;

	private Map<String, String> professionnels = new LinkedHashMap<>();

	@AssertTrue(groups = Envoi.class, message = "{portail.lettre.missionAccesSoins.required}")
	private boolean missionAccesSoins;

	@AssertTrue(groups = Envoi.class, message = "{portail.lettre.missionParcours.required}")
	private boolean missionParcours;

	@AssertTrue(groups = Envoi.class, message = "{portail.lettre.missionPrevention.required}")
	private boolean missionPrevention;

	@AssertTrue(groups = Envoi.class, message = "{portail.lettre.missionCrisesSanitaires.required}")
	private boolean missionCrisesSanitaires;

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.objectifs.required}")
	@Size(max = 20000, message = "{portail.lettre.texte.size}")
	private String objectifs;

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.actions.required}")
	@Size(max = 20000, message = "{portail.lettre.texte.size}")
	private String actions;

	@NotBlank(groups = Envoi.class, message = "{portail.lettre.moyens.required}")
	@Size(max = 20000, message = "{portail.lettre.texte.size}")
	private String moyens;

	@Size(max = 32, message = "{portail.lettre.montant.format}")
	private String montantFirDemande;

	@Valid
	private List<LigneBudget> lignesBudget = new ArrayList<>();

	public LettreForm() {
		PROFESSIONS.forEach((profession) -> this.professionnels.put(profession, ""));
	}

	/** A budget line of the FIR request, as typed. */
	public static class LigneBudget {

		@Size(max = 200, message = "{portail.lettre.budget.libelle.size}")
		private String libelle;

		@Size(max = 32, message = "{portail.lettre.montant.format}")
		private String montant;

		public LigneBudget() {
		}

		public LigneBudget(String libelle, String montant) {
			this.libelle = libelle;
			this.montant = montant;
		}

		public String getLibelle() {
			return this.libelle;
		}

		public void setLibelle(String libelle) {
			this.libelle = libelle;
		}

		public String getMontant() {
			return this.montant;
		}

		public void setMontant(String montant) {
			this.montant = montant;
		}

		boolean isBlank() {
			return (this.libelle == null || this.libelle.isBlank()) && (this.montant == null || this.montant.isBlank());
		}

	}

	/** The INSEE codes typed, split on commas, semicolons, spaces and new lines. */
	public List<String> codesCommunes() {
		if (this.communes == null) {
			return List.of();
		}
		return java.util.Arrays.stream(this.communes.split("[\\s,;]+"))
			.map(String::strip)
			.filter((code) -> !code.isEmpty())
			.map((code) -> code.toUpperCase(java.util.Locale.ROOT))
			.distinct()
			.toList();
	}

	/** Leaves a few empty budget lines for the page (no script needed to add one). */
	void padBudget(int empty) {
		this.lignesBudget.removeIf((ligne) -> ligne == null || ligne.isBlank());
		for (int i = 0; i < empty; i++) {
			this.lignesBudget.add(new LigneBudget());
		}
	}

	public String getNomCpts() {
		return this.nomCpts;
	}

	public void setNomCpts(String nomCpts) {
		this.nomCpts = nomCpts;
	}

	public String getCommunes() {
		return this.communes;
	}

	public void setCommunes(String communes) {
		this.communes = communes;
	}

	public String getBesoins() {
		return this.besoins;
	}

	public void setBesoins(String besoins) {
		this.besoins = besoins;
	}

	public Map<String, String> getProfessionnels() {
		return this.professionnels;
	}

	public void setProfessionnels(Map<String, String> professionnels) {
		this.professionnels = new LinkedHashMap<>();
		PROFESSIONS.forEach((profession) -> this.professionnels.put(profession, ""));
		if (professionnels != null) {
			professionnels.forEach((profession, nombre) -> {
				if (PROFESSIONS.contains(profession)) {
					this.professionnels.put(profession, (nombre != null) ? nombre : "");
				}
			});
		}
	}

	public boolean isMissionAccesSoins() {
		return this.missionAccesSoins;
	}

	public void setMissionAccesSoins(boolean missionAccesSoins) {
		this.missionAccesSoins = missionAccesSoins;
	}

	public boolean isMissionParcours() {
		return this.missionParcours;
	}

	public void setMissionParcours(boolean missionParcours) {
		this.missionParcours = missionParcours;
	}

	public boolean isMissionPrevention() {
		return this.missionPrevention;
	}

	public void setMissionPrevention(boolean missionPrevention) {
		this.missionPrevention = missionPrevention;
	}

	public boolean isMissionCrisesSanitaires() {
		return this.missionCrisesSanitaires;
	}

	public void setMissionCrisesSanitaires(boolean missionCrisesSanitaires) {
		this.missionCrisesSanitaires = missionCrisesSanitaires;
	}

	public String getObjectifs() {
		return this.objectifs;
	}

	public void setObjectifs(String objectifs) {
		this.objectifs = objectifs;
	}

	public String getActions() {
		return this.actions;
	}

	public void setActions(String actions) {
		this.actions = actions;
	}

	public String getMoyens() {
		return this.moyens;
	}

	public void setMoyens(String moyens) {
		this.moyens = moyens;
	}

	public String getMontantFirDemande() {
		return this.montantFirDemande;
	}

	public void setMontantFirDemande(String montantFirDemande) {
		this.montantFirDemande = montantFirDemande;
	}

	public List<LigneBudget> getLignesBudget() {
		return this.lignesBudget;
	}

	public void setLignesBudget(List<LigneBudget> lignesBudget) {
		this.lignesBudget = (lignesBudget != null) ? new ArrayList<>(lignesBudget) : new ArrayList<>();
	}

}
