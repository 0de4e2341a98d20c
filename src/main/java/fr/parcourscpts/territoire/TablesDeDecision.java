package fr.parcourscpts.territoire;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The decision tables deployed in the engine, as the pages read them: a result is kept
 * for each version of a table and each set of inputs, since a deployed version never
 * changes. Evaluating through the engine each time wrote three history rows (decision
 * instance, input, output) and read the latest version, for every region, structure and
 * département shown: 72 statements and 24 inserts on each view of a porteur's dossier
 * page (RequetesParPageTest, docs/scale.md). The latest version of a table is looked up
 * again after {@link #VERSION_RELUE}: a version deployed while the service runs shows in
 * the pages that long after the process uses it.
 */
final class TablesDeDecision {

	static final Duration VERSION_RELUE = Duration.ofSeconds(30);

	/**
	 * Results kept at most: the size table's input is a population, a number with as many
	 * values as territories, so the least recently read results leave past this (the
	 * regions' and structures' few results, read on every page, stay).
	 */
	static final int RESULTATS_MAX = 5000;

	private record Version(String id, long luA) {
	}

	private record Entree(String definition, Map<String, Object> variables) {
	}

	private final DecisionService decisions;

	private final RepositoryService repository;

	private final Map<String, Version> versions = new ConcurrentHashMap<>();

	/**
	 * In access order, guarded by itself: a read moves the entry to the end, the eldest
	 * leaves past {@link #RESULTATS_MAX}. Emptying the whole map there (as before) made
	 * every page evaluate its tables again after each 5,000 populations.
	 */
	private final LinkedHashMap<Entree, DmnDecisionTableResult> resultats;

	TablesDeDecision(DecisionService decisions, RepositoryService repository) {
		this(decisions, repository, RESULTATS_MAX);
	}

	TablesDeDecision(DecisionService decisions, RepositoryService repository, int resultatsMax) {
		this.decisions = decisions;
		this.repository = repository;
		this.resultats = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Entree, DmnDecisionTableResult> eldest) {
				return size() > resultatsMax;
			}

		};
	}

	DmnDecisionTableResult evaluer(String cle, VariableMap variables) {
		String definition = derniereVersion(cle);
		// the inputs are strings and numbers: a sorted copy is a stable key
		Entree entree = new Entree(definition, new TreeMap<>(variables));
		DmnDecisionTableResult resultat;
		synchronized (this.resultats) {
			resultat = this.resultats.get(entree);
		}
		if (resultat == null) {
			// evaluated outside the lock: two pages may evaluate the same inputs at once,
			// both get the same answer, and no page waits for another's evaluation
			resultat = this.decisions.evaluateDecisionTableById(definition).variables(variables).evaluate();
			synchronized (this.resultats) {
				this.resultats.put(entree, resultat);
			}
		}
		return resultat;
	}

	/** How many results are kept (for the tests of the eviction). */
	int resultatsGardes() {
		synchronized (this.resultats) {
			return this.resultats.size();
		}
	}

	private String derniereVersion(String cle) {
		long maintenant = System.nanoTime();
		Version version = this.versions.get(cle);
		if (version == null || maintenant - version.luA() > VERSION_RELUE.toNanos()) {
			DecisionDefinition derniere = this.repository.createDecisionDefinitionQuery()
				.decisionDefinitionKey(cle)
				.withoutTenantId()
				.latestVersion()
				.singleResult();
			if (derniere == null) {
				throw new IllegalStateException("Table de décision " + cle + " non déployée");
			}
			version = new Version(derniere.getId(), maintenant);
			this.versions.put(cle, version);
		}
		return version.id();
	}

}
