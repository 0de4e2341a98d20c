package fr.parcourscpts.garde;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outputs a task's Camunda Form declares: its keyed input fields, with what the form
 * allows of each (the options of a radio or select, the bounds of a number, the length of
 * a text). A task's form is its contract: an agent completing the task may write these
 * fields and no other variable. Fields marked {@code readonly} or {@code disabled} only
 * show a value and are not outputs.
 */
final class SortiesDeclarees {

	/** A text longer than this is refused unless the form sets its own maximum. */
	static final int LONGUEUR_MAX = 20_000;

	private static final Set<String> TYPES_SAISIE = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
			"radio", "select", "taglist", "datetime", "expression");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** What the form declares of one field. */
	record Champ(String cle, String type, String libelle, Set<String> options, Double min, Double max,
			Integer longueurMax, String sousType, boolean affichageSeul) {
	}

	/** A task without a Camunda Form (a porteur task, a test task) declares no output. */
	static final SortiesDeclarees AUCUNE = new SortiesDeclarees(Map.of());

	private final Map<String, Champ> champs;

	private SortiesDeclarees(Map<String, Champ> champs) {
		this.champs = champs;
	}

	static SortiesDeclarees lire(InputStream formulaire) throws IOException {
		Map<String, Champ> champs = new LinkedHashMap<>();
		parcourir(JSON.readTree(formulaire).path("components"), champs);
		return new SortiesDeclarees(champs);
	}

	private static void parcourir(JsonNode composants, Map<String, Champ> champs) {
		for (JsonNode composant : composants) {
			String type = composant.path("type").asText();
			String cle = composant.path("key").asText(null);
			if (cle != null && TYPES_SAISIE.contains(type)) {
				Set<String> options = null;
				if (composant.path("values").isArray()) {
					options = new LinkedHashSet<>();
					for (JsonNode option : composant.path("values")) {
						options.add(option.path("value").asText());
					}
				}
				JsonNode validation = composant.path("validate");
				String libelle = composant.path("label").asText(composant.path("dateLabel").asText(cle));
				champs.put(cle, new Champ(cle, type, libelle, options, nombre(validation.path("min")),
						nombre(validation.path("max")),
						validation.path("maxLength").isNumber() ? validation.path("maxLength").asInt() : null,
						composant.path("subtype").asText(null),
						composant.path("readonly").asBoolean(false) || composant.path("disabled").asBoolean(false)));
			}
			parcourir(composant.path("components"), champs);
		}
	}

	private static Double nombre(JsonNode node) {
		return node.isNumber() ? node.asDouble() : null;
	}

	Set<String> cles() {
		return this.champs.keySet();
	}

	/**
	 * Checks the submitted variables against the form: field → French message for each
	 * variable the form does not declare as an output, or whose value the form does not
	 * allow.
	 * @param soumises the submitted variables
	 * @param actuelles the current value of a variable, to tell a display-only field that
	 * comes back unchanged from one that was rewritten
	 */
	Map<String, String> erreurs(Map<String, Object> soumises, java.util.function.Function<String, Object> actuelles) {
		Map<String, String> erreurs = new LinkedHashMap<>();
		soumises.forEach((nom, valeur) -> {
			Champ champ = this.champs.get(nom);
			if (champ == null) {
				erreurs.put(nom, "« " + nom + " » n'est pas une donnée de cette tâche : seuls les champs de son"
						+ " formulaire peuvent être enregistrés");
				return;
			}
			if (champ.affichageSeul()) {
				if (!Objects.equals(valeur, actuelles.apply(nom))) {
					erreurs.put(nom, "« " + champ.libelle() + " » est affiché pour information et ne peut pas être"
							+ " modifié");
				}
				return;
			}
			String erreur = (valeur != null) ? erreurValeur(champ, valeur) : null;
			if (erreur != null) {
				erreurs.put(nom, "« " + champ.libelle() + " » " + erreur);
			}
		});
		return erreurs;
	}

	private static String erreurValeur(Champ champ, Object valeur) {
		switch (champ.type()) {
			case "radio", "select" -> {
				if (champ.options() != null && !champ.options().contains(valeur.toString())) {
					return "doit valoir " + String.join(" ou ", champ.options());
				}
			}
			case "checkbox" -> {
				if (!(valeur instanceof Boolean)) {
					return "doit être coché ou non (vrai ou faux)";
				}
			}
			case "number" -> {
				if (!(valeur instanceof Number nombre) || Double.isNaN(nombre.doubleValue())
						|| Double.isInfinite(nombre.doubleValue())) {
					return "doit être un nombre";
				}
				if (champ.min() != null && nombre.doubleValue() < champ.min()) {
					return "doit être au moins " + entier(champ.min());
				}
				if (champ.max() != null && nombre.doubleValue() > champ.max()) {
					return "doit être au plus " + entier(champ.max());
				}
			}
			case "textfield", "textarea" -> {
				if (!(valeur instanceof String texte)) {
					return "doit être un texte";
				}
				int max = (champ.longueurMax() != null) ? champ.longueurMax() : LONGUEUR_MAX;
				if (texte.length() > max) {
					return "ne doit pas dépasser " + max + " caractères";
				}
			}
			case "datetime" -> {
				if (valeur instanceof Date) {
					return null;
				}
				if (!(valeur instanceof String texte)) {
					return "doit être une date";
				}
				if ("date".equals(champ.sousType())) {
					try {
						LocalDate.parse(texte);
					}
					catch (DateTimeParseException ex) {
						return "doit être une date (AAAA-MM-JJ)";
					}
				}
			}
			case "expression" -> {
				if (!(valeur instanceof Boolean || valeur instanceof Number || valeur instanceof String)) {
					return "a une valeur d'un type non permis";
				}
			}
			default -> {
				if (!(valeur instanceof String || valeur instanceof Boolean || valeur instanceof Number)) {
					return "a une valeur d'un type non permis";
				}
			}
		}
		return null;
	}

	private static String entier(double nombre) {
		return (nombre == Math.rint(nombre)) ? Long.toString((long) nombre) : Double.toString(nombre);
	}

}
