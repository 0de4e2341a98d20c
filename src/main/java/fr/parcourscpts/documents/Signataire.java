package fr.parcourscpts.documents;

/**
 * Who signed or decided, as a document prints it: "Marie Dupont, directrice, ARS
 * Occitanie, le 02/05/2026 à 14:32" (Europe/Paris).
 *
 * @param nom the person's name (the typed name for a porteur's signature)
 * @param fonction their function or role, or {@code null} when unknown
 * @param institution the institution they act for ({@code ARS Occitanie})
 * @param jour the day, {@code dd/MM/yyyy}, or empty when unknown
 * @param heure the time, {@code HH:mm}, or empty when unknown
 */
public record Signataire(String nom, String fonction, String institution, String jour, String heure) {

	/** The name followed by the function, when there is one. */
	public String nomEtFonction() {
		return (this.fonction == null || this.fonction.isBlank()) ? this.nom : this.nom + ", " + this.fonction;
	}

	/** Name, function and institution: "Marie Dupont, directrice, ARS Occitanie". */
	public String designation() {
		return nomEtFonction() + ", " + this.institution;
	}

}
