package fr.parcourscpts.projetsante;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.parcourscpts.dossier.DatesLegales;

/**
 * The legal cases of the tacit validation, each computed in three JVM zones (Paris, UTC,
 * Auckland) so that a dependency on the JVM's zone fails the build: the last day the ARS
 * may oppose, and the timer due at 00:00 Paris of the day after it.
 */
public class EcheanceValidationTaciteTest {

	private static final String[] ZONES = { "Europe/Paris", "UTC", "Pacific/Auckland" };

	/** A moment in Paris. */
	private static Date paris(int year, int month, int day, int hour, int minute) {
		return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(DatesLegales.PARIS).toInstant());
	}

	/**
	 * The deposit, the corrections (incorrect: suspends; incomplete: restarts), the
	 * expected last day.
	 */
	public static Stream<Arguments> cas() {
		return Stream.of(
				Arguments.of("dépôt simple", paris(2026, 1, 15, 9, 0), new Date[0][], LocalDate.of(2026, 3, 15)),
				Arguments.of("fin de mois : 31 décembre → 28 février", paris(2025, 12, 31, 10, 0), new Date[0][],
						LocalDate.of(2026, 2, 28)),
				Arguments.of("fin de mois bissextile : 31 décembre 2027 → 29 février 2028", paris(2027, 12, 31, 23, 30),
						new Date[0][], LocalDate.of(2028, 2, 29)),
				Arguments.of("29 février → 29 avril", paris(2028, 2, 29, 8, 0), new Date[0][],
						LocalDate.of(2028, 4, 29)),
				Arguments.of("31 août → 31 octobre", paris(2026, 8, 31, 0, 15), new Date[0][],
						LocalDate.of(2026, 10, 31)),
				Arguments.of("jour du passage à l'heure d'été", paris(2026, 3, 29, 3, 30), new Date[0][],
						LocalDate.of(2026, 5, 29)),
				Arguments.of("jour du passage à l'heure d'hiver", paris(2026, 10, 25, 2, 30), new Date[0][],
						LocalDate.of(2026, 12, 25)),
				Arguments.of("correction incorrecte ouverte le soir, close le matin : 10 jours",
						paris(2026, 1, 15, 9, 0),
						new Date[][] { { paris(2026, 2, 1, 17, 0), paris(2026, 2, 11, 9, 0), null } },
						LocalDate.of(2026, 3, 25)),
				Arguments.of("correction incorrecte à travers l'heure d'été : 3 jours", paris(2026, 2, 10, 9, 0),
						new Date[][] { { paris(2026, 3, 27, 10, 0), paris(2026, 3, 30, 9, 0), null } },
						LocalDate.of(2026, 4, 13)),
				Arguments.of("correction rendue le jour même : rien", paris(2026, 1, 15, 9, 0),
						new Date[][] { { paris(2026, 2, 1, 8, 0), paris(2026, 2, 1, 23, 59), null } },
						LocalDate.of(2026, 3, 15)),
				Arguments.of("deux corrections incorrectes : 10 + 5 jours", paris(2026, 1, 15, 9, 0),
						new Date[][] { { paris(2026, 2, 1, 17, 0), paris(2026, 2, 11, 9, 0), null },
								{ paris(2026, 3, 1, 10, 0), paris(2026, 3, 6, 11, 0), null } },
						LocalDate.of(2026, 3, 30)),
				Arguments.of("incomplète après incorrecte : les deux mois repartent", paris(2026, 1, 15, 9, 0),
						new Date[][] { { paris(2026, 2, 1, 17, 0), paris(2026, 2, 11, 9, 0), null },
								{ paris(2026, 3, 1, 10, 0), paris(2026, 3, 20, 16, 0), new Date(0) } },
						LocalDate.of(2026, 5, 20)),
				Arguments.of("incorrecte après incomplète", paris(2026, 1, 15, 9, 0),
						new Date[][] { { paris(2026, 2, 1, 17, 0), paris(2026, 2, 11, 9, 0), new Date(0) },
								{ paris(2026, 3, 1, 10, 0), paris(2026, 3, 4, 8, 0), null } },
						LocalDate.of(2026, 4, 14)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cas")
	void theLastDayAndTheTimerAreTheSameInEveryJvmZone(String cas, Date depot, Date[][] corrections,
			LocalDate attendu) {
		TimeZone avant = TimeZone.getDefault();
		try {
			for (String zone : ZONES) {
				TimeZone.setDefault(TimeZone.getTimeZone(zone));
				LocalDate dernierJour = EcheanceValidationTacite.depuisDepot(depot, "P2M");
				for (Date[] correction : corrections) {
					boolean incomplete = correction[2] != null;
					dernierJour = incomplete ? EcheanceValidationTacite.depuisDepot(correction[1], "P2M")
							: EcheanceValidationTacite.apresSuspension(dernierJour, correction[0], correction[1]);
				}
				assertThat(dernierJour).as(cas + " (JVM en " + zone + ")").isEqualTo(attendu);

				ZonedDateTime timer = DatesLegales.finDuJour(dernierJour).toInstant().atZone(DatesLegales.PARIS);
				assertThat(timer.toLocalDate()).as("timer the day after").isEqualTo(attendu.plusDays(1));
				assertThat(timer.toLocalTime().toSecondOfDay()).as("timer at 00:00 Paris").isZero();
				assertThat(DatesLegales.jour(DatesLegales.midi(dernierJour))).as("the last day kept at noon")
					.isEqualTo(attendu);
			}
		}
		finally {
			TimeZone.setDefault(avant);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cas")
	void theReminderComesFifteenDaysBeforeTheEndOfTheLastDay(String cas, Date depot, Date[][] corrections,
			LocalDate attendu) {
		ZonedDateTime rappel = EcheanceValidationTacite.rappel(attendu, "P15D").toInstant().atZone(DatesLegales.PARIS);
		assertThat(rappel.toLocalDate()).as(cas).isEqualTo(attendu.plusDays(1).minusDays(15));
	}

}
