package fr.parcourscpts.territoire;

import java.util.List;
import java.util.Optional;

/**
 * The path of the lettre d'intention in one region, as the decision
 * {@code parcours-regional} configures it.
 *
 * @param region the INSEE region code
 * @param destinataireLettre the group that receives and checks the lettre:
 * {@value #GUICHET_CPTS} or {@value #ARS}
 * @param consultationUrps how the URPS are heard: {@code dixUrps}, {@code interUrps} or
 * {@code aucune}
 * @param structures the accompanying structures of the region, with their contacts
 */
public record ParcoursRegional(String region, String destinataireLettre, String consultationUrps,
		List<Structure> structures) {

	public static final String GUICHET_CPTS = "guichet-cpts";

	public static final String ARS = "ars";

	/**
	 * Whether the region's Guichet CPTS receives the lettre (and forwards it to the ARS).
	 */
	public boolean parLeGuichet() {
		return GUICHET_CPTS.equals(this.destinataireLettre);
	}

	/** The structure of this group in the region, if the region has it. */
	public Optional<Structure> structure(String groupe) {
		return this.structures.stream().filter((structure) -> structure.groupe().equals(groupe)).findFirst();
	}

	/**
	 * An accompanying structure: its members are the Camunda group {@code groupe} in the
	 * region's tenant.
	 *
	 * @param groupe the group id of its members
	 * @param nom its name in the region
	 * @param telephone its phone, empty when the sources give none
	 * @param courriel its mail address
	 */
	public record Structure(String groupe, String nom, String telephone, String courriel) {
	}

}
