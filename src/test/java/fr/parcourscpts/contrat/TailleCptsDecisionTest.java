package fr.parcourscpts.contrat;

import java.io.InputStream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TailleCptsDecisionTest {

	private static DmnEngine dmnEngine;

	private static DmnDecision decision;

	@BeforeAll
	static void parse() throws Exception {
		dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream dmn = TailleCptsDecisionTest.class.getResourceAsStream("/bpmn/taille-cpts.dmn")) {
			decision = dmnEngine.parseDecision(ContratProcess.DECISION_TAILLE, dmn);
		}
	}

	@ParameterizedTest(name = "{0} habitants : taille {1}, éligible {2}")
	@CsvSource(nullValues = "aucune",
			value = { "0, aucune, false", "19999, aucune, false", "20000, 1, true", "39999, 1, true", "40000, 2, true",
					"79999, 2, true", "80000, 3, true", "174999, 3, true", "175000, 3, true", "175001, 4, true",
					"2000000, 4, true" })
	void sizeClassAndEligibilityFollowThePopulationBoundaries(long population, Integer taille, boolean eligible) {
		DmnDecisionRuleResult result = dmnEngine
			.evaluateDecisionTable(decision, Variables.createVariables().putValue("population", population))
			.getSingleResult();

		assertThat((Integer) result.get("tailleCpts")).isEqualTo(taille);
		assertThat((Boolean) result.get("eligible")).isEqualTo(eligible);
	}

	@Test
	void anUnknownPopulationMatchesNoRule() {
		assertThat(dmnEngine.evaluateDecisionTable(decision, Variables.createVariables().putValue("population", null)))
			.isEmpty();
	}

}
