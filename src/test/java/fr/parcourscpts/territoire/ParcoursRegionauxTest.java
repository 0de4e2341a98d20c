package fr.parcourscpts.territoire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableResultImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
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

	@Test
	void aTableIsEvaluatedOncePerVersionAndInputsAndAgainAfterANewDeployment() {
		AtomicReference<String> version = new AtomicReference<>("parcours-regional:1");
		List<String> evaluated = new ArrayList<>();
		BiFunction<String, VariableMap, DmnDecisionTableResult> tables = ParcoursRegionaux
			.parVersion((decision) -> version.get(), (id, variables) -> {
				evaluated.add(id + " " + variables.get("region"));
				return new DmnDecisionTableResultImpl(List.of());
			});

		tables.apply("parcours-regional", Variables.createVariables().putValue("region", "76"));
		tables.apply("parcours-regional", Variables.fromMap(Map.of("region", "76")));
		tables.apply("parcours-regional", Variables.createVariables().putValue("region", "52"));
		assertThat(evaluated).containsExactly("parcours-regional:1 76", "parcours-regional:1 52");

		version.set("parcours-regional:2");
		tables.apply("parcours-regional", Variables.createVariables().putValue("region", "76"));
		assertThat(evaluated).endsWith("parcours-regional:2 76");
	}

}
