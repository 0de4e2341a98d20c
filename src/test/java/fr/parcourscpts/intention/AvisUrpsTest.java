package fr.parcourscpts.intention;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvisUrpsTest {

	@Test
	void tenUrpsInTheOrderOfTheInstitutions() {
		assertThat(AvisUrps.urps()).hasSize(10).startsWith("urps-medecins").contains("urps-biologistes");
	}

	@Test
	void countsRatingsOfTheUrpsThatAnsweredAndTheSilentOnesApart() {
		Map<String, Map<String, String>> avis = new LinkedHashMap<>();
		avis.put("urps-medecins", avis("favorable", "defavorable", "defavorable"));
		avis.put("urps-infirmiers", avis("favorable", "defavorable", "reserve"));
		avis.put("urps-pharmaciens", avis("reserve", "favorable", "favorable"));
		avis.put("urps-biologistes", Map.of(CreationProcess.AVIS_GLOBAL, AvisUrps.SANS_AVIS,
				CreationProcess.CRITERE_MISSIONS, AvisUrps.SANS_AVIS));

		AvisUrps.Comptage comptage = AvisUrps.compter(avis);

		assertThat(comptage).isEqualTo(new AvisUrps.Comptage(4, 2, 3, 1, 2, 44));
	}

	@Test
	void nobodyAnsweredGivesZeroPercentFavorable() {
		Map<String, Map<String, String>> avis = Map.of("urps-medecins",
				Map.of(CreationProcess.AVIS_GLOBAL, AvisUrps.SANS_AVIS));
		assertThat(AvisUrps.compter(avis)).isEqualTo(new AvisUrps.Comptage(0, 0, 0, 1, 0, 0));
	}

	@Test
	void jsonRoundTripAndReadableSummary() {
		Map<String, Map<String, String>> avis = Map.of("urps-sages-femmes",
				avis("favorable", "reserve", "defavorable"));
		String json = AvisUrps.ecrire(avis);

		assertThat(AvisUrps.lire(json)).isEqualTo(avis);
		assertThat(AvisUrps.lire(null)).isEmpty();
		assertThat(AvisUrps.synthese(avis))
			.contains("| URPS Sages-femmes | Favorable | Réservé | Défavorable | Favorable |");
	}

	@Test
	void aNoteThatIsNoFixedLabelIsEscapedMarkdownInTheSummary() {
		Map<String, Map<String, String>> avis = Map.of("urps-medecins",
				avis("[lien](https://exemple.invalid) | <img src=x>\n- faux", "reserve", "favorable"));

		assertThat(AvisUrps.synthese(avis)).contains(
				"| URPS Médecins libéraux | \\[lien\\]\\(https\\:\\/\\/exemple\\.invalid\\) \\| \\<img src\\=x\\> \\- faux | Réservé |");
	}

	private static Map<String, String> avis(String missions, String mobilisation, String territoire) {
		return Map.of(CreationProcess.CRITERE_MISSIONS, missions, CreationProcess.CRITERE_MOBILISATION, mobilisation,
				CreationProcess.CRITERE_TERRITOIRE, territoire, CreationProcess.AVIS_GLOBAL, "favorable");
	}

}
