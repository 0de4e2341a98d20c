package fr.parcourscpts.portail;

import java.text.NumberFormat;
import java.util.Locale;

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

	/** 514819 → "514 819", the French way. */
	public String nombre(Number value) {
		return (value != null) ? NumberFormat.getIntegerInstance(Locale.FRANCE).format(value) : "";
	}

	/** Kilobytes, rounded up, for file sizes. */
	public long ko(long bytes) {
		return (bytes + 1023) / 1024;
	}

}
