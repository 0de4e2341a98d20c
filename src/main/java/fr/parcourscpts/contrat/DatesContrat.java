package fr.parcourscpts.contrat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DatesLegales;

/**
 * Contract dates for the models ({@code ${datesContrat.anniversaire(dateEffetContrat,
 * 2)}}) and the delegates. A date may reach the process as a {@link Date} (API, tests) or
 * as an ISO string (a Camunda Form date field submits {@code 2026-09-01}): both are read,
 * and a day is kept at noon in Paris (DatesLegales), whatever the zone of the server.
 */
@Component("datesContrat")
public class DatesContrat {

	/** The contract lasts five years: five anniversaries, five evaluations. */
	public static final int DUREE_CONTRAT_ANNEES = 5;

	/**
	 * The contract's anniversary of a given year.
	 * @param dateEffet the effective date (Date or ISO string)
	 * @param annee 1 for the first anniversary
	 * @return the anniversary, at noon in Paris
	 */
	public Date anniversaire(Object dateEffet, Number annee) {
		return toDate(toLocalDate(dateEffet).plusYears(annee.longValue()));
	}

	public static LocalDate toLocalDate(Object value) {
		if (value instanceof Date date) {
			return DatesLegales.jour(date);
		}
		if (value instanceof LocalDate localDate) {
			return localDate;
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
			}
			catch (DateTimeParseException ex) {
				try {
					return OffsetDateTime.parse(text).toLocalDate();
				}
				catch (DateTimeParseException ignored) {
					return LocalDateTime.parse(text).toLocalDate();
				}
			}
		}
		throw new IllegalArgumentException("Date attendue, reçu : " + value);
	}

	/**
	 * A day as a date at noon, French time: read in any time zone of France, metropolitan
	 * or overseas, it stays the same day (midnight showed as the day before west of
	 * Paris).
	 */
	public static Date toDate(LocalDate date) {
		return DatesLegales.midi(date);
	}

}
