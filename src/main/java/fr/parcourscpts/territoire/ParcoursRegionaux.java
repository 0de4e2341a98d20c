package fr.parcourscpts.territoire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import fr.parcourscpts.territoire.ParcoursRegional.Structure;

/**
 * The path of each region, read from the decisions of {@value #MODEL}: the very tables
 * the model {@code cpts-creation} evaluates, so that the portal, the mails, the agents'
 * views and the process never disagree, and a region's path changes without a Java
 * change.
 */
@Component
public class ParcoursRegionaux {

	static final String DECISION_PARCOURS = "parcours-regional";

	static final String DECISION_STRUCTURE = "structure-accompagnement";

	static final String DECISION_CONTACT_CPAM = "contact-cpam";

	static final String MODEL = "bpmn/parcours-regional.dmn";

	private final BiFunction<String, VariableMap, DmnDecisionTableResult> tables;

	/**
	 * The tables as deployed in the process engine (their latest version). A table's
	 * answer depends only on its version and its inputs, so it is kept per version: the
	 * portal, every mail and every agent's page ask the same few questions (a region's
	 * path, its structures, a département's contact), and evaluating them anew cost a
	 * FEEL evaluation and a row of decision history each time (the P1 profile,
	 * docs/scale.md). A new deployment of the model is a new version: its answers are
	 * asked again.
	 */
	@Autowired
	ParcoursRegionaux(DecisionService decisions, ProcessEngineConfigurationImpl engine) {
		this(parVersion(
				(decision) -> engine.getCommandExecutorTxRequired()
					.execute((context) -> derniereVersion(context, decision)),
				(id, variables) -> decisions.evaluateDecisionTableById(id).variables(variables).evaluate()));
	}

	/**
	 * The latest version of a decision without tenant, or null; no authorization asked.
	 */
	private static String derniereVersion(CommandContext context, String decision) {
		DecisionDefinitionEntity latest = context.getDecisionDefinitionManager()
			.findLatestDefinitionByKeyAndTenantId(decision, null);
		return (latest != null) ? latest.getId() : null;
	}

	/** The answers kept per version of the table and inputs (a few hundred at most). */
	static BiFunction<String, VariableMap, DmnDecisionTableResult> parVersion(Function<String, String> version,
			BiFunction<String, VariableMap, DmnDecisionTableResult> evaluate) {
		Map<String, DmnDecisionTableResult> answers = new ConcurrentHashMap<>();
		return (decision, variables) -> {
			String id = version.apply(decision);
			if (id == null) {
				throw new IllegalStateException("Décision " + decision + " non déployée");
			}
			if (answers.size() > 2000) {
				answers.clear();
			}
			return answers.computeIfAbsent(id + " " + new TreeMap<>(variables), (key) -> evaluate.apply(id, variables));
		};
	}

	private ParcoursRegionaux(BiFunction<String, VariableMap, DmnDecisionTableResult> tables) {
		this.tables = tables;
	}

	/** The tables read from a model file, evaluated without a process engine (tests). */
	public static ParcoursRegionaux fromModelFile(String resource) {
		DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream model = ParcoursRegionaux.class.getClassLoader().getResourceAsStream(resource)) {
			if (model == null) {
				throw new IllegalStateException(resource + " is not on the classpath");
			}
			var decisions = engine.parseDecisions(model);
			return new ParcoursRegionaux(
					(key, variables) -> engine.evaluateDecisionTable(
							decisions.stream()
								.filter((decision) -> decision.getKey().equals(key))
								.findFirst()
								.orElseThrow(() -> new IllegalStateException(key + " is not in " + resource)),
							variables));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static ParcoursRegionaux fromModelFile() {
		return fromModelFile(MODEL);
	}

	/**
	 * The path of a region (the ARS-direct path of the last rule when not configured).
	 */
	public ParcoursRegional deRegion(String region) {
		Map<String, Object> sortie = this.tables
			.apply(DECISION_PARCOURS, Variables.createVariables().putValue("region", region))
			.getSingleResult()
			.getEntryMap();
		String liste = (String) sortie.get("structuresAccompagnement");
		List<Structure> structures = (liste == null) ? List.of()
				: Arrays.stream(liste.split(","))
					.map(String::trim)
					.filter((groupe) -> !groupe.isEmpty())
					.map((groupe) -> structure(region, groupe))
					.toList();
		return new ParcoursRegional(region, (String) sortie.get("destinataireLettre"),
				(String) sortie.get("consultationUrps"), structures);
	}

	/**
	 * The path of a region, checked: a recipient and a way of hearing the URPS that the
	 * model knows, contacts for every structure.
	 * @throws IllegalStateException naming the region and what is wrong
	 */
	public ParcoursRegional verifier(String region) {
		ParcoursRegional parcours = deRegion(region);
		if (!List.of(ParcoursRegional.GUICHET_CPTS, ParcoursRegional.ARS).contains(parcours.destinataireLettre())) {
			throw new IllegalStateException(
					"Parcours de la région " + region + " : destinataire de la lettre inconnu « "
							+ parcours.destinataireLettre() + " » (guichet-cpts ou ars)");
		}
		if (!List.of("dixUrps", "interUrps", "aucune").contains(parcours.consultationUrps())) {
			throw new IllegalStateException("Parcours de la région " + region + " : consultation des URPS inconnue « "
					+ parcours.consultationUrps() + " » (dixUrps, interUrps ou aucune)");
		}
		return parcours;
	}

	private Structure structure(String region, String groupe) {
		var resultat = this.tables.apply(DECISION_STRUCTURE,
				Variables.createVariables().putValue("region", region).putValue("structure", groupe));
		if (resultat.isEmpty()) {
			// a structure without contacts is a configuration error: say which
			throw new IllegalStateException("Structure d'accompagnement " + groupe + " de la région " + region
					+ " sans coordonnées dans " + DECISION_STRUCTURE);
		}
		Map<String, Object> sortie = resultat.getSingleResult().getEntryMap();
		return new Structure(groupe, texte(sortie.get("nom")), texte(sortie.get("telephone")),
				texte(sortie.get("courriel")));
	}

	/** The Assurance Maladie contact of a département, when configured. */
	public Optional<String> contactCpam(String departement) {
		if (departement == null) {
			return Optional.empty();
		}
		var resultat = this.tables.apply(DECISION_CONTACT_CPAM,
				Variables.createVariables().putValue("departement", departement));
		return resultat.isEmpty() ? Optional.empty()
				: Optional.ofNullable((String) resultat.getSingleResult().getEntryMap().get("courriel"));
	}

	private static String texte(Object valeur) {
		return (valeur != null) ? valeur.toString() : "";
	}

}
