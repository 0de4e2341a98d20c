package fr.parcourscpts.evaluation;

import java.io.InputStream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PaiementAnnuelDecisionTest {

	private static DmnEngine dmnEngine;

	private static DmnDecision decision;

	@BeforeAll
	static void parse() throws Exception {
		dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream dmn = PaiementAnnuelDecisionTest.class.getResourceAsStream("/bpmn/paiement-annuel.dmn")) {
			decision = dmnEngine.parseDecision(EvaluationProcess.DECISION_PAIEMENT, dmn);
		}
	}

	@ParameterizedTest(name = "missions déployées {0} : avance {1}, part variable due {2}")
	@CsvSource({ "true, 0.75, true", "false, 0.75, false" })
	void advanceIsThreeQuartersOfTheFixedPartAndVariablePartNeedsDeployedMissions(boolean deployees, double tauxAvance,
			boolean partVariableDue) {
		DmnDecisionRuleResult result = dmnEngine
			.evaluateDecisionTable(decision, Variables.createVariables().putValue("missionsDeployees", deployees))
			.getSingleResult();

		assertThat((Double) result.get("tauxAvance")).isEqualTo(tauxAvance);
		assertThat((Boolean) result.get("partVariableDue")).isEqualTo(partVariableDue);
	}

}
