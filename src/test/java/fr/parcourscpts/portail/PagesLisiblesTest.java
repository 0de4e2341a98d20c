package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.text.SimpleDateFormat;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.intention.AvisUrps;

/**
 * What the porteur reads is written for people: the status of each stage with its next
 * date on "Mes dossiers" and the dossier page, amounts in euros the French way, the
 * institutions and the people by their names, the required upload marked.
 */
@ApplicationTest
class PagesLisiblesTest {

	/** Between the thousands (French typography, as {@code NumberFormat} writes it). */
	private static final String MILLIERS = "\u202f";

	@Autowired
	WebApplicationContext context;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = PortailFixtures.mvc(this.context);
	}

	private String page(String url) throws Exception {
		return HtmlUtils.htmlUnescape(this.mvc.perform(get(url).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private ProcessInstance principale(String reference) {
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.processDefinitionKey("cpts-creation")
			.singleResult();
	}

	private Task tache(String reference, String key) {
		return this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey(key)
			.singleResult();
	}

	/**
	 * Completes the task as its assignee, as the agent would in Tasklist (the engine's
	 * guard only lets a real request of the agent through, not a test's authentication).
	 */
	private void completer(String user, Task task, Map<String, Object> variables) {
		this.engine.getTaskService().setAssignee(task.getId(), user);
		this.engine.getTaskService().complete(task.getId(), variables);
	}

	/** Moves the dossier to the Guichet's forwarding, the ten URPS opinions given. */
	private void avisUrpsRendus(String processInstanceId) {
		ActivityInstance tree = this.engine.getRuntimeService().getActivityInstance(processInstanceId);
		ProcessInstanceModificationBuilder modification = this.engine.getRuntimeService()
			.createProcessInstanceModification(processInstanceId)
			.startBeforeActivity("transmettreAvisArs")
			.setVariable("avisConsolide", "favorable")
			.setVariable("avisUrps", AvisUrps.ecrire(Map.of("urps-biologistes", Map.of("critereMissions", "favorable",
					"critereMobilisation", "favorable", "critereTerritoire", "reserve", "avisGlobal", "favorable"))));
		for (ActivityInstance child : tree.getChildActivityInstances()) {
			modification.cancelActivityInstance(child.getId());
		}
		modification.execute();
	}

	private void executerMessages(String processInstanceId) {
		for (Job job : this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(processInstanceId)
			.messages()
			.list()) {
			this.engine.getManagementService().executeJob(job.getId());
		}
	}

	@Test
	void myDossiersShowTheStatusOfEachAndItsNextDate() throws Exception {
		long brouillon = PortailFixtures.brouillon(this.mvc, "porteur.76", "CPTS en construction");
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS déposée", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		// the pages write days on the Paris calendar, whatever the JVM's zone
		SimpleDateFormat paris = new SimpleDateFormat("dd/MM/yyyy");
		paris.setTimeZone(java.util.TimeZone.getTimeZone("Europe/Paris"));
		String echeance = paris.format(tache(reference, "verifierCompletude").getDueDate());

		String liste = page("/dossiers");
		assertThat(liste).contains("Statut")
			.contains("En construction")
			.contains("Déposée")
			.contains("Vérification par le Guichet CPTS attendue au plus tard le " + echeance);
		assertThat(brouillon).isNotEqualTo(lettre);

		String dossier = page("/dossiers/" + reference);
		assertThat(dossier).contains("Statut du dossier")
			.contains("Déposée")
			.contains("attendue au plus tard le " + echeance);
	}

	@Test
	void decisionsNameTheirAuthorsAndInstitutionsAndAmountsReadInEuros() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS lisible", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		completer("guichet.76", tache(reference, "verifierCompletude"), Map.of("completude", "complete"));
		avisUrpsRendus(instance.getId());
		completer("guichet.76", tache(reference, "transmettreAvisArs"), Map.of("avisConsolideFinal", "favorable"));
		executerMessages(instance.getId());
		assertThat(page("/dossiers")).contains("Décision FIR").contains("Décision de l’ARS attendue au plus tard le");

		completer("ars.76", tache(reference, "deciderFinancementFir"),
				Map.of("decisionFir", "accorde", "montantFirAccorde", 30000.0));
		executerMessages(instance.getId());

		String dossier = page("/dossiers/" + reference);
		assertThat(dossier).contains("Montant FIR accordé").doesNotContain("Montant FIR accordé (€)");
		assertThat(dossier).contains("30" + MILLIERS + "000\u00a0€").doesNotContain("30000.0");
		assertThat(dossier).contains("URPS Biologistes").doesNotContain(">urps-biologistes<");
		assertThat(dossier).contains("par Guichet CPTS Occitanie").doesNotContain("par guichet.76");
		assertThat(dossier).contains("Projet de santé à déposer");

		Task depot = tache(reference, "deposerProjetSante");
		String formulaire = page("/dossiers/" + reference + "/taches/" + depot.getId());
		assertThat(formulaire)
			.contains("Statuts de l'association (PDF, 20 Mo au plus) <abbr title=\"obligatoire\">*</abbr>");
	}

}
