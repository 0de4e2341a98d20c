package fr.parcourscpts.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The institutions of the path, each a Camunda group. Agents are members of one
 * institution group and of one region tenant; the pair decides which tasks they see.
 */
public enum Institution {

	GUICHET_CPTS("guichet-cpts", "Guichet CPTS", Kind.AGENT),
	URPS_MEDECINS("urps-medecins", "URPS Médecins libéraux", Kind.URPS),
	URPS_INFIRMIERS("urps-infirmiers", "URPS Infirmiers", Kind.URPS),
	URPS_PHARMACIENS("urps-pharmaciens", "URPS Pharmaciens", Kind.URPS),
	URPS_MASSEURS_KINESITHERAPEUTES("urps-masseurs-kinesitherapeutes", "URPS Masseurs-kinésithérapeutes", Kind.URPS),
	URPS_CHIRURGIENS_DENTISTES("urps-chirurgiens-dentistes", "URPS Chirurgiens-dentistes", Kind.URPS),
	URPS_SAGES_FEMMES("urps-sages-femmes", "URPS Sages-femmes", Kind.URPS),
	URPS_ORTHOPHONISTES("urps-orthophonistes", "URPS Orthophonistes", Kind.URPS),
	URPS_ORTHOPTISTES("urps-orthoptistes", "URPS Orthoptistes", Kind.URPS),
	URPS_PEDICURES_PODOLOGUES("urps-pedicures-podologues", "URPS Pédicures-podologues", Kind.URPS),
	URPS_BIOLOGISTES("urps-biologistes", "URPS Biologistes", Kind.URPS),
	INTER_URPS("inter-urps", "Inter-URPS (Union des URPS)", Kind.UNION_URPS),
	APMSL("apmsl", "APMSL", Kind.ACCOMPAGNEMENT), ARS("ars", "Agence Régionale de Santé", Kind.AGENT),
	CPAM("cpam", "Caisse Primaire d'Assurance Maladie", Kind.AGENT),
	PORTEURS("porteurs", "Porteurs de projet", Kind.PORTEUR),
	ADMINISTRATEURS("administrateurs", "Administrateurs régionaux", Kind.ADMINISTRATOR);

	/** What a member of the group does with the service. */
	public enum Kind {

		/** Works from Tasklist. */
		AGENT,
		/** An URPS: works from Tasklist, gives an opinion on the lettre d'intention. */
		URPS,
		/**
		 * The region's union of the URPS (Inter-URPS, Union des URPS): gives the one URPS
		 * opinion in Tasklist where the region's path asks for it, and accompanies
		 * porteurs.
		 */
		UNION_URPS,
		/**
		 * An accompanying structure: reads and comments the dossiers it is invited onto,
		 * from the portal; never sends nor decides.
		 */
		ACCOMPAGNEMENT,
		/** Uses the portal only. */
		PORTEUR,
		/** Watches and repairs the processes of their region in Cockpit. */
		ADMINISTRATOR

	}

	private final String groupId;

	private final String label;

	private final Kind kind;

	Institution(String groupId, String label, Kind kind) {
		this.groupId = groupId;
		this.label = label;
		this.kind = kind;
	}

	public String groupId() {
		return this.groupId;
	}

	public String label() {
		return this.label;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * Agents work in Tasklist: the Guichet, the ten URPS, the Inter-URPS, the ARS and the
	 * CPAM.
	 */
	public boolean isAgent() {
		return this.kind == Kind.AGENT || this.kind == Kind.URPS || this.kind == Kind.UNION_URPS;
	}

	public static List<Institution> urps() {
		return Arrays.stream(values()).filter((institution) -> institution.kind == Kind.URPS).toList();
	}

	public static Optional<Institution> ofGroupId(String groupId) {
		return Arrays.stream(values()).filter((institution) -> institution.groupId.equals(groupId)).findFirst();
	}

}
