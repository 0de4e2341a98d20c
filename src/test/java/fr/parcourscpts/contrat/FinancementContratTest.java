package fr.parcourscpts.contrat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FinancementContratTest {

	private static final Map<String, Long> TAILLE_2 = Map.ofEntries(Map.entry("fixeAccesSoins", 25000L),
			Map.entry("variableAccesSoins", 40000L), Map.entry("fixeParcours", 20000L),
			Map.entry("variableParcours", 25000L), Map.entry("fixePrevention", 12500L),
			Map.entry("variablePrevention", 15000L), Map.entry("fixeCrisesSanitaires", 12500L),
			Map.entry("variableCrisesSanitaires", 15000L), Map.entry("fixeQualite", 12500L),
			Map.entry("variableQualite", 15000L), Map.entry("fixeAccompagnement", 15000L),
			Map.entry("variableAccompagnement", 19500L));

	@Test
	void fixedPartIsOperatingBudgetPlusFixedPartOfEachRetainedMission() {
		FinancementContrat financement = FinancementContrat.calculer(60000, TAILLE_2, Mission.socles());

		assertThat(financement).isEqualTo(new FinancementContrat(130000, 95000));
	}

	@Test
	void anOptionalMissionAddsItsParts() {
		List<Mission> missions = List.of(Mission.ACCES_SOINS, Mission.PARCOURS, Mission.PREVENTION,
				Mission.CRISES_SANITAIRES, Mission.QUALITE);

		assertThat(FinancementContrat.calculer(60000, TAILLE_2, missions))
			.isEqualTo(new FinancementContrat(142500, 110000));
	}

	@Test
	void allMissionsReachTheMaximumOfTheSizeClass() {
		FinancementContrat financement = FinancementContrat.calculer(60000, TAILLE_2, List.of(Mission.values()));

		assertThat(financement.partFixe() + financement.partVariable()).isEqualTo(287000);
	}

	@Test
	void aMissingAmountIsAnError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> FinancementContrat.calculer(60000, Map.of(), List.of(Mission.ACCES_SOINS)));
	}

}
