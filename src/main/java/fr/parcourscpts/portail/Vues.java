package fr.parcourscpts.portail;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.thymeleaf.spring6.util.DetailedError;

import org.springframework.stereotype.Component;

/**
 * Small helpers of the portal's templates ({@code ${@portailVues...}}).
 */
@Component("portailVues")
class Vues {

	/**
	 * The HTML id of a field: {@code lignesBudget[0].montant} →
	 * {@code champ-lignesBudget-0-montant}.
	 */
	public String id(String field) {
		return "champ-" + field.replaceAll("[\\[\\].]+", "-").replaceAll("-$", "");
	}

	/** The fields of the lettre in page order, for the error summary. */
	private static final List<String> ORDRE = List.of("nomCpts", "communes", "besoins", "professionnels",
			"missionAccesSoins", "missionParcours", "missionPrevention", "missionCrisesSanitaires", "objectifs",
			"actions", "moyens", "montantFirDemande", "lignesBudget");

	/** The errors of the lettre in the order of the page (Bean Validation has none). */
	public List<DetailedError> ordonner(List<DetailedError> errors) {
		List<DetailedError> sorted = new ArrayList<>(errors);
		sorted.sort(Comparator.comparingInt((DetailedError error) -> rang(error.getFieldName()))
			.thenComparing(DetailedError::getFieldName));
		return sorted;
	}

	private static int rang(String field) {
		String root = (field != null) ? field.replaceAll("[\\[.].*$", "") : "";
		int index = ORDRE.indexOf(root);
		return (index >= 0) ? index : ORDRE.size();
	}

	/** 514819 → "514 819", the French way. */
	public String nombre(Number value) {
		return (value != null) ? NumberFormat.getIntegerInstance(Locale.FRANCE).format(value) : "";
	}

	/** Kilobytes, rounded up, for file sizes. */
	public long ko(long bytes) {
		return (bytes + 1023) / 1024;
	}

}
