package fr.parcourscpts.contrat;

import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FinancementCptsDecisionTest {

	private static DmnEngine dmnEngine;

	private static DmnDecision decision;

	@BeforeAll
	static void parse() throws Exception {
		dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream dmn = FinancementCptsDecisionTest.class.getResourceAsStream("/bpmn/financement-cpts.dmn")) {
			decision = dmnEngine.parseDecision(ContratProcess.DECISION_FINANCEMENT, dmn);
		}
	}

	private static Map<String, Object> bareme(int taille) {
		return dmnEngine.evaluateDecisionTable(decision, Variables.createVariables().putValue("tailleCpts", taille))
			.getSingleResult()
			.getEntryMap();
	}

	@ParameterizedTest(name = "taille {0} : maximum {1} €")
	@CsvSource({ "1, 220000, 50000, 20000, 30000", "2, 287000, 60000, 25000, 40000", "3, 370000, 75000, 30000, 55000",
			"4, 450000, 90000, 40000, 65000" })
	void eachSizeClassHasTheAciMaximumAndItsParts(int taille, long maximum, long fonctionnement, long fixeAccesSoins,
			long variableAccesSoins) {
		Map<String, Object> bareme = bareme(taille);

		assertThat(bareme).containsEntry("montantAnnuelMaximum", maximum)
			.containsEntry("montantFonctionnement", fonctionnement)
			.containsEntry("fixeAccesSoins", fixeAccesSoins)
			.containsEntry("variableAccesSoins", variableAccesSoins)
			.hasSize(14);
	}

	@ParameterizedTest(name = "taille {0}")
	@CsvSource({ "1", "2", "3", "4" })
	void thePartsOfEachSizeClassAddUpToItsMaximum(int taille) {
		Map<String, Object> bareme = bareme(taille);

		long parts = bareme.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("montantAnnuelMaximum"))
			.mapToLong((entry) -> (Long) entry.getValue())
			.sum();
		assertThat(parts).isEqualTo(bareme.get("montantAnnuelMaximum"));
	}

	@Test
	void noSizeClassOutsideOneToFour() {
		assertThat(dmnEngine.evaluateDecisionTable(decision, Variables.createVariables().putValue("tailleCpts", 5)))
			.isEmpty();
	}

}
