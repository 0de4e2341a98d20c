package fr.parcourscpts.contrat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatesContratTest {

	private final DatesContrat dates = new DatesContrat();

	@Test
	void anniversaryIsTheEffectiveDatePlusTheYears() {
		assertThat(this.dates.anniversaire(DatesContrat.toDate(LocalDate.of(2026, 3, 1)), 5))
			.isEqualTo(DatesContrat.toDate(LocalDate.of(2031, 3, 1)));
	}

	@Test
	void formDateStringsAreRead() {
		assertThat(DatesContrat.toLocalDate("2026-03-01")).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(DatesContrat.toLocalDate("2026-03-01T00:00:00.000+0100")).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(this.dates.anniversaire("2028-02-29", 1L)).isEqualTo(DatesContrat.toDate(LocalDate.of(2029, 2, 28)));
	}

}
