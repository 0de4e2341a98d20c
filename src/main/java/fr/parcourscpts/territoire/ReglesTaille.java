package fr.parcourscpts.territoire;

import java.io.InputStream;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The size class and the eligibility of a population, by the decision table
 * {@value #DECISION} ({@code bpmn/taille-cpts.dmn}): the very table the contract process
 * uses, so that the portal and the contract never disagree and the thresholds (minimum
 * 20,000 inhabitants; 40,000 / 80,000 / 175,000) are configured in one place.
 */
@Component
public class ReglesTaille {

	static final String DECISION = "taille-cpts";

	private static final String MODEL = "bpmn/taille-cpts.dmn";

	/**
	 * Eligibility grows with the population: the minimum is searched below this bound.
	 */
	private static final long SEARCH_CEILING = 10_000_000L;

	private final Function<VariableMap, DmnDecisionTableResult> table;

	/**
	 * The table as deployed in the process engine (its latest version), its results kept
	 * (TablesDeDecision).
	 */
	@Autowired
	ReglesTaille(DecisionService decisions, RepositoryService repository) {
		this(tables(new TablesDeDecision(decisions, repository)));
	}

	private static Function<VariableMap, DmnDecisionTableResult> tables(TablesDeDecision tables) {
		return (variables) -> tables.evaluer(DECISION, variables);
	}

	private ReglesTaille(Function<VariableMap, DmnDecisionTableResult> table) {
		this.table = table;
	}

	/** The table read from the model file, evaluated without a process engine (tests). */
	static ReglesTaille fromModelFile() {
		DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream model = ReglesTaille.class.getClassLoader().getResourceAsStream(MODEL)) {
			if (model == null) {
				throw new IllegalStateException(MODEL + " is not on the classpath");
			}
			DmnDecision decision = engine.parseDecision(DECISION, model);
			return new ReglesTaille((variables) -> engine.evaluateDecisionTable(decision, variables));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The class of a population; below the minimum the territory is not eligible. */
	public Classement classer(long population) {
		var result = this.table.apply(Variables.createVariables().putValue("population", population)).getSingleResult();
		// An empty output cell leaves no entry at all: read the map, not getEntry.
		boolean eligible = Boolean.TRUE.equals(result.getEntryMap().get("eligible"));
		Number taille = (Number) result.getEntryMap().get("tailleCpts");
		return new Classement((taille != null) ? TailleCpts.values()[taille.intValue() - 1] : TailleCpts.TAILLE_1,
				eligible);
	}

	/**
	 * The least eligible population, for messages: found in the table (eligibility is
	 * monotonic).
	 */
	public long minimumPopulation() {
		long low = 0;
		long high = SEARCH_CEILING;
		while (low < high) {
			long middle = (low + high) >>> 1;
			if (classer(middle).eligible()) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	/**
	 * A population's class.
	 *
	 * @param taille the size class (taille 1 when not eligible: the table gives none)
	 * @param eligible whether the population reaches the minimum of a CPTS
	 */
	public record Classement(TailleCpts taille, boolean eligible) {
	}

}
