package fr.parcourscpts.territoire;

import java.time.Duration;
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
	 * values as territories, so the map is emptied when it grows past this.
	 */
	static final int RESULTATS_MAX = 5000;

	private record Version(String id, long luA) {
	}

	private record Entree(String definition, Map<String, Object> variables) {
	}

	private final DecisionService decisions;

	private final RepositoryService repository;

	private final Map<String, Version> versions = new ConcurrentHashMap<>();

	private final Map<Entree, DmnDecisionTableResult> resultats = new ConcurrentHashMap<>();

	TablesDeDecision(DecisionService decisions, RepositoryService repository) {
		this.decisions = decisions;
		this.repository = repository;
	}

	DmnDecisionTableResult evaluer(String cle, VariableMap variables) {
		String definition = derniereVersion(cle);
		// the inputs are strings and numbers: a sorted copy is a stable key
		Entree entree = new Entree(definition, new TreeMap<>(variables));
		if (this.resultats.size() >= RESULTATS_MAX) {
			this.resultats.clear();
		}
		return this.resultats.computeIfAbsent(entree,
				(e) -> this.decisions.evaluateDecisionTableById(definition).variables(variables).evaluate());
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
