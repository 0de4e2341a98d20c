package fr.parcourscpts.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Dates as people read them, in Paris whatever the zone of the JVM: {@code 15/03/2026}
 * and {@code 15/03/2026 à 09:30}. Pages, mails and documents use it through the Thymeleaf
 * expression object {@code #jours}; the Camunda Forms through the task variables
 * {@code <date>Jour} ({@code system/LibellesFormulaires}).
 *
 * <p>
 * An instant ({@link Date}, {@link Instant}, {@link OffsetDateTime},
 * {@link ZonedDateTime}) is shown in Paris; a {@link LocalDate} is a calendar day and is
 * shown as it is. A {@link LocalDateTime} carries no zone: it is refused, since guessing
 * one is what made dates follow the server's clock.
 */
public final class JoursAffiches {

	private static final DateTimeFormatter JOUR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final DateTimeFormatter JOUR_HEURE = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

	private static final DateTimeFormatter HEURE = DateTimeFormatter.ofPattern("HH:mm");

	/** The day, {@code 15/03/2026}; an empty text for no date. */
	public String jour(Object date) {
		if (date instanceof LocalDate jour) {
			return JOUR.format(jour);
		}
		TemporalAccessor paris = aParis(date);
		return (paris != null) ? JOUR.format(paris) : "";
	}

	/** The day and the time, {@code 15/03/2026 à 09:30}; an empty text for no date. */
	public String jourHeure(Object date) {
		TemporalAccessor paris = aParis(date);
		return (paris != null) ? JOUR_HEURE.format(paris) : "";
	}

	/** The time of day, {@code 09:30}; an empty text for no date. */
	public String heure(Object date) {
		TemporalAccessor paris = aParis(date);
		return (paris != null) ? HEURE.format(paris) : "";
	}

	/**
	 * The day of a process variable that holds a date, or {@code null} when it holds
	 * none: a {@link Date}, or the text a Camunda Form's date field submits
	 * ({@code 2026-09-01}, the day itself).
	 */
	public String jourDeVariable(Object valeur) {
		if (valeur instanceof Date date) {
			return jour(date);
		}
		if (valeur instanceof String texte && texte.length() >= 10) {
			try {
				return jour(LocalDate.parse(texte.substring(0, 10)));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	/** The calendar day in Paris of a date, or {@code null}. */
	public LocalDate enJour(Object date) {
		if (date instanceof LocalDate jour) {
			return jour;
		}
		ZonedDateTime paris = aParis(date);
		return (paris != null) ? paris.toLocalDate() : null;
	}

	private static ZonedDateTime aParis(Object date) {
		if (date == null) {
			return null;
		}
		Instant instant;
		if (date instanceof Date d) {
			instant = d.toInstant();
		}
		else if (date instanceof Instant i) {
			instant = i;
		}
		else if (date instanceof OffsetDateTime o) {
			instant = o.toInstant();
		}
		else if (date instanceof ZonedDateTime z) {
			instant = z.toInstant();
		}
		else if (date instanceof LocalDate jour) {
			instant = jour.atTime(12, 0).atZone(DatesLegales.PARIS).toInstant();
		}
		else {
			throw new IllegalArgumentException("Date sans fuseau ou d'un type inconnu : " + date.getClass().getName());
		}
		return instant.atZone(DatesLegales.PARIS);
	}

}
