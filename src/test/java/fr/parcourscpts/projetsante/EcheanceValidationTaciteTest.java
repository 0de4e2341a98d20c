package fr.parcourscpts.projetsante;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EcheanceValidationTaciteTest {

	@Test
	void twoCalendarMonthsAfterTheDeposit() {
		assertThat(EcheanceValidationTacite.depuisDepot(at(2026, 3, 20, 10), "P2M")).isEqualTo(at(2026, 5, 20, 10));
	}

	@Test
	void twoMonthsFromTheEndOfAMonthStopAtTheEndOfTheShorterMonth() {
		assertThat(EcheanceValidationTacite.depuisDepot(at(2025, 12, 31, 10), "P2M")).isEqualTo(at(2026, 2, 28, 10));
		assertThat(EcheanceValidationTacite.depuisDepot(at(2027, 12, 31, 10), "P2M")).isEqualTo(at(2028, 2, 29, 10));
	}

	@Test
	void theDelayIsConfigurable() {
		assertThat(EcheanceValidationTacite.depuisDepot(at(2026, 3, 20, 10), "P60D")).isEqualTo(at(2026, 5, 19, 10));
	}

	@Test
	void suspensionMovesTheDeadlineByTheWholeDaysTheCorrectionWasOpen() {
		Date echeance = at(2026, 5, 20, 10);
		assertThat(EcheanceValidationTacite.apresSuspension(echeance, at(2026, 4, 1, 10), at(2026, 4, 11, 15)))
			.isEqualTo(at(2026, 5, 30, 10));
		assertThat(EcheanceValidationTacite.apresSuspension(echeance, at(2026, 4, 1, 10), at(2026, 4, 11, 9)))
			.as("a day not fully elapsed does not count")
			.isEqualTo(at(2026, 5, 29, 10));
	}

	@Test
	void correctionReturnedTheSameDaySuspendsNothing() {
		Date echeance = at(2026, 5, 20, 10);
		assertThat(EcheanceValidationTacite.apresSuspension(echeance, at(2026, 4, 1, 10), at(2026, 4, 1, 18)))
			.isEqualTo(echeance);
		assertThat(EcheanceValidationTacite.joursEntiers(at(2026, 4, 2, 10), at(2026, 4, 1, 10))).isZero();
	}

	@Test
	void suspensionAcrossTheSpringClockChangeKeepsTheTimeOfDayInParis() {
		TimeZone jvm = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
		try {
			// the clocks go forward on 29 March 2026: 5 whole days are 5 calendar days
			Date echeance = at(2026, 3, 25, 10);
			assertThat(EcheanceValidationTacite.apresSuspension(echeance, at(2026, 3, 1, 10), at(2026, 3, 6, 11)))
				.isEqualTo(at(2026, 3, 30, 10));
		}
		finally {
			TimeZone.setDefault(jvm);
		}
	}

	@Test
	void reminderFifteenDaysBefore() {
		assertThat(EcheanceValidationTacite.rappel(at(2026, 5, 20, 10), "P15D")).isEqualTo(at(2026, 5, 5, 10));
	}

	private static Date at(int year, int month, int day, int hour) {
		return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(ZoneId.systemDefault()).toInstant());
	}

}
