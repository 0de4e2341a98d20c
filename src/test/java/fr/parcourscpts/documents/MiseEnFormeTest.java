package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

class MiseEnFormeTest {

	private static final String NNBSP = "\u202F";

	private final MiseEnForme fmt = new MiseEnForme();

	@Test
	void amountsAreGroupedByThousandsTheFrenchWay() {
		assertThat(this.fmt.montant(30000.0)).isEqualTo("30" + NNBSP + "000");
		assertThat(this.fmt.montant(287000L)).isEqualTo("287" + NNBSP + "000");
		assertThat(this.fmt.montant(1500000)).isEqualTo("1" + NNBSP + "500" + NNBSP + "000");
		assertThat(this.fmt.montant(new BigDecimal("999"))).isEqualTo("999");
		assertThat(this.fmt.montant("1234.5")).isEqualTo("1" + NNBSP + "234,50");
		assertThat(this.fmt.montant(null)).isEmpty();
	}

	@Test
	void timesAreThoseOfParisInSummerAndInWinter() {
		Date summer = Date.from(Instant.parse("2026-05-02T22:30:00Z"));
		assertThat(MiseEnForme.jour(summer)).isEqualTo("03/05/2026");
		assertThat(MiseEnForme.heure(summer)).isEqualTo("00:30");
		Instant winter = Instant.parse("2026-01-15T23:30:00Z");
		assertThat(MiseEnForme.jour(winter)).isEqualTo("16/01/2026");
		assertThat(MiseEnForme.heure(winter)).isEqualTo("00:30");
		assertThat(MiseEnForme.jour(null)).isEmpty();
	}

}
