package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;

/**
 * The porteur tasks done in the portal: the engine brings the dossier to the task, the
 * porteur does it in the portal, and the process moves on.
 */
@ApplicationTest
class TachesPortailTest {

	@Autowired
	WebApplicationContext context;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = PortailFixtures.mvc(this.context);
	}

	private ProcessInstance principale(String reference) {
		return this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.processDefinitionKey("cpts-creation")
			.singleResult();
	}

	private Task tache(String reference, String key) {
		return this.tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
	}

	private void executerJobs(String processInstanceId) {
		for (int i = 0; i < 10; i++) {
			var jobs = this.management.createJobQuery().processInstanceId(processInstanceId).executable().list();
			jobs.removeIf((job) -> job.getDuedate() != null && job.getDuedate().after(new Date()));
			if (jobs.isEmpty()) {
				return;
			}
			for (Job job : jobs) {
				this.management.executeJob(job.getId());
			}
		}
	}

	private String page(String url, String user) throws Exception {
		return HtmlUtils.htmlUnescape(this.mvc.perform(get(url).with(porteur(user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void correctedLettreGoesBackToTheGuichetWithTheNewVariables() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS à corriger", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		this.tasks.complete(tache(reference, "verifierCompletude").getId(),
				Map.of("completude", "corrections", "motifCompletude", "Ajoutez Blagnac au territoire."));
		executerJobs(instance.getId());
		Task correction = tache(reference, "corrigerLettreIntention");
		assertThat(correction).isNotNull();

		String dossier = page("/dossiers/" + lettre, "porteur.76");
		assertThat(dossier).contains("À faire")
			.contains("/dossiers/" + lettre + "/taches/" + correction.getId())
			.contains("corrections demandées")
			.contains("Ajoutez Blagnac au territoire.");
		String form = page("/dossiers/" + lettre + "/lettre", "porteur.76");
		assertThat(form).contains("Renvoyer la lettre corrigée").contains("Ajoutez Blagnac au territoire.");

		// a territory moved to another region is refused, nothing is completed
		String refused = HtmlUtils.htmlUnescape(
				this.mvc
					.perform(lettreValide("/dossiers/" + lettre + "/lettre", "CPTS corrigée", "44109")
						.param("action", "corriger")
						.with(porteur("porteur.76"))
						.with(csrf()))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(refused).contains("Le territoire corrigé doit rester dans la région du dossier.");
		assertThat(tache(reference, "corrigerLettreIntention")).isNotNull();

		this.mvc
			.perform(lettreValide("/dossiers/" + lettre + "/lettre", "CPTS corrigée", "31555, 31069")
				.param("action", "corriger")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(tache(reference, "corrigerLettreIntention")).isNull();
		assertThat(tache(reference, "verifierCompletude")).isNotNull();
		Map<String, Object> variables = this.runtime.getVariables(instance.getId());
		assertThat(variables).containsEntry("nomCpts", "CPTS corrigée").containsEntry("communes", "31555,31069");
		assertThat(variables.get("corrigerLettreIntentionDecidePar")).isEqualTo("porteur.76");
		assertThat(this.jdbc.sql("select nom_cpts from dossier where reference = :r")
			.param("r", reference)
			.query(String.class)
			.single()).isEqualTo("CPTS corrigée");
	}

	@Test
	void projetDeSanteIsDepositedWithTheStatutsAndTheInstructionStarts() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS du projet", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		this.runtime.createProcessInstanceModification(instance.getId())
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("deposerProjetSante")
			.execute();
		Task depot = tache(reference, "deposerProjetSante");
		String url = "/dossiers/" + lettre + "/taches/" + depot.getId();

		// nothing typed: every field is asked for, statuts included
		String errors = HtmlUtils.htmlUnescape(this.mvc.perform(multipart(url).with(porteur("porteur.76")).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(errors).contains("Décrivez les missions et leurs actions.")
			.contains("Décrivez la gouvernance.")
			.contains("Décrivez les systèmes d'information.")
			.contains("Joignez les statuts de l'association (PDF).");
		// statuts that are not a PDF
		errors = HtmlUtils.htmlUnescape(
				this.mvc
					.perform(multipart(url)
						.file(new MockMultipartFile("fichier", "statuts.pdf", "application/pdf", PortailFixtures.png()))
						.param("missionsActions", "Accès aux soins : ...")
						.param("gouvernance", "Association loi 1901, bureau de 6 membres.")
						.param("systemesInformation", "Messagerie sécurisée.")
						.with(porteur("porteur.76"))
						.with(csrf()))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(errors).contains("Le fichier « statuts.pdf » n'est pas un PDF").contains("Accès aux soins : ...");
		assertThat(tache(reference, "deposerProjetSante")).isNotNull();

		this.mvc
			.perform(multipart(url)
				.file(new MockMultipartFile("fichier", "statuts.pdf", "application/pdf", PortailFixtures.pdf()))
				.param("missionsActions", "Accès aux soins : ...")
				.param("gouvernance", "Association loi 1901, bureau de 6 membres.")
				.param("systemesInformation", "Messagerie sécurisée.")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(tache(reference, "deposerProjetSante")).isNull();
		assertThat(this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId("deposerProjetSante")
			.finished()
			.count()).isEqualTo(1);
		assertThat(this.jdbc.sql("select gouvernance from projet_sante where lettre_id = :id")
			.param("id", lettre)
			.query(String.class)
			.single()).isEqualTo("Association loi 1901, bureau de 6 membres.");
		assertThat(this.jdbc.sql("select categorie from piece_jointe where lettre_id = :id")
			.param("id", lettre)
			.query(String.class)
			.list()).containsExactly("STATUTS");
		executerJobs(instance.getId());
		// the two-month clock is shown to the porteur
		Object date = this.runtime.getVariable(instance.getId(), "dateValidationTacite");
		assertThat(date).isInstanceOf(Date.class);
		String dossier = page("/dossiers/" + lettre, "porteur.76");
		java.time.LocalDate dernierJour = fr.parcourscpts.dossier.DatesLegales.jour((Date) date);
		String json = this.mvc
			.perform(get("/api/portail/dossiers/" + lettre).with(PortailFixtures.porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(json).contains("\"dernierJourOpposition\":\"" + dernierJour + "\"")
			.contains("\"dateDecisionImplicite\":\"" + dernierJour.plusDays(1) + "T00:00:00+0");
		assertThat(dossier).contains("Validation tacite du projet de santé")
			.contains("sera réputé validé le "
					+ dernierJour.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " à minuit")
			.contains("Statuts de l'association");

		// while a correction is open, the clock is suspended and the porteur is told so
		this.runtime.setVariable(instance.getId(), "validationTaciteEnPause", true);
		this.runtime.setVariable(instance.getId(), "typeCorrection", "incorrect");
		this.runtime.setVariable(instance.getId(), "dateDemandeCorrection",
				Date.from(java.time.LocalDateTime.of(2026, 2, 1, 23, 30)
					.atZone(fr.parcourscpts.dossier.DatesLegales.PARIS)
					.toInstant()));
		assertThat(page("/dossiers/" + lettre, "porteur.76")).contains("Délai suspendu depuis le 01/02/2026")
			.doesNotContain("sera réputé validé le");
		// an incomplete dossier: the two months will restart
		this.runtime.setVariable(instance.getId(), "typeCorrection", "incomplet");
		assertThat(page("/dossiers/" + lettre, "porteur.76"))
			.contains("le délai de deux mois recommencera à la réception du dossier complet")
			.doesNotContain("Délai suspendu depuis");
		// the API gives the same facts: no date while the clock is suspended
		String api = this.mvc
			.perform(get("/api/portail/dossiers/" + lettre).with(PortailFixtures.porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(api).contains("\"dernierJourOpposition\":null").contains("\"dateDecisionImplicite\":null");
	}

	@Test
	void urpsOpinionsAreShownOnceForwardedToTheArs() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS avisée", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		Map<String, Map<String, String>> avis = new java.util.TreeMap<>();
		for (String urps : fr.parcourscpts.intention.AvisUrps.urps()) {
			avis.put(urps, Map.of("critereMissions", "favorable", "critereMobilisation", "reserve", "critereTerritoire",
					"favorable", "avisGlobal", "favorable"));
		}
		this.runtime.setVariables(instance.getId(),
				Map.of("avisUrps", fr.parcourscpts.intention.AvisUrps.ecrire(avis), "avisConsolide", "favorable"));
		this.runtime.createProcessInstanceModification(instance.getId())
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("transmettreAvisArs")
			.execute();
		assertThat(page("/dossiers/" + lettre, "porteur.76")).doesNotContain("Avis des URPS transmis");

		this.tasks.complete(tache(reference, "transmettreAvisArs").getId(), Map.of("avisConsolideFinal", "favorable"));
		String dossier = page("/dossiers/" + lettre, "porteur.76");
		assertThat(dossier).contains("Avis des URPS transmis à l'ARS")
			.contains("urps-medecins")
			.contains("réservé")
			.containsPattern("Transmission à l'ARS avec l'avis des URPS</strong>\\s*<span>le ");
	}

	@Test
	void fundingQuestionIsAnsweredThroughTheApi() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS FIR", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		this.runtime.setVariable(instance.getId(), "questionFir", "Précisez le coût du coordinateur.");
		this.runtime.createProcessInstanceModification(instance.getId())
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("completerDemandeFir")
			.execute();
		Task complement = tache(reference, "completerDemandeFir");
		String json = this.mvc.perform(get("/api/portail/dossiers/" + lettre + "/taches").with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(json).contains("\"cle\":\"completerDemandeFir\"").contains(complement.getId());

		this.mvc
			.perform(post("/api/portail/dossiers/" + lettre + "/taches/" + complement.getId())
				.with(porteur("porteur.76"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reponseFir\":\"18 000 € par an.\"}"))
			.andExpect(status().isNoContent());
		assertThat(tache(reference, "completerDemandeFir")).isNull();
		assertThat(this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName("reponseFir")
			.singleResult()
			.getValue()).isEqualTo("18 000 € par an.");
	}

	@Test
	void porteurSignsTheContractByTypingTheirName() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS signataire", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance contrat = this.runtime.createProcessInstanceByKey("contrat-aci")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "76", "porteur", "porteur.76", "nomCpts",
					"CPTS signataire", "population", 514_819L, "tailleCpts", 4, "partFixe", 180_000L,
					"missionsRetenues", "AccesSoins,Parcours,Prevention,CrisesSanitaires", "dateEffetContrat",
					new Date()))
			.startBeforeActivity("signerContratPorteur")
			.execute();
		assertThat(contrat.getTenantId()).isEqualTo("76");
		Task signature = tache(reference, "signerContratPorteur");
		String url = "/dossiers/" + lettre + "/taches/" + signature.getId();
		String form = page(url, "porteur.76");
		assertThat(form).contains("Résumé du contrat")
			.containsPattern("180[\\s\\u00a0\\u202f]000")
			.contains("Signer le contrat");

		String errors = HtmlUtils.htmlUnescape(
				this.mvc.perform(multipart(url).param("nomComplet", "Marie").with(porteur("porteur.76")).with(csrf()))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(errors).contains("Tapez vos prénom et nom complets pour signer.")
			.contains("Cochez la case pour confirmer la signature.");

		this.mvc.perform(multipart(url).param("nomComplet", "Marie Curie-Dupont")
			.param("confirmation", "true")
			.with(porteur("porteur.76"))
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr("203.0.113.7");
				return request;
			})).andExpect(status().is3xxRedirection());
		assertThat(tache(reference, "signerContratPorteur")).isNull();
		Map<String, Object> row = this.jdbc.sql("select * from signature_contrat where lettre_id = :id")
			.param("id", lettre)
			.query()
			.singleRow();
		assertThat(row).containsEntry("NOM_COMPLET", "Marie Curie-Dupont")
			.containsEntry("ADRESSE_IP", "203.0.113.7")
			.containsEntry("UTILISATEUR", "porteur.76");
		Map<String, Object> variables = this.runtime.getVariables(contrat.getId());
		assertThat(variables).containsEntry("signaturePorteur", true)
			.containsEntry("signaturePorteurNom", "Marie Curie-Dupont")
			.containsEntry("signaturePorteurIp", "203.0.113.7");
		assertThat(variables.get("signaturePorteurLe")).isInstanceOf(Date.class);
	}

	@Test
	void annualReportSendsItsIndicatorsToTheProcess() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS évaluée", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance evaluation = this.runtime.createProcessInstanceByKey("evaluation-annuelle")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "76", "porteur", "porteur.76", "numeroEvaluation",
					1L, "dateAnniversaire", new Date()))
			.startBeforeActivity("transmettreRapportActivite")
			.execute();
		Task rapport = tache(reference, "transmettreRapportActivite");
		String url = "/dossiers/" + lettre + "/taches/" + rapport.getId();
		String errors = HtmlUtils.htmlUnescape(
				this.mvc
					.perform(multipart(url).param("rapport", "Une année utile.")
						.param("couvertureVaccinale", "140")
						.with(porteur("porteur.76"))
						.with(csrf()))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(errors).contains("Indiquez un nombre entier positif ou nul.")
			.contains("Indiquez un pourcentage de 0 à 100.")
			.contains("value=\"140\"");

		this.mvc
			.perform(multipart(url)
				.file(new MockMultipartFile("fichier", "rapport 2027.pdf", "application/pdf", PortailFixtures.pdf()))
				.param("rapport", "Une année utile.")
				.param("patientsSansMedecinTraitantAccompagnes", "120")
				.param("creneauxSoinsNonProgrammes", "800")
				.param("participationCampagnesPrevention", "300")
				.param("reunionsPluriprofessionnelles", "12")
				.param("projetsPluriprofessionnels", "4")
				.param("hospitalisationsEvitables", "15")
				.param("tauxReponseSoinsNonProgrammes", "87,5")
				.param("couvertureVaccinale", "64")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(tache(reference, "transmettreRapportActivite")).isNull();
		Map<String, Object> variables = this.runtime.getVariables(evaluation.getId());
		assertThat(variables).containsEntry("patientsSansMedecinTraitantAccompagnes", 120L)
			.containsEntry("hospitalisationsEvitables", 15L)
			.containsEntry("tauxReponseSoinsNonProgrammes", 87.5)
			.containsEntry("couvertureVaccinale", 64.0);
		assertThat(this.jdbc.sql("select count(*) from rapport_activite where lettre_id = :id")
			.param("id", lettre)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select nom_affiche from piece_jointe where lettre_id = :id and categorie = 'RAPPORT'")
			.param("id", lettre)
			.query(String.class)
			.single()).isEqualTo("rapport 2027.pdf");
	}

	@Test
	void abandonAfterConfirmationEndsTheProcess() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS abandonnée", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProcessInstance instance = principale(reference);
		String confirmation = page("/dossiers/" + lettre + "/abandon", "porteur.76");
		assertThat(confirmation).contains("Abandonner le dossier " + reference + " ?")
			.contains("Oui, abandonner le dossier");
		this.mvc.perform(post("/dossiers/" + lettre + "/abandon").with(porteur("porteur.76")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.tasks.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
		executerJobs(instance.getId());
		var ended = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(instance.getId())
			.singleResult();
		assertThat(ended.getEndTime()).isNotNull();
		assertThat(this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId("dossierAbandonne")
			.finished()
			.count()).isEqualTo(1);
		String dossier = page("/dossiers/" + lettre, "porteur.76");
		assertThat(dossier).contains("Dossier clos : dossier abandonné").doesNotContain("Abandonner le dossier</a>");
		// a second abandon is not possible
		this.mvc.perform(post("/api/portail/dossiers/" + lettre + "/abandon").with(porteur("porteur.76")).with(csrf()))
			.andExpect(status().isConflict());
	}

}
