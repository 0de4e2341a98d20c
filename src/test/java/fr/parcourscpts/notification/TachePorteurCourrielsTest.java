package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

/**
 * Each porteur task of the models, when the engine creates it, puts one mail for the
 * dossier's porteurs in the outbox: what to do, the deadline, the link to the dossier by
 * its reference.
 */
@ApplicationTest
class TachePorteurCourrielsTest {

	/** References of this class alone (the portal numbers its own dossiers too). */
	private static final String R = "CPTS-76-2026-T"
			+ java.util.UUID.randomUUID().toString().substring(0, 4).toUpperCase();

	private static final String DEMO = "@demo.parcours-cpts.fr";

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	CourrielsFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CourrielsFixtures(this.jdbc, this.members);
		this.fixtures.emptyOutbox();
	}

	record Courriel(String destinataires, String sujet, String modele, String texte, String html, String statut) {
	}

	private List<Courriel> courriels(String reference, String modele) {
		return this.jdbc.sql("""
				select destinataires, sujet, modele, corps_texte, corps_html, statut from courriel
				where reference = :reference and modele = :modele order by id""")
			.param("reference", reference)
			.param("modele", modele)
			.query((rs, n) -> new Courriel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}

	private ProcessInstance avant(String processKey, String activityId, String reference, Map<String, Object> extra) {
		Map<String, Object> variables = new HashMap<>(Map.of("reference", reference, "region", "76", "porteur",
				"porteur.76", "nomCpts", "CPTS du Lauragais", "population", 52000L, "communes", "31555"));
		variables.putAll(extra);
		ProcessInstance instance = this.engine.getRuntimeService()
			.createProcessInstanceByKey(processKey)
			.businessKey(reference)
			.setVariables(variables)
			.startBeforeActivity(activityId)
			.execute();
		// the task's mails are rendered by the job it left, after the commit
		ProductionsEnAttente.executer(this.engine, instance.getId());
		return instance;
	}

	private Task tache(ProcessInstance instance, String key) {
		return this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance.getId())
			.taskDefinitionKey(key)
			.singleResult();
	}

	/** The day as the mails write it: on the Paris calendar, whatever the JVM's zone. */
	private static String jour(Date date) {
		SimpleDateFormat format = new SimpleDateFormat("dd/MM/yyyy");
		format.setTimeZone(java.util.TimeZone.getTimeZone("Europe/Paris"));
		return format.format(date);
	}

	@Test
	void theContractReadyToSignIsMailedOnceToEveryPorteurWithTheDeadlineAndTheDossiersLink() {
		this.fixtures.dossier((R + "01"), "76", "porteur.76", "co.porteur@exemple.fr");
		ProcessInstance contrat = avant("contrat-aci", "signatureContrat", (R + "01"),
				Map.of("dateEffetContrat", new Date(), "partFixe", 142500L, "partVariable", 110000L));
		Task signature = tache(contrat, "signerContratPorteur");
		assertThat(signature.getDueDate()).isNotNull();

		List<Courriel> mails = courriels((R + "01"), "contratASigner");
		assertThat(mails).extracting(Courriel::destinataires)
			.containsExactlyInAnyOrder("porteur.76" + DEMO, "co.porteur@exemple.fr");
		assertThat(mails).allSatisfy((mail) -> {
			assertThat(mail.statut()).as("in the outbox, delivered and retried by the sender").isEqualTo("PENDING");
			assertThat(mail.sujet()).isEqualTo(R + "01 : votre contrat est prêt à être signé");
			assertThat(mail.texte()).contains("attend votre signature")
				.contains("Signez-le au plus tard le " + jour(signature.getDueDate()))
				.contains("http://localhost:8080/dossiers/" + R + "01")
				.doesNotContain("null");
			assertThat(mail.html()).contains("au plus tard le " + jour(signature.getDueDate()))
				.contains("href=\"http://localhost:8080/dossiers/" + R + "01\"");
		});
		// the agents' tasks of the same phase (CPAM, ARS) send the porteur nothing more
		assertThat(this.jdbc.sql("select count(*) from courriel where reference = :r and destinataires = :to")
			.param("r", (R + "01"))
			.param("to", "porteur.76" + DEMO)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theReminderOfAWaitingTaskIsNotASecondTaskMail() {
		this.fixtures.dossier((R + "02"), "76", "porteur.76");
		ProcessInstance creation = avant("cpts-creation", "deposerProjetSante", (R + "02"), Map.of());
		Task depot = tache(creation, "deposerProjetSante");

		List<Courriel> mails = courriels((R + "02"), "projetSanteADeposer");
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).sujet()).isEqualTo(R + "02 : déposez votre projet de santé");
		assertThat(mails.get(0).texte()).contains("Déposez-le au plus tard le " + jour(depot.getDueDate()));

		Job relance = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(creation.getId())
			.timers()
			.activityId("relanceProjetSanteDue")
			.singleResult();
		this.engine.getManagementService().executeJob(relance.getId());
		this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(creation.getId())
			.messages()
			.list()
			.forEach((job) -> this.engine.getManagementService().executeJob(job.getId()));
		assertThat(courriels((R + "02"), "projetSanteADeposer")).hasSize(1);
	}

	@Test
	void theActivityReportIsExpectedWithItsYearAndDeadline() {
		this.fixtures.dossier((R + "03"), "76", "porteur.76");
		ProcessInstance evaluation = avant("evaluation-annuelle", "transmettreRapportActivite", (R + "03"),
				Map.of("numeroEvaluation", 2L, "dateAnniversaire", new Date()));
		Task rapport = tache(evaluation, "transmettreRapportActivite");

		List<Courriel> mails = courriels((R + "03"), "rapportActiviteADeposer");
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).sujet()).isEqualTo(R + "03 : votre rapport d’activité est attendu");
		assertThat(mails.get(0).texte()).contains("L’année 2 du contrat ACI")
			.contains("Transmettez-les au plus tard le " + jour(rapport.getDueDate()));
	}

	@Test
	void everyPorteurTaskOfTheModelsHasItsOwnMail() throws Exception {
		Pattern porteurTask = Pattern.compile("camunda:formKey=\"portail:([A-Za-z]+)\"");
		Set<String> found = new java.util.TreeSet<>();
		for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
			Matcher matcher = porteurTask.matcher(model.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
			while (matcher.find()) {
				found.add(matcher.group(1));
			}
		}
		assertThat(found).hasSizeGreaterThanOrEqualTo(6);
		assertThat(TachePorteurCourriels.EVENEMENTS.keySet()).containsExactlyInAnyOrderElementsOf(found);
	}

	@Test
	void everyPorteurTaskMailRendersWithoutAMissingText() {
		this.fixtures.dossier((R + "04"), "76", "porteur.76");
		avant("cpts-creation", "corrigerLettreIntention", (R + "04"), Map.of());
		avant("cpts-creation", "completerDemandeFir", (R + "04"), Map.of());
		avant("cpts-creation", "corrigerProjetSante", (R + "04"), Map.of());
		for (String modele : List.of("lettreACorriger", "demandeFirACompleter", "projetSanteACorriger")) {
			List<Courriel> mails = courriels((R + "04"), modele);
			assertThat(mails).as(modele).hasSize(1);
			assertThat(mails.get(0).texte() + mails.get(0).html()).as(modele)
				.doesNotContain("??")
				.doesNotContain("null")
				.contains("au plus tard le ")
				.contains("/dossiers/" + R + "04");
		}
	}

}
