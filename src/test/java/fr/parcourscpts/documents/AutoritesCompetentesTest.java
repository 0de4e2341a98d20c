package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.identity.Region;

@ApplicationTest
class AutoritesCompetentesTest {

	@Autowired
	AutoritesCompetentes autorites;

	@Test
	void everyRegionHasItsArsByName() {
		for (Region region : Region.values()) {
			assertThat(this.autorites.ars(region.code())).as(region.label())
				.hasValue("ARS " + region.label().replace('\'', '’'));
		}
		assertThat(this.autorites.ars("76")).hasValue("ARS Occitanie");
		assertThat(this.autorites.ars("99")).isEmpty();
	}

	@Test
	void everyDepartementHasItsCaisse() throws IOException {
		List<String> departements = departements();
		assertThat(departements).hasSize(101);
		for (String code : departements) {
			assertThat(this.autorites.caisse(code)).as(code)
				.hasValueSatisfying((caisse) -> assertThat(caisse).matches("(CPAM|CGSS|CSS) .+"));
		}
		// Occitanie, Pays de la Loire and Hauts-de-France, the demo regions
		assertThat(this.autorites.caisse("34")).hasValue("CPAM de l’Hérault");
		assertThat(this.autorites.caisse("31")).hasValue("CPAM de la Haute-Garonne");
		assertThat(this.autorites.caisse("12")).hasValue("CPAM de l’Aveyron");
		assertThat(this.autorites.caisse("32")).hasValue("CPAM du Gers");
		assertThat(this.autorites.caisse("44")).hasValue("CPAM de la Loire-Atlantique");
		assertThat(this.autorites.caisse("49")).hasValue("CPAM de Maine-et-Loire");
		assertThat(this.autorites.caisse("85")).hasValue("CPAM de la Vendée");
		assertThat(this.autorites.caisse("80")).hasValue("CPAM de la Somme");
		assertThat(this.autorites.caisse("60")).hasValue("CPAM de l’Oise");
		assertThat(this.autorites.caisse("59")).hasValueSatisfying((
				caisse) -> assertThat(caisse).contains("Lille-Douai").contains("Hainaut").contains("selon la commune"));
		assertThat(this.autorites.caisse("974")).hasValue("CGSS de La Réunion");
		assertThat(this.autorites.caisse("976")).hasValue("CSS de Mayotte");
	}

	@Test
	void aTerritoryAcrossABorderHasTheCaisseWhereMostOfItsPopulationLives() {
		// Lodève (Hérault, 7 251 inhabitants), Millau and Creissels (Aveyron, 23 612)
		assertThat(this.autorites.caisseDuTerritoire(List.of("34142", "12145", "12084"))).hasValue("CPAM de l’Aveyron");
		assertThat(this.autorites.caisseDuTerritoire(List.of("34142"))).hasValue("CPAM de l’Hérault");
		assertThat(this.autorites.caisseDuTerritoire(List.of("99999"))).isEmpty();
		assertThat(this.autorites.caisseDuTerritoire(List.of())).isEmpty();
	}

	private static List<String> departements() throws IOException {
		try (InputStream in = AutoritesCompetentesTest.class.getClassLoader()
			.getResourceAsStream("territoire/departements.csv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.skip(1)
				.filter((line) -> !line.isBlank())
				.map((line) -> line.substring(0, line.indexOf(';')))
				.toList();
		}
	}

}
