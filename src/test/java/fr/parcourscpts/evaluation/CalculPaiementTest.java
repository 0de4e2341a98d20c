package fr.parcourscpts.evaluation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CalculPaiementTest {

	private static final Map<String, Long> VARIABLE = Map.of("AccesSoins", 40000L, "Parcours", 25000L, "Prevention",
			15000L, "CrisesSanitaires", 15000L, "Qualite", 15000L);

	private static final Map<String, Integer> TAUX = Map.of("AccesSoins", 80, "Parcours", 50, "Prevention", 100,
			"CrisesSanitaires", 100, "Qualite", 60);

	@Test
	void advanceIsSeventyFivePercentOfTheFixedPart() {
		CalculPaiement paiement = CalculPaiement.calculer(142500, 0.75, true, VARIABLE, TAUX);

		assertThat(paiement.avance()).isEqualTo(106875);
	}

	@Test
	void balanceIsTheRestOfTheFixedPartPlusTheVariablePartWeightedByAchievement() {
		CalculPaiement paiement = CalculPaiement.calculer(142500, 0.75, true, VARIABLE, TAUX);

		// 32 000 + 12 500 + 15 000 + 15 000 + 9 000
		assertThat(paiement.partVariableVersee()).isEqualTo(83500);
		assertThat(paiement.solde()).isEqualTo(35625 + 83500);
		assertThat(paiement.total()).isEqualTo(142500 + 83500);
	}

	@Test
	void noVariablePartWhenItIsNotDue() {
		CalculPaiement paiement = CalculPaiement.calculer(142500, 0.75, false, VARIABLE, TAUX);

		assertThat(paiement).isEqualTo(new CalculPaiement(106875, 0, 35625));
	}

	@Test
	void achievementRatesAreCappedBetweenZeroAndOneHundred() {
		CalculPaiement paiement = CalculPaiement.calculer(100000, 0.75, true,
				Map.of("AccesSoins", 40000L, "Parcours", 20000L), Map.of("AccesSoins", 150, "Parcours", -10));

		assertThat(paiement.partVariableVersee()).isEqualTo(40000);
	}

	@Test
	void amountsAreRoundedToTheEuroHalfUp() {
		CalculPaiement paiement = CalculPaiement.calculer(1001, 0.75, true, Map.of("AccesSoins", 3L),
				Map.of("AccesSoins", 50));

		assertThat(paiement.avance()).isEqualTo(751);
		assertThat(paiement.partVariableVersee()).isEqualTo(2);
		assertThat(paiement.solde()).isEqualTo(250 + 2);
	}

	@Test
	void aRetainedMissionWithoutRateIsAnError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CalculPaiement.calculer(1000, 0.75, true, Map.of("AccesSoins", 10L), Map.of()));
	}

	@Test
	void anAdvanceRateOutsideZeroToOneIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CalculPaiement.calculer(1000, 75, true, Map.of(), Map.of()));
	}

}
