package fr.parcourscpts.territoire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The size classes of the ACI as the decision table taille-cpts gives them, on every
 * boundary.
 */
class ReglesTailleTest {

	private final ReglesTaille regles = ReglesTaille.fromModelFile();

	@ParameterizedTest
	@CsvSource({ "19999, 1, false", "20000, 1, true", "39999, 1, true", "40000, 2, true", "79999, 2, true",
			"80000, 3, true", "174999, 3, true", "175000, 3, true", "175001, 4, true" })
	void classesEachPopulationAsTheAciDoes(long population, int taille, boolean eligible) {
		ReglesTaille.Classement classement = this.regles.classer(population);
		assertThat(classement.taille().numero()).isEqualTo(taille);
		assertThat(classement.eligible()).isEqualTo(eligible);
	}

	@Test
	void minimumPopulationIsReadFromTheTable() {
		assertThat(this.regles.minimumPopulation()).isEqualTo(20_000);
	}

}
