package fr.parcourscpts.territoire;

import java.util.Arrays;
import java.util.List;

import fr.parcourscpts.identity.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The service on the real generated data. Assertions avoid exact populations, which
 * change with each vintage of the data, except where the order of communes depends on
 * them.
 */
class TerritoireServiceTest {

	private static TerritoireService territoires;

	@BeforeAll
	static void load() {
		territoires = new TerritoireService(ReglesTaille.fromModelFile());
	}

	@Test
	void loadsEveryCurrentCommuneOfMetropolitanFranceAndTheDrom() {
		assertThat(territoires.commune("31555")).hasValueSatisfying((toulouse) -> {
			assertThat(toulouse.nom()).isEqualTo("Toulouse");
			assertThat(toulouse.departement()).isEqualTo("31");
			assertThat(toulouse.region()).isEqualTo("76");
			assertThat(toulouse.population()).isGreaterThan(400_000);
		});
		assertThat(territoires.commune("97411")).map(Commune::nom).hasValue("Saint-Denis");
		assertThat(territoires.commune(" 2a004 ")).map(Commune::nom).hasValue("Ajaccio");
		assertThat(territoires.commune("00000")).isEmpty();
		assertThat(territoires.commune(null)).isEmpty();
		assertThat(territoires.departement("2A")).map(Departement::nom).hasValue("Corse-du-Sud");
		assertThat(territoires.search("3", 50)).isNotEmpty();
	}

	@Test
	void regionsAreTheJurisdictionsOfTheDossiers() {
		for (Region region : Region.values()) {
			assertThat(territoires.region(region.code())).as(region.name())
				.map(RegionInsee::nom)
				.hasValue(region.label());
		}
	}

	@Test
	void findsACommuneByTheBeginningOfItsName() {
		assertThat(territoires.search("toul", 10)).extracting(Commune::code).contains("31555");
		assertThat(territoires.search("TOULOUSE", 10)).first().extracting(Commune::code).isEqualTo("31555");
	}

	@Test
	void findsACommuneByItsInseeCodeOrTheBeginningOfIt() {
		assertThat(territoires.search("31555", 10)).extracting(Commune::nom).containsExactly("Toulouse");
		// All of Haute-Garonne starts with 31: the largest commune comes first.
		assertThat(territoires.search("31", 5)).hasSize(5).first().extracting(Commune::code).isEqualTo("31555");
		assertThat(territoires.search("2a00", 50)).extracting(Commune::code)
			.contains("2A004")
			.allMatch((code) -> code.startsWith("2A00"));
	}

	@Test
	void ignoresAccentsCaseHyphensAndApostrophes() {
		assertThat(territoires.search("saint etienne", 10)).first().extracting(Commune::code).isEqualTo("42218");
		assertThat(territoires.search("SAINT-ETIENNE", 10)).first().extracting(Commune::code).isEqualTo("42218");
		assertThat(territoires.search("abergement clemenciat", 10)).extracting(Commune::code).containsExactly("01001");
		assertThat(territoires.search("oeuilly", 10)).extracting(Commune::nom).contains("Œuilly");
	}

	@Test
	void namesStartingWithTheQueryComeBeforeNamesContainingIt() {
		List<Commune> found = territoires.search("toul", 50);
		int firstContaining = indexOfFirst(found, (name) -> !name.startsWith("toul"));
		assertThat(firstContaining).isPositive();
		assertThat(found.subList(0, firstContaining))
			.allMatch((c) -> TerritoireService.normalize(c.nom()).startsWith("toul"));
		assertThat(found.subList(firstContaining, found.size()))
			.allMatch((c) -> !TerritoireService.normalize(c.nom()).startsWith("toul"));
		// Within each group, the largest first (Toul, the exact name, comes before them
		// all).
		assertThat(found.subList(1, firstContaining)).extracting(Commune::population)
			.isSortedAccordingTo((a, b) -> Integer.compare(b, a));
		assertThat(found.subList(firstContaining, found.size())).extracting(Commune::population)
			.isSortedAccordingTo((a, b) -> Integer.compare(b, a));
	}

	@Test
	void theCommuneOfExactlyThatNameComesFirst() {
		// Toulouse and Toulon are larger, but whoever typed all of "Toul" wants Toul.
		assertThat(territoires.search("toul", 10)).first().extracting(Commune::code).isEqualTo("54528");
	}

	@Test
	void respectsTheLimit() {
		assertThat(territoires.search("saint", 7)).hasSize(7);
		assertThat(territoires.search("  ", 7)).isEmpty();
		assertThat(territoires.search("zzzzzz", 7)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> territoires.search("toul", 0));
	}

	@Test
	void aTerritorySumsThePopulationsOfItsCommunes() {
		Territoire territoire = territoires.territoire(List.of("31555", "31069", "31149", "31557"));
		long expected = Arrays.asList("31555", "31069", "31149", "31557")
			.stream()
			.mapToLong((code) -> territoires.commune(code).orElseThrow().population())
			.sum();
		assertThat(territoire.population()).isEqualTo(expected).isGreaterThan(175_000);
		assertThat(territoire.communes()).extracting(Commune::nom)
			.containsExactly("Toulouse", "Blagnac", "Colomiers", "Tournefeuille");
		assertThat(territoire.unknownCodes()).isEmpty();
		assertThat(territoire.region()).map(RegionInsee::nom).hasValue("Occitanie");
		assertThat(territoire.departements()).extracting(Departement::code).containsExactly("31");
		assertThat(territoire.tailleCpts()).isEqualTo(TailleCpts.TAILLE_4);
		assertThat(territoire.eligible()).isTrue();
	}

	@Test
	void listsUnknownCodesAndCountsEachCommuneOnce() {
		Territoire territoire = territoires.territoire(List.of("54528", " 54528", "99999", "", "abc"));
		assertThat(territoire.communes()).extracting(Commune::code).containsExactly("54528");
		assertThat(territoire.unknownCodes()).containsExactly("99999", "ABC");
		assertThat(territoire.population()).isEqualTo(territoires.commune("54528").orElseThrow().population());
		assertThat(territoire.eligible()).isFalse();
		assertThat(territoire.tailleCpts()).isEqualTo(TailleCpts.TAILLE_1);
	}

	@Test
	void aTerritoryAcrossARegionalBorderHasNoRegion() {
		// Toulouse (Occitanie) and Saint-Étienne (Auvergne-Rhône-Alpes)
		Territoire territoire = territoires.territoire(List.of("42218", "31555"));
		assertThat(territoire.regions()).extracting(RegionInsee::code).containsExactly("76", "84");
		assertThat(territoire.region()).isEmpty();
		assertThat(territoires.territoire(List.of()).region()).isEmpty();
	}

	private static int indexOfFirst(List<Commune> communes, java.util.function.Predicate<String> normalizedName) {
		for (int i = 0; i < communes.size(); i++) {
			if (normalizedName.test(TerritoireService.normalize(communes.get(i).nom()))) {
				return i;
			}
		}
		return -1;
	}

}
