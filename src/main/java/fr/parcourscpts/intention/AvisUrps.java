package fr.parcourscpts.intention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcourscpts.identity.Institution;

/**
 * The ten URPS opinions of a dossier, kept in the process variable
 * {@value CreationProcess#AVIS_URPS} as a JSON object keyed by URPS group id, each value
 * holding the three criteria, their comments and the overall opinion. A JSON string (not
 * a serialized Java map) because the engine refuses Java serialization and has no Spin
 * plugin; Cockpit and the portal read it as it is.
 */
public final class AvisUrps {

	public static final String FAVORABLE = "favorable";

	public static final String RESERVE = "reserve";

	public static final String DEFAVORABLE = "defavorable";

	/** Recorded for an URPS that did not answer before the deadline. */
	public static final String SANS_AVIS = "sansAvis";

	/** The three criteria of seed 001, in the order of the form. */
	public static final List<String> CRITERES = List.of(CreationProcess.CRITERE_MISSIONS,
			CreationProcess.CRITERE_MOBILISATION, CreationProcess.CRITERE_TERRITOIRE);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<TreeMap<String, Map<String, String>>> TYPE = new TypeReference<>() {
	};

	private AvisUrps() {
	}

	/** The group ids of the ten URPS, in the order of {@link Institution}. */
	public static List<String> urps() {
		return Institution.urps().stream().map(Institution::groupId).toList();
	}

	public static Map<String, Map<String, String>> lire(String json) {
		if (json == null || json.isBlank()) {
			return new TreeMap<>();
		}
		try {
			return JSON.readValue(json, TYPE);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("avisUrps illisible : " + json, ex);
		}
	}

	public static String ecrire(Map<String, Map<String, String>> avis) {
		try {
			return JSON.writeValueAsString(new TreeMap<>(avis));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Counts what the DMN {@value CreationProcess#DECISION_CONSOLIDATION} decides on.
	 * @param avis the opinions by URPS
	 * @return the counts
	 */
	public static Comptage compter(Map<String, Map<String, String>> avis) {
		int favorables = 0;
		int reserves = 0;
		int defavorables = 0;
		int sansAvis = 0;
		Map<String, Integer> defavorablesParCritere = new LinkedHashMap<>();
		for (Map<String, String> unAvis : avis.values()) {
			if (SANS_AVIS.equals(unAvis.get(CreationProcess.AVIS_GLOBAL))) {
				sansAvis++;
				continue;
			}
			for (String critere : CRITERES) {
				String note = unAvis.get(critere);
				if (FAVORABLE.equals(note)) {
					favorables++;
				}
				else if (RESERVE.equals(note)) {
					reserves++;
				}
				else if (DEFAVORABLE.equals(note)) {
					defavorables++;
					defavorablesParCritere.merge(critere, 1, Integer::sum);
				}
			}
		}
		int notes = favorables + reserves + defavorables;
		int pourcentage = (notes == 0) ? 0 : (favorables * 100) / notes;
		int maxCritere = defavorablesParCritere.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		return new Comptage(favorables, reserves, defavorables, sansAvis, maxCritere, pourcentage);
	}

	/**
	 * A Markdown table of the opinions, shown to the Guichet and the ARS in their forms:
	 * fixed labels only, anything else {@linkplain #litteral escaped}.
	 * @param avis the opinions by URPS
	 * @return the table
	 */
	public static String synthese(Map<String, Map<String, String>> avis) {
		StringBuilder text = new StringBuilder(
				"| URPS | Missions | Mobilisation | Territoire | Avis global |\n|---|---|---|---|---|\n");
		for (Map.Entry<String, Map<String, String>> entry : avis.entrySet()) {
			Map<String, String> unAvis = entry.getValue();
			String nom = Institution.ofGroupId(entry.getKey()).map(Institution::label).orElse(litteral(entry.getKey()));
			text.append("| ")
				.append(nom)
				.append(" | ")
				.append(libelle(unAvis.get(CreationProcess.CRITERE_MISSIONS)))
				.append(" | ")
				.append(libelle(unAvis.get(CreationProcess.CRITERE_MOBILISATION)))
				.append(" | ")
				.append(libelle(unAvis.get(CreationProcess.CRITERE_TERRITOIRE)))
				.append(" | ")
				.append(libelle(unAvis.get(CreationProcess.AVIS_GLOBAL)))
				.append(" |\n");
		}
		return text.toString();
	}

	private static String libelle(String note) {
		if (note == null) {
			return "-";
		}
		return switch (note) {
			case FAVORABLE -> "Favorable";
			case RESERVE -> "Réservé";
			case DEFAVORABLE -> "Défavorable";
			case SANS_AVIS -> "Sans avis";
			default -> litteral(note);
		};
	}

	/**
	 * A value that is not one of the fixed labels, as literal Markdown: each ASCII
	 * punctuation character backslash-escaped (CommonMark lets any be), line breaks made
	 * spaces, so it cannot end the table cell or make a link, an image or HTML.
	 */
	static String litteral(String value) {
		return value.replaceAll("\\R+", " ").replaceAll("([!-/:-@\\[-`{-~])", "\\\\$1");
	}

	/**
	 * The inputs of the consolidation decision.
	 *
	 * @param nbFavorables favorable ratings (criteria of the URPS that answered)
	 * @param nbReserves ratings with reservations
	 * @param nbDefavorables unfavorable ratings
	 * @param nbSansAvis URPS recorded without opinion (0 to 10)
	 * @param nbDefavorablesMaxCritere the highest number of URPS rating one single
	 * criterion unfavorable
	 * @param pourcentageFavorables favorable ratings among all ratings given, 0 to 100
	 * (rounded down; 0 when no URPS answered)
	 */
	public record Comptage(int nbFavorables, int nbReserves, int nbDefavorables, int nbSansAvis,
			int nbDefavorablesMaxCritere, int pourcentageFavorables) {

		public Map<String, Object> variables() {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put(CreationProcess.NB_FAVORABLES, this.nbFavorables);
			variables.put(CreationProcess.NB_RESERVES, this.nbReserves);
			variables.put(CreationProcess.NB_DEFAVORABLES, this.nbDefavorables);
			variables.put(CreationProcess.NB_SANS_AVIS, this.nbSansAvis);
			variables.put(CreationProcess.NB_DEFAVORABLES_MAX_CRITERE, this.nbDefavorablesMaxCritere);
			variables.put(CreationProcess.POURCENTAGE_FAVORABLES, this.pourcentageFavorables);
			return variables;
		}

	}

}
