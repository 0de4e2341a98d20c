package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

@ApplicationTest
class NotificationCourrielsTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final String DEMO = "@demo.parcours-cpts.fr";

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CourrielSender sender;

	@Autowired
	ResumeQuotidien resumes;

	@Autowired
	PreferencesCourriel preferences;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	MessageSource messages;

	@Autowired
	ProcessEngine engine;

	CourrielsFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CourrielsFixtures(this.jdbc, this.members);
		this.fixtures.emptyOutbox();
	}

	@AfterEach
	void resetPreferences() {
		this.jdbc.sql("delete from preference_courriel").update();
	}

	@Test
	void tacitValidationTellsPorteursArsAndCpamOfTheRegionWithTheDateAndTheAttestation() throws Exception {
		this.fixtures.dossier("CPTS-76-2026-8001", "76", "porteur.76", "co.porteur@exemple.fr");
		Date tacite = date(2026, 3, 14);
		notify("CPTS-76-2026-8001", "76", "projetSanteValideTacitement", "porteur,ars,cpam",
				Map.of("dateValidationTacite", tacite, "dateDepotProjetSante", date(2026, 1, 14), "nomCpts",
						"CPTS du Lauragais"));

		assertThat(this.sender.sendDue()).isEqualTo(4);
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(CourrielsFixtures.recipients(received)).containsExactlyInAnyOrder("porteur.76" + DEMO,
				"co.porteur@exemple.fr", "ars.76" + DEMO, "cpam.76" + DEMO);

		MimeMessage porteur = CourrielsFixtures.to(received, "porteur.76" + DEMO);
		assertThat(porteur.getSubject()).isEqualTo("CPTS-76-2026-8001 : projet de santé validé tacitement");
		String body = GreenMailUtil.getBody(porteur);
		assertThat(decoded(porteur)).contains("réputé validé depuis le 14/03/2026")
			.contains("validation tacite")
			.contains("http://localhost:8080/dossiers/CPTS-76-2026-8001")
			.contains("la CPAM prépare le contrat");
		assertThat(attachmentNames(porteur)).containsExactly("attestation-validation-CPTS-76-2026-8001.pdf");
		assertThat(body).isNotEmpty();
		// The attestation was rendered by the delivery (nobody had read it before): the
		// porteur got the stored bytes, whose digest the pages show.
		Object[] document = this.jdbc.sql("select contenu, sha256 from document where reference = 'CPTS-76-2026-8001'")
			.query((rs, n) -> new Object[] { rs.getBytes(1), rs.getString(2) })
			.single();
		byte[] attached = attachmentBytes(porteur).get(0);
		assertThat(attached).isEqualTo((byte[]) document[0]);
		assertThat(document[1]).isEqualTo(java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(attached)));

		MimeMessage ars = CourrielsFixtures.to(received, "ars.76" + DEMO);
		// The agent is sent to the dossier's page in the agents' workspace, Tasklist
		// next.
		assertThat(decoded(ars)).contains("14/03/2026")
			.contains("Ouvrir le dossier complet : http://localhost:8080/agents/dossiers/CPTS-76-2026-8001")
			.contains("Votre liste de tâches dans Tasklist : http://localhost:8080/camunda/app/tasklist/");
		assertThat(attachmentNames(ars)).as("agents download the document from the link").isEmpty();
		assertThat(decoded(ars)).contains("/documents/");
	}

	@Test
	void aGroupIsToldInTheDossiersRegionOnly() throws Exception {
		this.fixtures.dossier("CPTS-52-2026-8002", "52", "porteur.52");
		notify("CPTS-52-2026-8002", "52", "relanceAvisUrps", "urps-medecins", Map.of("nomCpts", "CPTS de Cholet"));
		notify("CPTS-52-2026-8002", "52", "dossierAbandonne", "porteur,guichet-cpts,ars", Map.of());

		this.sender.sendDue();
		List<String> to = CourrielsFixtures.recipients(greenMail.getReceivedMessages());
		assertThat(to).containsExactlyInAnyOrder("urps-medecins.52" + DEMO, "porteur.52" + DEMO, "guichet.52" + DEMO,
				"ars.52" + DEMO);
		assertThat(to).noneMatch((address) -> address.contains(".76@") || address.contains(".32@"));
	}

	@Test
	void withoutARegionNoAgentIsTold() {
		notify("CPTS-XX", null, "avisUrpsTransmis", "ars", Map.of());
		assertThat(this.sender.sendDue()).isZero();
	}

	@Test
	void firGrantCarriesTheAmountAndTheDecisionForThePorteur() throws Exception {
		this.fixtures.dossier("CPTS-76-2026-8003", "76", "porteur.76");
		notify("CPTS-76-2026-8003", "76", "firAccorde", "porteur",
				Map.of("montantFirAccorde", 45000.0, "montantFirDemande", 50000.0, "nomCpts", "CPTS du Lauragais"));

		this.sender.sendDue();
		MimeMessage mail = CourrielsFixtures.to(greenMail.getReceivedMessages(), "porteur.76" + DEMO);
		assertThat(decoded(mail)).contains("préfinancement FIR de 45 000 €").contains("projet de santé");
		assertThat(attachmentNames(mail)).containsExactly("decision-fir-CPTS-76-2026-8003.pdf");
	}

	@Test
	void anEventWithoutItsOwnTemplateUsesTheGenericOneWithItsLabel() throws Exception {
		this.fixtures.dossier("CPTS-76-2026-8004", "76", "porteur.76");
		notify("CPTS-76-2026-8004", "76", "evenementInconnu", "porteur", Map.of());

		this.sender.sendDue();
		MimeMessage mail = CourrielsFixtures.to(greenMail.getReceivedMessages(), "porteur.76" + DEMO);
		assertThat(mail.getSubject()).isEqualTo("CPTS-76-2026-8004 : evenementInconnu");
		assertThat(decoded(mail)).contains("Le dossier CPTS-76-2026-8004 (CPTS du Lauragais) a évolué");
	}

	@Test
	void everyEventOfTheModelsHasItsOwnFrenchTemplateAndSubject() throws IOException {
		Set<String> evenements = evenementsOfTheModels();
		assertThat(evenements).contains("relanceAvisUrps", "rappelValidationTacite", "relanceProjetSante",
				"relanceSignatureContrat", "relanceRapportActivite", "evaluationNotifiee");
		evenements.addAll(List.of(TacheEnAttenteCourriels.LETTRE_INTENTION_RECUE,
				TacheEnAttenteCourriels.DEMANDE_FIR_RECUE, TacheEnAttenteCourriels.PROJET_SANTE_RECU));
		PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
		for (String evenement : evenements) {
			assertThat(resources.getResource("classpath:/templates/mail/" + evenement + ".html").exists())
				.as(evenement + ".html")
				.isTrue();
			assertThat(resources.getResource("classpath:/templates/mail/" + evenement + ".txt").exists())
				.as(evenement + ".txt")
				.isTrue();
			assertThat(this.messages.getMessage("notification." + evenement + ".sujet", null, null,
					java.util.Locale.FRANCE))
				.as(evenement + " subject")
				.isNotNull();
		}
	}

	@Test
	void everyEventRendersWithoutAMissingTextOrAnError() throws IOException {
		this.fixtures.dossier("CPTS-76-2026-8005", "76", "porteur.76");
		Map<String, Object> donnees = fullVariables();
		for (String evenement : evenementsOfTheModels()) {
			notify("CPTS-76-2026-8005", "76", evenement, "porteur", donnees);
		}
		List<Map<String, Object>> rows = this.jdbc.sql("select modele, corps_html, corps_texte from courriel")
			.query()
			.listOfRows();
		assertThat(rows).hasSize(evenementsOfTheModels().size()).allSatisfy((row) -> {
			String html = (String) row.get("CORPS_HTML");
			String text = (String) row.get("CORPS_TEXTE");
			assertThat(row.get("MODELE")).isNotEqualTo(NotificationCourriels.GENERIC_TEMPLATE);
			assertThat(html + text).as((String) row.get("MODELE"))
				.doesNotContain("??")
				.doesNotContain("null")
				.contains("CPTS-76-2026-8005");
		});
	}

	@Test
	void anAgentWhoChoseTheDailyDigestGetsOneMailListingTheDay() throws Exception {
		this.preferences.choose("ars.76", PreferencesCourriel.Mode.QUOTIDIEN);
		notify("CPTS-76-2026-8006", "76", "avisUrpsTransmis", "ars", Map.of());
		notify("CPTS-76-2026-8007", "76", "rappelValidationTacite", "ars",
				Map.of("dateValidationTacite", date(2026, 5, 2)));

		this.sender.sendDue();
		assertThat(CourrielsFixtures.recipients(greenMail.getReceivedMessages())).doesNotContain("ars.76" + DEMO);

		assertThat(this.resumes.sendDigests()).isEqualTo(1);
		assertThat(this.resumes.sendDigests()).as("each item in one digest only").isZero();
		this.sender.sendDue();
		MimeMessage digest = CourrielsFixtures.to(greenMail.getReceivedMessages(), "ars.76" + DEMO);
		assertThat(digest.getSubject()).contains("2 notification");
		assertThat(decoded(digest)).contains("CPTS-76-2026-8006").contains("CPTS-76-2026-8007");
	}

	@Test
	void aNotifyStepOfTheModelSendsThroughTheOutboxAndARolledBackOneSendsNothing() throws Exception {
		this.fixtures.dossier("CPTS-76-2026-8008", "76", "porteur.76");
		ProcessInstance instance = this.engine.getRuntimeService()
			.createProcessInstanceByKey("cpts-creation")
			.businessKey("CPTS-76-2026-8008")
			.setVariables(Map.of("reference", "CPTS-76-2026-8008", "region", "76", "porteur", "porteur.76", "nomCpts",
					"CPTS du Lauragais", "population", 52000L, "communes", "31555", "montantFirDemande", 60000.0,
					"montantFirAccorde", 40000.0))
			.startBeforeActivity("notifierFirAccorde")
			.execute();
		assertThat(this.jdbc.sql("select count(*) from courriel").query(Integer.class).single())
			.as("the notify step is asynchronous: nothing before its job runs")
			.isZero();

		Job job = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(instance.getId())
			.singleResult();
		this.engine.getManagementService().executeJob(job.getId());

		this.sender.sendDue();
		MimeMessage mail = CourrielsFixtures.to(greenMail.getReceivedMessages(), "porteur.76" + DEMO);
		assertThat(decoded(mail)).contains("40 000 €").contains("http://localhost:8080/dossiers/CPTS-76-2026-8008");
		assertThat(attachmentNames(mail)).containsExactly("decision-fir-CPTS-76-2026-8008.pdf");
	}

	@Test
	void aNewTaskTellsTheAgentsOfItsGroupAndRegionAndTheDepositIsAcknowledged() throws Exception {
		this.fixtures.dossier("CPTS-32-2026-8009", "32", "porteur.32");
		ProcessInstance instance = this.engine.getRuntimeService()
			.startProcessInstanceByKey("cpts-creation", "CPTS-32-2026-8009",
					Map.of("reference", "CPTS-32-2026-8009", "region", "32", "porteur", "porteur.32", "nomCpts",
							"CPTS de l'Avesnois", "population", 52000L, "communes", "59036"));
		// rendered after the commit, by the job the task left
		ProductionsEnAttente.executer(this.engine, instance.getId());

		this.sender.sendDue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		// in Hauts-de-France the ARS receives the lettre itself (decision
		// parcours-regional)
		assertThat(CourrielsFixtures.recipients(received)).containsExactlyInAnyOrder("ars.32" + DEMO,
				"porteur.32" + DEMO);
		MimeMessage task = CourrielsFixtures.to(received, "ars.32" + DEMO);
		assertThat(task.getSubject()).contains("Vérifier la complétude de la lettre d'intention");
		String taskId = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey("CPTS-32-2026-8009")
			.taskDefinitionKey("verifierCompletude")
			.singleResult()
			.getId();
		assertThat(decoded(task)).contains("CPTS-32-2026-8009")
			.contains("Ouvrir le dossier complet : http://localhost:8080/agents/dossiers/CPTS-32-2026-8009")
			.contains("Traiter la tâche dans Tasklist : http://localhost:8080/camunda/app/tasklist/default/#/?task="
					+ taskId);
		MimeMessage receipt = CourrielsFixtures.to(received, "porteur.32" + DEMO);
		assertThat(receipt.getSubject()).contains("accusé de réception");
		assertThat(decoded(receipt)).contains("Hauts-de-France").contains("L’Agence régionale de santé");
		assertThat(attachmentNames(receipt)).containsExactly("accuse-reception-lettre-CPTS-32-2026-8009.pdf");
	}

	@Test
	void theProjetSanteReceiptCarriesTheTacitValidationDateComputedByTheProcess() throws Exception {
		this.fixtures.dossier("CPTS-76-2026-8010", "76", "porteur.76");
		ProcessInstance instance = this.engine.getRuntimeService()
			.createProcessInstanceByKey("cpts-creation")
			.businessKey("CPTS-76-2026-8010")
			.setVariables(Map.of("reference", "CPTS-76-2026-8010", "region", "76", "porteur", "porteur.76", "nomCpts",
					"CPTS du Lauragais", "population", 52000L, "communes", "31555"))
			.startBeforeActivity("calculerEcheanceValidationTacite")
			.execute();
		Date tacite = (Date) this.engine.getRuntimeService().getVariable(instance.getId(), "dateValidationTacite");
		assertThat(tacite).isNotNull();
		ProductionsEnAttente.executer(this.engine, instance.getId());

		this.sender.sendDue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(CourrielsFixtures.recipients(received)).containsExactlyInAnyOrder("porteur.76" + DEMO,
				"cpam.76" + DEMO);
		MimeMessage receipt = CourrielsFixtures.to(received, "porteur.76" + DEMO);
		assertThat(decoded(receipt)).contains("sera réputé validé le " + format(tacite) + " à minuit");
		assertThat(attachmentNames(receipt)).containsExactly("accuse-reception-projet-CPTS-76-2026-8010.pdf");
		assertThat(CourrielsFixtures.to(received, "cpam.76" + DEMO).getSubject()).contains("tâche en attente");
	}

	private void notify(String reference, String region, String evenement, String destinataires,
			Map<String, Object> donnees) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.events
			.publishEvent(new DossierNotified(reference, region, evenement, destinataires, donnees, Instant.now())));
	}

	private static Set<String> evenementsOfTheModels() throws IOException {
		Pattern evenement = Pattern.compile("name=\"evenement\">([A-Za-z]+)<");
		Set<String> found = new LinkedHashSet<>();
		for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
			Matcher matcher = evenement.matcher(model.getContentAsString(StandardCharsets.UTF_8));
			while (matcher.find()) {
				found.add(matcher.group(1));
			}
		}
		return found;
	}

	private static Map<String, Object> fullVariables() {
		Map<String, Object> donnees = new HashMap<>();
		donnees.put("nomCpts", "CPTS du Lauragais");
		donnees.put("motifCompletude", "annexe manquante");
		donnees.put("avisConsolideFinal", "favorable");
		donnees.put("questionFir", "Budget détaillé ?");
		donnees.put("montantFirAccorde", 45000.0);
		donnees.put("montantFirDemande", 50000.0);
		donnees.put("motifRefusFir", "budget insuffisamment détaillé");
		donnees.put("dateValidationTacite", date(2026, 3, 14));
		donnees.put("dateDepotProjetSante", date(2026, 1, 14));
		donnees.put("motifOpposition", "incoherencePrs");
		donnees.put("commentaireOpposition", "objectifs hors PRS");
		donnees.put("objetCorrection", "gouvernance");
		donnees.put("typeCorrection", "incorrect");
		donnees.put("population", 52000L);
		donnees.put("dateEffetContrat", date(2026, 6, 1));
		donnees.put("dateFinContrat", date(2031, 6, 1));
		donnees.put("partFixe", 150000L);
		donnees.put("partVariable", 137000L);
		donnees.put("motifResiliation", "missions non déployées");
		donnees.put("numeroEvaluation", 1L);
		donnees.put("dateAnniversaire", date(2027, 6, 1));
		donnees.put("avance", 112500L);
		donnees.put("dateAvance", date(2027, 6, 1));
		donnees.put("solde", 90000L);
		donnees.put("partVariableVersee", 52500L);
		donnees.put("totalAnnuel", 202500L);
		return donnees;
	}

	static Date date(int year, int month, int day) {
		return Date
			.from(LocalDate.of(year, month, day).atStartOfDay(fr.parcourscpts.dossier.DatesLegales.PARIS).toInstant());
	}

	static String format(Date date) {
		return new SimpleDateFormat("dd/MM/yyyy").format(date);
	}

	/** The decoded text of every text part of a mail. */
	static String decoded(Part part) throws Exception {
		if (part.isMimeType("text/*")) {
			return (String) part.getContent();
		}
		StringBuilder text = new StringBuilder();
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				if (!Part.ATTACHMENT.equalsIgnoreCase(multipart.getBodyPart(i).getDisposition())) {
					text.append(decoded(multipart.getBodyPart(i))).append('\n');
				}
			}
		}
		return text.toString();
	}

	static List<byte[]> attachmentBytes(Part part) throws Exception {
		List<byte[]> contents = new java.util.ArrayList<>();
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				Part child = multipart.getBodyPart(i);
				if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
					contents.add(child.getInputStream().readAllBytes());
				}
				else {
					contents.addAll(attachmentBytes(child));
				}
			}
		}
		return contents;
	}

	static List<String> attachmentNames(Part part) throws Exception {
		List<String> names = new java.util.ArrayList<>();
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				Part child = multipart.getBodyPart(i);
				if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
					names.add(child.getFileName());
				}
				else {
					names.addAll(attachmentNames(child));
				}
			}
		}
		return names;
	}

}
