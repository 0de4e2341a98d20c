package fr.parcourscpts.agents;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.parcourscpts.intention.AvisUrps;
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

	/**
	 * Takes a sent lettre through its steps as each institution would decide them (the
	 * lettre complete, ten favourable URPS opinions, forwarded, the FIR granted), then
	 * the porteur deposits the projet de santé with its statuts in the portal: the CPAM's
	 * opinion is due. Returns the id of the statuts' piece.
	 */
	long jusquAuProjetDeSante(String reference, String porteur) throws Exception {
		lettreComplete(reference);
		avisRendus(reference);
		transmis(reference);
		firAccorde(reference);
		return projetDepose(reference, porteur);
	}

	/** The Guichet finds the lettre complete. */
	void lettreComplete(String reference) {
		terminer(reference, "verifierCompletude", "guichet-cpts", Map.of("completude", "complete"));
	}

	/** The ten URPS give a favourable opinion, each with its reason. */
	void avisRendus(String reference) {
		for (String urps : AvisUrps.urps()) {
			terminer(reference, "rendreAvisUrps", urps,
					Map.of("critereMissions", "favorable", "commentaireMissions", "Avis motivé de " + urps,
							"critereMobilisation", "favorable", "commentaireMobilisation", "-", "critereTerritoire",
							"favorable", "commentaireTerritoire", "-", "avisGlobal", "favorable"));
		}
	}

	/** The Guichet forwards the opinions to the ARS. */
	void transmis(String reference) {
		terminer(reference, "transmettreAvisArs", "guichet-cpts", Map.of("avisConsolideFinal", "favorable"));
	}

	/** The ARS grants 25,000 € of FIR. */
	void firAccorde(String reference) {
		terminer(reference, "deciderFinancementFir", "ars",
				Map.of("decisionFir", "accorde", "montantFirAccorde", 25000.0));
	}

	/**
	 * The porteur deposits the projet de santé with its statuts in the portal; returns
	 * the id of the statuts' piece.
	 */
	long projetDepose(String reference, String porteur) throws Exception {
		String url = "/dossiers/" + reference + "/taches/" + tache(reference, "deposerProjetSante", null).getId();
		int status = this.mvc
			.perform(multipart(url)
				.file(new MockMultipartFile("fichier", "statuts-association.pdf", "application/pdf", PDF))
				.param("missionsActions", "Accès aux soins : une permanence le samedi.")
				.param("gouvernance", "Association loi 1901, bureau de six membres.")
				.param("systemesInformation", "Messagerie sécurisée de santé.")
				.with(user(porteur).authorities(new SimpleGrantedAuthority("GROUP_porteurs"),
						new SimpleGrantedAuthority("REGION_" + reference.split("-")[1])))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		if (status != 302) {
			throw new AssertionError("projet de santé not deposited: " + status);
		}
		executerTout(reference);
		return this.jdbc.sql("""
				select p.id from piece_jointe p join lettre_intention l on l.id = p.lettre_id
				join dossier d on d.id = l.dossier_id where d.reference = :reference and p.categorie = 'STATUTS'""")
			.param("reference", reference)
			.query(Long.class)
			.single();
	}

	/** The open task of this step of the dossier (offered to this group, if given). */
	Task tache(String reference, String activite, String groupe) {
		TaskQuery query = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey(activite);
		if (groupe != null) {
			query.taskCandidateGroup(groupe);
		}
		Task task = query.singleResult();
		if (task == null) {
			throw new AssertionError("no open task " + activite + " of " + groupe + " on " + reference);
		}
		return task;
	}

	private void terminer(String reference, String activite, String groupe, Map<String, Object> variables) {
		this.engine.getTaskService().complete(tache(reference, activite, groupe).getId(), variables);
		executerTout(reference);
	}

	/**
	 * Runs the jobs due now of the dossier and of its called processes (same business
	 * key).
	 */
	private void executerTout(String reference) {
		for (int round = 0; round < 20; round++) {
			List<Job> due = this.engine.getRuntimeService()
				.createProcessInstanceQuery()
				.processInstanceBusinessKey(reference)
				.list()
				.stream()
				.flatMap((instance) -> this.engine.getManagementService()
					.createJobQuery()
					.processInstanceId(instance.getId())
					.executable()
					.list()
					.stream())
				.filter((job) -> job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime()))
				.toList();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((job) -> this.engine.getManagementService().executeJob(job.getId()));
		}
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
