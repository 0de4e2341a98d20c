package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The validities of the links: defaults in code, each overridable. */
class ComptesPropertiesTest {

	@Test
	void defaultsAreOneDayOneHourAndSevenDays() {
		ComptesProperties defaults = new ComptesProperties();
		assertThat(defaults.getConfirmation()).isEqualTo(Duration.ofHours(24));
		assertThat(defaults.getReinitialisation()).isEqualTo(Duration.ofHours(1));
		assertThat(defaults.getInvitation()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void eachValidityIsOverriddenByItsKey() {
		ComptesProperties bound = new Binder(new MapConfigurationPropertySource(Map.of("parcours.comptes.confirmation",
				"48h", "parcours.comptes.reinitialisation", "30m", "parcours.comptes.invitation", "P14D")))
			.bind("parcours.comptes", ComptesProperties.class)
			.get();
		assertThat(bound.getConfirmation()).isEqualTo(Duration.ofHours(48));
		assertThat(bound.getReinitialisation()).isEqualTo(Duration.ofMinutes(30));
		assertThat(bound.getInvitation()).isEqualTo(Duration.ofDays(14));
	}

	@Test
	void validitiesAreWrittenInFrenchWords() {
		var messages = CompteMailsTest.messages();
		assertThat(Durees.texte(Duration.ofHours(24), messages)).isEqualTo("24 heures");
		assertThat(Durees.texte(Duration.ofHours(48), messages)).isEqualTo("2 jours");
		assertThat(Durees.texte(Duration.ofHours(1), messages)).isEqualTo("1 heure");
		assertThat(Durees.texte(Duration.ofHours(36), messages)).isEqualTo("36 heures");
		assertThat(Durees.texte(Duration.ofDays(7), messages)).isEqualTo("7 jours");
		assertThat(Durees.texte(Duration.ofMinutes(30), messages)).isEqualTo("30 minutes");
	}

}
