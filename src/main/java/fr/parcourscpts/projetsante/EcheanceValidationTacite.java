package fr.parcourscpts.projetsante;

import java.util.Calendar;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import fr.parcourscpts.intention.DelaisCreation;

/**
 * The date arithmetic of the tacit validation of a projet de santé. The clock starts at
 * the deposit and runs for a configurable delay (two months by default, calendar months
 * as the engine's timers count them). A correction of an <em>incorrect</em> item suspends
 * it: the deadline moves by the whole days the correction stayed open. A correction of an
 * <em>incomplete</em> dossier restarts it: the full delay runs again from the new
 * deposit.
 */
public final class EcheanceValidationTacite {

	private static final long JOUR_MS = TimeUnit.DAYS.toMillis(1);

	private EcheanceValidationTacite() {
	}

	/**
	 * The deadline of a first deposit, or of a re-deposit after an incomplete dossier.
	 * @param depot when the projet de santé was (re-)deposited
	 * @param delai the ISO-8601 delay, {@code P2M} by default
	 * @return the date on which silence is worth acceptance
	 */
	public static Date depuisDepot(Date depot, String delai) {
		return DelaisCreation.ajouter(depot, delai);
	}

	/**
	 * The deadline after a suspension for an incorrect item.
	 * @param echeance the deadline before the correction
	 * @param ouverture when the correction was asked
	 * @param fermeture when the corrected projet was returned
	 * @return the deadline moved by the whole days the correction was open
	 */
	public static Date apresSuspension(Date echeance, Date ouverture, Date fermeture) {
		Calendar calendar = Calendar.getInstance();
		calendar.setTime(echeance);
		calendar.add(Calendar.DAY_OF_MONTH, (int) joursEntiers(ouverture, fermeture));
		return calendar.getTime();
	}

	/**
	 * The whole days (periods of 24 hours) between two instants; a correction returned
	 * the same day suspends nothing.
	 * @param ouverture the start
	 * @param fermeture the end
	 * @return the number of whole days, never negative
	 */
	public static long joursEntiers(Date ouverture, Date fermeture) {
		return Math.max(0, (fermeture.getTime() - ouverture.getTime()) / JOUR_MS);
	}

	/**
	 * When the ARS is reminded that the silence is about to become acceptance.
	 * @param echeance the deadline
	 * @param avance the ISO-8601 advance, {@code P15D} by default
	 * @return the deadline minus the advance
	 */
	public static Date rappel(Date echeance, String avance) {
		return DelaisCreation.retrancher(echeance, avance);
	}

}
