package fr.parcourscpts.agents;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.parcourscpts.portail.PortailFixtures;

/**
 * Real dossiers for the agents' tests: lettres d'intention sent through the portal as a
 * porteur (like {@code portail/PortailFixtures}), then moved in the engine where a test
 * needs them (like {@code garde/MoteurFixtures}).
 */
final class DossiersDeTest {

	private final MockMvc mvc;

	private final JdbcClient jdbc;

	private final ProcessEngine engine;

	DossiersDeTest(MockMvc mvc, JdbcClient jdbc, ProcessEngine engine) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.engine = engine;
	}

	/** A small but real PDF. */
	static final byte[] PDF = PortailFixtures.pdf();

	/**
	 * The demo agent of an institution in a region, as the application sees them after
	 * login: {@code guichet.76}, {@code urps-medecins.76}, {@code admin.52}.
	 */
	static RequestPostProcessor agentDemo(String group, String region) {
		String prefix = switch (group) {
			case "guichet-cpts" -> "guichet";
			case "administrateurs" -> "admin";
			default -> group;
		};
		return user(prefix + "." + region).authorities(new SimpleGrantedAuthority("GROUP_" + group),
				new SimpleGrantedAuthority("REGION_" + region));
	}

	/** {@code porteur.76}, the demo porteur of Occitanie, after login. */
	static RequestPostProcessor porteur76() {
		return user("porteur.76").authorities(new SimpleGrantedAuthority("GROUP_porteurs"),
				new SimpleGrantedAuthority("REGION_76"));
	}

	/** A word found in no other test's dossier, to search for this test's only. */
	static String marque() {
		return "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	/** An agent or administrator, as the application sees them after login. */
	static RequestPostProcessor agent(String id, String groupe) {
		return user(id).authorities(new SimpleGrantedAuthority("GROUP_" + groupe));
	}

	static RequestPostProcessor porteur(String id) {
		return user(id).authorities(new SimpleGrantedAuthority("GROUP_porteurs"));
	}

	/** Sends a valid lettre as {@code porteur}; returns the dossier's reference. */
	String envoyer(String porteur, String nom, String communes) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/dossiers/nouveau");
		Map.ofEntries(Map.entry("nomCpts", nom), Map.entry("communes", communes),
				Map.entry("besoins", "Trop de patients sans médecin traitant."),
				Map.entry("professionnels[medecinsGeneralistes]", "12"), Map.entry("professionnels[infirmiers]", "20"),
				Map.entry("missionAccesSoins", "true"), Map.entry("missionParcours", "true"),
				Map.entry("missionPrevention", "true"), Map.entry("missionCrisesSanitaires", "true"),
				Map.entry("objectifs", "Un médecin traitant pour chacun."),
				Map.entry("actions", "Soins non programmés."), Map.entry("moyens", "Un coordinateur."),
				Map.entry("montantFirDemande", "30000"), Map.entry("lignesBudget[0].libelle", "Coordination"),
				Map.entry("lignesBudget[0].montant", "30000"), Map.entry("action", "envoyer"))
			.forEach(request::param);
		MvcResult result = this.mvc.perform(request.with(porteur(porteur)).with(csrf())).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		if (location == null || !location.endsWith("/recu")) {
			throw new AssertionError("not sent: " + result.getResponse().getStatus());
		}
		// the receipt's page: /dossiers/{reference}/recu
		String reference = location.replaceAll(".*/dossiers/([^/]+)/recu$", "$1");
		executeMessages(processInstance(reference));
		return reference;
	}

	String processInstance(String reference) {
		return this.jdbc.sql("select process_instance_id from dossier where reference = :reference")
			.param("reference", reference)
			.query(String.class)
			.single();
	}

	/** Moves the dossier right before {@code activityId}, with these variables set. */
	void deplacer(String reference, String activityId, Map<String, Object> variables) {
		String id = processInstance(reference);
		RuntimeService runtime = this.engine.getRuntimeService();
		runtime.setVariables(id, variables);
		ActivityInstance tree = runtime.getActivityInstance(id);
		ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(id)
			.startBeforeActivity(activityId);
		for (ActivityInstance child : tree.getChildActivityInstances()) {
			modification.cancelActivityInstance(child.getId());
		}
		for (TransitionInstance transition : tree.getChildTransitionInstances()) {
			modification.cancelTransitionInstance(transition.getId());
		}
		modification.execute();
		executeMessages(id);
	}

	/** Runs the asynchronous continuations (not the timers) of the dossier. */
	void executeMessages(String processInstanceId) {
		for (int round = 0; round < 20; round++) {
			List<Job> due = this.engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.executable()
				.messages()
				.list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((job) -> this.engine.getManagementService().executeJob(job.getId()));
		}
	}

}
