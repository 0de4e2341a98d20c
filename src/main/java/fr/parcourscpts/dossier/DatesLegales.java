package fr.parcourscpts.dossier;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one place where legal deadlines are computed, in French time whatever the zone of
 * the JVM. A deadline is a calendar date, its <em>last day</em>: the day the delay starts
 * plus N months (clamped to the month's end: 31 January + 1 month is 28 or 29 February)
 * or N days. That last day is what people see ("au plus tard le 15/03/2026"); the timer
 * is due at the end of it, 00:00 Europe/Paris of the following day, so that the whole
 * last day is left to act. A suspension counts calendar days (the day it ends minus the
 * day it began), not periods of 24 hours.
 */
public final class DatesLegales {

	/** The zone of every legal date of the service. */
	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private DatesLegales() {
	}

	/** The calendar day, in Paris, of an instant. */
	public static LocalDate jour(Date instant) {
		return LocalDate.ofInstant(instant.toInstant(), PARIS);
	}

	/**
	 * The last day of a delay that starts on {@code depart}.
	 * @param depart the day the delay starts (the deposit, the request)
	 * @param delai an ISO-8601 period of months or days, {@code P2M}, {@code P15D}
	 * @return the last day on which the authority may still act
	 */
	public static LocalDate dernierJour(LocalDate depart, String delai) {
		return depart.plus(Period.parse(delai));
	}

	/**
	 * The last day of a delay that starts today, on the engine's clock (which the timers
	 * share and the tests move).
	 */
	public static LocalDate dernierJourDepuisAujourdhui(String delai) {
		return dernierJour(jour(ClockUtil.getCurrentTime()), delai);
	}

	/** The end of a day: 00:00 Paris of the day after, when a deadline's timer is due. */
	public static Date finDuJour(LocalDate jour) {
		return Date.from(jour.plusDays(1).atStartOfDay(PARIS).toInstant());
	}

	/**
	 * The last minute of a day, 23:59 Paris: the due date shown on a task whose deadline
	 * ends with that day.
	 */
	public static Date derniereMinute(LocalDate jour) {
		return Date.from(jour.atTime(23, 59).atZone(PARIS).toInstant());
	}

	/**
	 * A day as an instant at noon in Paris: the way a date without time is kept in a
	 * process variable (read in any French zone, metropolitan or overseas, it is that
	 * day).
	 */
	public static Date midi(LocalDate jour) {
		return Date.from(jour.atTime(12, 0).atZone(PARIS).toInstant());
	}

	/**
	 * An instant moved back by a period of months or days on the Paris calendar (the time
	 * of day is kept across a change of summer time).
	 */
	public static Date avant(Date instant, String delai) {
		return Date.from(instant.toInstant().atZone(PARIS).minus(Period.parse(delai)).toInstant());
	}

	/**
	 * An instant moved on by an ISO-8601 duration on the Paris calendar ({@code P15D},
	 * {@code P2M}, {@code PT4H}): the due date of a task, which keeps its time of day
	 * across a change of summer time.
	 */
	public static Date apres(Date instant, String duree) {
		Calendar calendrier = Calendar.getInstance(TimeZone.getTimeZone(PARIS));
		calendrier.setTime(instant);
		try {
			DatatypeFactory.newInstance().newDuration(duree).addTo(calendrier);
		}
		catch (DatatypeConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
		return calendrier.getTime();
	}

	/**
	 * The calendar days between two instants, in Paris: a correction asked on 1 February
	 * at 17:00 and answered on 11 February at 09:00 lasted 10 days; one answered the same
	 * day, none.
	 */
	public static long joursCalendaires(Date debut, Date fin) {
		return Math.max(0, ChronoUnit.DAYS.between(jour(debut), jour(fin)));
	}

}
