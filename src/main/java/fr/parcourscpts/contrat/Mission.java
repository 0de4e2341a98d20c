package fr.parcourscpts.contrat;

import java.util.Arrays;
import java.util.List;

/**
 * The missions of an ACI contract. The code is the suffix of the process variables of a
 * mission ({@code fixeAccesSoins}, {@code tauxAccesSoins},
 * {@code dateDemarrageAccesSoins}...); the four socle missions are in every contract, the
 * optional ones only when the CPAM retains them ({@code missionQualite},
 * {@code missionAccompagnement}).
 */
public enum Mission {

	ACCES_SOINS("AccesSoins", true), PARCOURS("Parcours", true), PREVENTION("Prevention", true),
	CRISES_SANITAIRES("CrisesSanitaires", true), QUALITE("Qualite", false), ACCOMPAGNEMENT("Accompagnement", false);

	private final String code;

	private final boolean socle;

	Mission(String code, boolean socle) {
		this.code = code;
		this.socle = socle;
	}

	public String code() {
		return this.code;
	}

	public boolean socle() {
		return this.socle;
	}

	/** The boolean process variable by which the CPAM retains an optional mission. */
	public String choixVariable() {
		return "mission" + this.code;
	}

	public static List<Mission> socles() {
		return Arrays.stream(values()).filter(Mission::socle).toList();
	}

}
