package fr.parcourscpts.intention;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class DelaisCreationTest {

	@AfterEach
	void resetTheClock() {
		ClockUtil.reset();
	}

	@Test
	void defaultsAreTheRegulatoryDelays() {
		DelaisCreation delais = new DelaisCreation();
		assertThat(delais.getAvisUrps()).isEqualTo("P15D");
		assertThat(delais.getRelanceAvisUrps()).isEqualTo("P10D");
		assertThat(delais.getDecisionFir()).isEqualTo("P2M");
		assertThat(delais.getValidationTacite()).isEqualTo("P2M");
		assertThat(delais.getRappelValidationTacite()).isEqualTo("P15D");
		assertThat(delais.getRelanceProjetSante()).isEqualTo("R/P30D");
	}

	@Test
	void eachDelayIsOverriddenByItsConfigurationKey() {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource(
				Map.of("parcours.delais.creation.avis-urps", "P20D", "parcours.delais.creation.validation-tacite",
						"P60D", "parcours.delais.creation.relance-projet-sante", "R/P15D"));
		DelaisCreation delais = new Binder(source)
			.bind("parcours.delais.creation", Bindable.ofInstance(new DelaisCreation()))
			.get();

		assertThat(delais.getAvisUrps()).isEqualTo("P20D");
		assertThat(delais.getValidationTacite()).isEqualTo("P60D");
		assertThat(delais.getRelanceProjetSante()).isEqualTo("R/P15D");
		assertThat(delais.getDecisionFir()).isEqualTo("P2M");
	}

	@Test
	void dueDatesCountFromTheEngineClock() {
		ClockUtil.setCurrentTime(at(2026, 1, 31));
		DelaisCreation delais = new DelaisCreation();

		assertThat(delais.echeance("P15D")).isEqualTo(at(2026, 2, 15));
		assertThat(delais.echeance("P1M")).as("end of month").isEqualTo(at(2026, 2, 28));
		assertThat(DelaisCreation.retrancher(at(2026, 3, 1), "P15D")).isEqualTo(at(2026, 2, 14));
	}

	private static Date at(int year, int month, int day) {
		return Date.from(LocalDateTime.of(year, month, day, 9, 0)
			.atZone(fr.parcourscpts.dossier.DatesLegales.PARIS)
			.toInstant());
	}

}
