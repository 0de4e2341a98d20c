package fr.parcourscpts.intention;

import java.io.InputStream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision {@code consolidation-avis-urps}, rule by rule, on both sides of each
 * threshold (inputs as computed by {@link AvisUrps#compter}).
 */
class ConsolidationAvisUrpsDecisionTest {

	private static DmnEngine engine;

	private static DmnDecision decision;

	@BeforeAll
	static void parseTheDecision() throws Exception {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream dmn = ConsolidationAvisUrpsDecisionTest.class.getClassLoader()
			.getResourceAsStream("bpmn/consolidation-avis-urps.dmn")) {
			decision = engine.parseDecision(CreationProcess.DECISION_CONSOLIDATION, dmn);
		}
	}

	@ParameterizedTest(name = "{4}: max défavorables/critère={0}, sans avis={1}, favorables={2}% -> {3}")
	@CsvSource({
			// majority of URPS unfavorable on one criterion
			"5, 0, 80, defavorable, half the URPS unfavorable on one criterion",
			"10, 0, 0, defavorable, every URPS unfavorable on one criterion",
			"5, 6, 0, defavorable, unfavorable majority wins over missing quorum",
			// quorum
			"0, 6, 100, reserve, six URPS silent: quorum not reached", "0, 10, 0, reserve, no URPS answered",
			"0, 5, 100, favorable, five URPS silent: quorum reached",
			// contested criterion
			"4, 0, 80, reserve, four URPS unfavorable on one criterion",
			"3, 0, 90, reserve, three URPS unfavorable on one criterion",
			"2, 0, 90, favorable, two URPS unfavorable on one criterion",
			// share of favorable ratings
			"0, 0, 69, reserve, 69 percent favorable", "0, 0, 70, favorable, 70 percent favorable",
			"0, 0, 100, favorable, unanimous" })
	void proposesTheConsolidatedOpinion(int nbDefavorablesMaxCritere, int nbSansAvis, int pourcentageFavorables,
			String attendu, String cas) {
		String avis = engine
			.evaluateDecisionTable(decision,
					Variables.createVariables()
						.putValue(CreationProcess.NB_DEFAVORABLES_MAX_CRITERE, nbDefavorablesMaxCritere)
						.putValue(CreationProcess.NB_SANS_AVIS, nbSansAvis)
						.putValue(CreationProcess.POURCENTAGE_FAVORABLES, pourcentageFavorables))
			.getSingleEntry();
		assertThat(avis).as(cas).isEqualTo(attendu);
	}

}
