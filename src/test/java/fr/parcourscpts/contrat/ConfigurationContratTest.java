package fr.parcourscpts.contrat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration keys documented for integrators bind to the beans the models read.
 */
class ConfigurationContratTest {

	@Test
	void delaysKeepTheirDefaultsUnlessConfigured() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("parcours.delais.contrat.signature", "P3M",
				"parcours.delais.contrat.relance-signature", "R4/P5D")));

		DelaisContrat delais = binder.bind("parcours.delais.contrat", Bindable.ofInstance(new DelaisContrat())).get();

		assertThat(delais.getSignature()).isEqualTo("P3M");
		assertThat(delais.getRelanceSignature()).isEqualTo("R4/P5D");
		assertThat(delais.getPreparation()).isEqualTo("P1M");
		assertThat(delais.getRelanceRapport()).isEqualTo("R/P15D");
	}

	@Test
	void aMissionCalendarEntryReplacesOnlyThatMission() {
		Binder binder = new Binder(
				new MapConfigurationPropertySource(Map.of("parcours.calendrier-missions.jalons.qualite.mois-demarrage",
						"3", "parcours.calendrier-missions.jalons.qualite.mois-deploiement", "9")));

		CalendrierMissions calendrier = binder
			.bind("parcours.calendrier-missions", Bindable.ofInstance(new CalendrierMissions()))
			.get();

		assertThat(calendrier.getJalons()).containsEntry(Mission.QUALITE, new Jalons(3, 9))
			.containsEntry(Mission.ACCES_SOINS, new Jalons(6, 18))
			.hasSize(6);
	}

}
