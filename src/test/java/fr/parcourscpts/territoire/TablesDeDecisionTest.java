package fr.parcourscpts.territoire;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * The results kept by {@link TablesDeDecision} are bounded by their recent use: past the
 * bound the least recently read result leaves, the others stay. Each evaluation by the
 * engine writes a historic decision instance, so their count tells which answers came
 * from the engine and which from the kept results.
 */
@ApplicationTest
class TablesDeDecisionTest {

	@Autowired
	DecisionService decisions;

	@Autowired
	RepositoryService repository;

	@Autowired
	HistoryService history;

	@Test
	void theLeastRecentlyReadResultLeavesPastTheBoundAndTheOthersStay() {
		TablesDeDecision tables = new TablesDeDecision(this.decisions, this.repository, 3);
		long before = evaluations();

		evaluer(tables, 10_001);
		evaluer(tables, 20_001);
		evaluer(tables, 30_001);
		assertThat(evaluations() - before).isEqualTo(3);
		assertThat(tables.resultatsGardes()).isEqualTo(3);

		// read again: 10,001 becomes the most recent, 20,001 the least recent
		evaluer(tables, 10_001);
		assertThat(evaluations() - before).isEqualTo(3);

		evaluer(tables, 40_001);
		assertThat(evaluations() - before).isEqualTo(4);
		assertThat(tables.resultatsGardes()).isEqualTo(3);

		// kept: no evaluation
		evaluer(tables, 10_001);
		evaluer(tables, 30_001);
		evaluer(tables, 40_001);
		assertThat(evaluations() - before).isEqualTo(4);

		// evicted: evaluated again
		evaluer(tables, 20_001);
		assertThat(evaluations() - before).isEqualTo(5);
		assertThat(tables.resultatsGardes()).isEqualTo(3);
	}

	@Test
	void aKeptResultIsTheEnginesAnswer() {
		TablesDeDecision tables = new TablesDeDecision(this.decisions, this.repository, 3);

		Object premier = evaluer(tables, 180_000);
		Object garde = evaluer(tables, 180_000);

		assertThat(garde).isEqualTo(premier);
		assertThat(((Number) garde).intValue()).isEqualTo(4);
	}

	private static Object evaluer(TablesDeDecision tables, int population) {
		return tables.evaluer(ReglesTaille.DECISION, Variables.createVariables().putValue("population", population))
			.getSingleResult()
			.getEntryMap()
			.get("tailleCpts");
	}

	private long evaluations() {
		return this.history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(ReglesTaille.DECISION).count();
	}

}
