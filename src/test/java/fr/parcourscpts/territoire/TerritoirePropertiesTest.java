package fr.parcourscpts.territoire;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TerritoirePropertiesTest {

	private final TerritoireProperties aci = TerritoireProperties.defaults();

	@ParameterizedTest(name = "{0} habitants: taille {1}")
	@CsvSource({ "0, 1", "19999, 1", "20000, 1", "39999, 1", "40000, 2", "79999, 2", "80000, 3", "175000, 3",
			"175001, 4", "2103778, 4" })
	void sizeClassesFollowTheAci(long population, int taille) {
		assertThat(this.aci.taille(population).numero()).isEqualTo(taille);
	}

	@ParameterizedTest(name = "{0} habitants: eligible {1}")
	@CsvSource({ "0, false", "19999, false", "20000, true", "20001, true", "175001, true" })
	void aCptsCoversAtLeastTwentyThousandInhabitants(long population, boolean eligible) {
		assertThat(this.aci.eligible(population)).isEqualTo(eligible);
	}

	@Test
	void defaultsInCodeAreTheAciValues() {
		TerritoireProperties bound = bind(Map.of());
		assertThat(bound).isEqualTo(this.aci);
		assertThat(bound.minimumPopulation()).isEqualTo(20_000);
		assertThat(bound.taille2From()).isEqualTo(40_000);
		assertThat(bound.taille3From()).isEqualTo(80_000);
		assertThat(bound.taille4Above()).isEqualTo(175_000);
	}

	@Test
	void thresholdsAreConfigurable() {
		TerritoireProperties bound = bind(Map.of("parcours.territoire.minimum-population", "15000",
				"parcours.territoire.taille2-from", "30000", "parcours.territoire.taille4-above", "200000"));
		assertThat(bound).isEqualTo(new TerritoireProperties(15_000, 30_000, 80_000, 200_000));
		assertThat(bound.eligible(15_000)).isTrue();
		assertThat(bound.taille(30_000)).isEqualTo(TailleCpts.TAILLE_2);
		assertThat(bound.taille(200_000)).isEqualTo(TailleCpts.TAILLE_3);
	}

	@Test
	void thresholdsMustIncrease() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TerritoireProperties(20_000, 80_000, 40_000, 175_000));
		assertThatIllegalArgumentException().isThrownBy(() -> new TerritoireProperties(-1, 40_000, 80_000, 175_000));
	}

	private static TerritoireProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("parcours.territoire",
				TerritoireProperties.class);
	}

}
