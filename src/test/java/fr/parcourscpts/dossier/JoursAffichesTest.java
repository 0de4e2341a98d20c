package fr.parcourscpts.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Dates are shown in Paris whatever the zone of the JVM (the build runs this test in UTC,
 * Paris and Auckland).
 */
class JoursAffichesTest {

	private final JoursAffiches jours = new JoursAffiches();

	@Test
	void anInstantIsShownOnItsParisDay() {
		// 23:30 UTC on 14 March is 00:30 on the 15th in Paris, and 12:30 on the 15th in
		// Auckland.
		Instant instant = Instant.parse("2026-03-14T23:30:00Z");
		assertThat(this.jours.jour(Date.from(instant))).isEqualTo("15/03/2026");
		assertThat(this.jours.jour(instant)).isEqualTo("15/03/2026");
		assertThat(this.jours.jourHeure(instant.atOffset(ZoneOffset.UTC))).isEqualTo("15/03/2026 à 00:30");
		assertThat(this.jours.heure(instant)).isEqualTo("00:30");
	}

	@Test
	void summerTimeIsParisSummerTime() {
		OffsetDateTime ete = OffsetDateTime.parse("2026-07-01T22:15:00Z");
		assertThat(this.jours.jourHeure(ete)).isEqualTo("02/07/2026 à 00:15");
	}

	@Test
	void aDayKeptAtNoonInParisIsThatDay() {
		LocalDate jour = LocalDate.of(2026, 3, 15);
		assertThat(this.jours.jour(DatesLegales.midi(jour))).isEqualTo("15/03/2026");
		// The end of the last day (the timer's instant) is the next day at 00:00.
		assertThat(this.jours.jourHeure(DatesLegales.finDuJour(jour))).isEqualTo("16/03/2026 à 00:00");
		assertThat(this.jours.jourHeure(DatesLegales.derniereMinute(jour))).isEqualTo("15/03/2026 à 23:59");
		assertThat(this.jours.jour(jour)).isEqualTo("15/03/2026");
		assertThat(this.jours.enJour(DatesLegales.midi(jour))).isEqualTo(jour);
	}

	@Test
	void noDateIsAnEmptyTextAndADateWithoutZoneIsRefused() {
		assertThat(this.jours.jour(null)).isEmpty();
		assertThat(this.jours.jourHeure(null)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.jours.jour(LocalDateTime.of(2026, 3, 15, 9, 0)))
			.withMessageContaining("sans fuseau");
	}

	@Test
	void theFormsGetTheParisDayOfADateOrOfTheDayAFormSubmitted() {
		assertThat(this.jours.jourDeVariable(DatesLegales.midi(LocalDate.of(2026, 2, 28)))).isEqualTo("28/02/2026");
		assertThat(this.jours.jourDeVariable("2026-09-01")).isEqualTo("01/09/2026");
		assertThat(this.jours.jourDeVariable("pas une date")).isNull();
		assertThat(this.jours.jourDeVariable(42)).isNull();
	}

}
