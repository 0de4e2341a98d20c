package fr.parcourscpts.projetsante;

import java.time.LocalDate;
import java.util.Date;

import fr.parcourscpts.dossier.DatesLegales;

/**
 * The date rules of the tacit validation of a projet de santé (CSP L1434-12), on calendar
 * days in French time ({@link DatesLegales}). The clock starts on the day of the deposit
 * and runs for a configurable delay (two months by default): its last day is the deposit
 * day plus two months, clamped to the month's end, and the ARS may oppose until the end
 * of it. A correction of an <em>incorrect</em> item suspends the clock: the last day
 * moves by the calendar days the correction stayed open. A correction of an
 * <em>incomplete</em> dossier restarts it: the full delay runs again from the day the
 * complete dossier comes back.
 */
public final class EcheanceValidationTacite {

	private EcheanceValidationTacite() {
	}

	/**
	 * The last day of a first deposit, or of a re-deposit after an incomplete dossier.
	 * @param depot when the projet de santé was (re-)deposited
	 * @param delai the ISO-8601 period, {@code P2M} by default
	 * @return the last day on which the ARS may oppose
	 */
	public static LocalDate depuisDepot(Date depot, String delai) {
		return DatesLegales.dernierJour(DatesLegales.jour(depot), delai);
	}

	/**
	 * The last day after a suspension for an incorrect item.
	 * @param dernierJour the last day before the correction
	 * @param ouverture when the correction was asked
	 * @param fermeture when the corrected projet was returned
	 * @return the last day moved by the calendar days the correction was open
	 */
	public static LocalDate apresSuspension(LocalDate dernierJour, Date ouverture, Date fermeture) {
		return dernierJour.plusDays(DatesLegales.joursCalendaires(ouverture, fermeture));
	}

	/**
	 * When the ARS is reminded that the silence is about to become acceptance.
	 * @param dernierJour the last day
	 * @param avance the ISO-8601 advance, {@code P15D} by default
	 * @return the end of the last day minus the advance
	 */
	public static Date rappel(LocalDate dernierJour, String avance) {
		return DatesLegales.avant(DatesLegales.finDuJour(dernierJour), avance);
	}

}
