package fr.parcourscpts.territoire;

import org.junit.jupiter.api.Test;

import fr.parcourscpts.identity.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regional paths of {@code bpmn/parcours-regional.dmn}, as the seeds describe them.
 */
class ParcoursRegionauxTest {

	private final ParcoursRegionaux parcours = ParcoursRegionaux.fromModelFile();

	@Test
	void occitanieGoesThroughItsGuichetAndTheTenUrps() {
		ParcoursRegional occitanie = this.parcours.deRegion("76");
		assertThat(occitanie.destinataireLettre()).isEqualTo("guichet-cpts");
		assertThat(occitanie.consultationUrps()).isEqualTo("dixUrps");
		assertThat(occitanie.structures()).extracting(ParcoursRegional.Structure::nom)
			.containsExactly("Guichet CPTS Occitanie");
	}

	@Test
	void paysDeLaLoireSendsTheLettreToTheArsAccompaniedByTheApmslOrTheInterUrps() {
		ParcoursRegional pdl = this.parcours.deRegion("52");
		assertThat(pdl.destinataireLettre()).isEqualTo("ars");
		assertThat(pdl.consultationUrps()).isEqualTo("interUrps");
		assertThat(pdl.structures()).extracting(ParcoursRegional.Structure::courriel)
			.containsExactly("contact@apmsl.fr", "cpts@interurps-pdl.org");
		for (String departement : new String[] { "44", "49", "53", "72", "85" }) {
			assertThat(this.parcours.contactCpam(departement)).contains("CPTS" + departement + "@assurance-maladie.fr");
		}
	}

	@Test
	void hautsDeFranceIsAccompaniedByTheUnionDesUrps() {
		ParcoursRegional hdf = this.parcours.deRegion("32");
		assertThat(hdf.destinataireLettre()).isEqualTo("ars");
		assertThat(hdf.structure("inter-urps"))
			.hasValueSatisfying((structure) -> assertThat(structure.nom()).isEqualTo("Union des URPS Hauts-de-France"));
	}

	@Test
	void theFifteenOtherRegionsGoStraightToTheArs() {
		int autres = 0;
		for (Region region : Region.values()) {
			if (region.code().equals("76") || region.code().equals("52") || region.code().equals("32")) {
				continue;
			}
			ParcoursRegional parcours = this.parcours.deRegion(region.code());
			assertThat(parcours.destinataireLettre()).as(region.label()).isEqualTo("ars");
			assertThat(parcours.consultationUrps()).as(region.label()).isEqualTo("aucune");
			assertThat(parcours.structures()).as(region.label()).isEmpty();
			autres++;
		}
		assertThat(autres).isEqualTo(15);
		assertThat(this.parcours.contactCpam("31")).isEmpty();
	}

}
