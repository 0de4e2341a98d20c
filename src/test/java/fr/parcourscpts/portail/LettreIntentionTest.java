package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

/**
 * The lettre d'intention in the pages: each check of the form with its French message
 * next to the field, the draft saved and resumed without losing anything, and sending,
 * which creates the dossier and starts {@code cpts-creation}.
 */
@ApplicationTest
class LettreIntentionTest {

	@Autowired
	WebApplicationContext context;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@Autowired
	PortailService portail;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = PortailFixtures.mvc(this.context);
	}

	private String envoyerAvec(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.param("action", "envoyer").with(porteur("porteur.76")).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** A valid lettre but for the parameter changed. */
	private static MockHttpServletRequestBuilder valide(String name, String value) {
		return lettreValide("/dossiers/nouveau", "CPTS des tests", "31555, 31069", name).param(name, value);
	}

	@Test
	void emptyLettreShowsEveryRequiredFieldWithItsMessageAndASummary() throws Exception {
		String page = this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/dossiers/nouveau")
				.param("action", "envoyer")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Le formulaire contient des erreurs")
			.contains("id=\"resume-erreurs\"")
			.contains("Indiquez le nom de la CPTS.")
			.contains("Indiquez au moins une commune du territoire.")
			.contains("Décrivez les besoins identifiés par le premier diagnostic.")
			.contains("Indiquez le nombre de professionnels mobilisés d&#39;au moins une profession.")
			.contains(
					"Cochez l&#39;engagement sur la mission « accès aux soins » : les quatre missions socles sont obligatoires.")
			.contains("Cochez l&#39;engagement sur la mission « réponse aux crises sanitaires graves »")
			.contains("Décrivez les objectifs du projet.")
			.contains("Décrivez les actions prévues.")
			.contains("Décrivez les moyens du projet.")
			// the error is tied to its field for screen readers
			.contains("aria-describedby=\"aide-nomCpts erreur-nomCpts\"")
			.contains("href=\"#champ-nomCpts\"");
		// the summary follows the order of the page
		int start = page.indexOf("id=\"resume-erreurs\"");
		assertThat(page.substring(start, page.indexOf("</ul>", start))).containsSubsequence("Indiquez le nom",
				"Indiquez au moins une commune", "Décrivez les besoins", "professionnels mobilisés", "accès aux soins",
				"parcours pluriprofessionnels", "prévention", "crises sanitaires", "objectifs", "actions prévues",
				"moyens");
	}

	@Test
	void unknownInseeCodeIsNamed() throws Exception {
		String page = envoyerAvec(valide("communes", "31555, 99999"));
		assertThat(page).contains("Code(s) INSEE inconnu(s) : 99999.");
	}

	@Test
	void territoryUnder20000InhabitantsCannotBeSentAndSaysWhy() throws Exception {
		// L'Abergement-Clémenciat, 860 inhabitants
		String page = envoyerAvec(valide("communes", "01001"));
		assertThat(page).contains("Le territoire compte 860 habitants : une CPTS doit couvrir au moins 20");
	}

	@Test
	void territoryAcrossTwoRegionsIsRefused() throws Exception {
		String page = envoyerAvec(valide("communes", "31555, 44109"));
		assertThat(page).contains("Le territoire s&#39;étend sur plusieurs régions (Pays de la Loire, Occitanie)");
	}

	@Test
	void professionalCountsMustBeWholeNumbers() throws Exception {
		String page = envoyerAvec(valide("professionnels[infirmiers]", "vingt"));
		assertThat(page).contains("Indiquez un nombre entier, de 0 à 100 000.")
			// what was typed is kept
			.contains("value=\"vingt\"");
	}

	@Test
	void everyCoreMissionMustBeCommittedTo() throws Exception {
		String page = envoyerAvec(lettreValide("/dossiers/nouveau", "CPTS", "31555", "missionPrevention"));
		assertThat(page).contains("id=\"erreur-missionPrevention\"")
			.contains(
					"Cochez l&#39;engagement sur la mission « prévention » : les quatre missions socles sont obligatoires.")
			.doesNotContain("id=\"erreur-missionParcours\"");
	}

	@Test
	void budgetLinesMustAddUpToTheAmountRequested() throws Exception {
		String page = envoyerAvec(valide("montantFirDemande", "35000"));
		assertThat(page)
			.contains("La somme des lignes du budget (30000.00 €) doit être égale au montant demandé (35000 €).");
	}

	@Test
	void amountsMustBeInEuros() throws Exception {
		String page = envoyerAvec(valide("montantFirDemande", "beaucoup"));
		assertThat(page).contains("Indiquez un montant en euros, par exemple 25000 ou 25000,50.")
			.contains("value=\"beaucoup\"");
	}

	@Test
	void aBudgetLineNeedsALabel() throws Exception {
		String page = envoyerAvec(valide("lignesBudget[1].libelle", ""));
		assertThat(page).contains("Indiquez le libellé de cette ligne.");
	}

	@Test
	void aBudgetWithoutAmountRequestedIsRefused() throws Exception {
		String page = envoyerAvec(valide("montantFirDemande", ""));
		assertThat(page).contains("Indiquez le montant demandé, égal à la somme des lignes du budget.");
	}

	@Test
	void tooLongNameIsRefusedEvenForADraft() throws Exception {
		String page = this.mvc
			.perform(valide("nomCpts", "x".repeat(201)).param("action", "brouillon")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Le nom de la CPTS compte au plus 200 caractères.");
	}

	@Test
	void draftIsSavedIncompleteAndResumedWithNothingLost() throws Exception {
		String location = this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/dossiers/nouveau")
				.param("action", "brouillon")
				.param("nomCpts", "CPTS brouillon")
				.param("communes", "31555, 9999X")
				.param("besoins", "Premiers constats.\nDeuxième ligne.")
				.param("professionnels[pharmaciens]", "3")
				.param("missionParcours", "true")
				.param("montantFirDemande", "1000")
				.param("lignesBudget[0].libelle", "Réunions")
				.param("lignesBudget[0].montant", "1000")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).matches("/dossiers/brouillons/\\d+");

		String page = HtmlUtils.htmlUnescape(this.mvc.perform(get(location).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page).contains("value=\"CPTS brouillon\"")
			.contains("31555, 9999X")
			.contains("Premiers constats.\nDeuxième ligne.")
			.contains("value=\"3\"")
			.contains("value=\"1000\"")
			.contains("value=\"Réunions\"")
			.containsPattern("id=\"champ-missionParcours\"[^>]*checked")
			.doesNotContainPattern("id=\"champ-missionPrevention\"[^>]*checked");

		// changed and saved again, then found in "Mes dossiers" as a draft
		this.mvc
			.perform(lettreValide(location, "CPTS brouillon repris", "31555").param("action", "brouillon")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		String liste = this.mvc.perform(get("/dossiers").with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(liste).contains("CPTS brouillon repris").contains("Reprendre le brouillon");
	}

	@Test
	void sendingCreatesTheDossierAndStartsTheProcessWithTheContractVariables() throws Exception {
		long id = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS Toulouse Nord", "31555, 31069");

		Map<String, Object> dossier = this.jdbc.sql("""
				select d.* from dossier d join lettre_intention l on l.dossier_id = d.id where l.id = :id""")
			.param("id", id)
			.query()
			.singleRow();
		String reference = (String) dossier.get("REFERENCE");
		assertThat(reference).matches("CPTS-76-20\\d\\d-\\d{4}");
		assertThat(dossier.get("REGION")).isEqualTo("76");
		assertThat(dossier.get("PORTEUR")).isEqualTo("porteur.76");
		long dossierId = ((Number) dossier.get("ID")).longValue();
		assertThat(this.members.membersOf(dossierId)).containsExactly("porteur.76");

		ProcessInstance instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.processDefinitionKey("cpts-creation")
			.singleResult();
		assertThat(instance).isNotNull();
		assertThat(instance.getTenantId()).isEqualTo("76");
		assertThat(instance.getId()).isEqualTo(dossier.get("PROCESS_INSTANCE_ID"));
		Map<String, Object> variables = this.runtime.getVariables(instance.getId());
		assertThat(variables).containsEntry("reference", reference)
			.containsEntry("region", "76")
			.containsEntry("departement", "31")
			.containsEntry("nomCpts", "CPTS Toulouse Nord")
			.containsEntry("porteur", "porteur.76")
			.containsEntry("communes", "31555,31069")
			.containsEntry("tailleCpts", 4)
			.containsEntry("montantFirDemande", 30000.0);
		assertThat(variables.get("population")).isInstanceOf(Long.class);
		assertThat((Long) variables.get("population")).isGreaterThan(514_000L);
		assertThat(
				this.tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getTaskDefinitionKey())
			.isEqualTo("verifierCompletude");

		String recu = this.mvc.perform(get("/dossiers/" + reference + "/recu").with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(recu).contains("Votre lettre d&#39;intention est envoyée").contains(reference);
		String liste = this.mvc.perform(get("/dossiers").with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(liste).contains(reference).contains("CPTS Toulouse Nord");
	}

	@Test
	void referencesFollowEachOtherInTheRegionAndYear() throws Exception {
		long first = PortailFixtures.envoyer(this.mvc, "porteur.52", "CPTS Nantes Est", "44109");
		long second = PortailFixtures.envoyer(this.mvc, "porteur.52", "CPTS Nantes Ouest", "44109");
		String a = PortailFixtures.reference(this.jdbc, first);
		String b = PortailFixtures.reference(this.jdbc, second);
		assertThat(a).startsWith("CPTS-52-");
		assertThat(Integer.parseInt(b.substring(b.length() - 4)))
			.isEqualTo(Integer.parseInt(a.substring(a.length() - 4)) + 1);
	}

	@Test
	void communesAlreadyInAnotherDossierAreFlagged() throws Exception {
		long first = PortailFixtures.envoyer(this.mvc, "porteur.32", "CPTS Lille Centre", "59350");
		long draft = PortailFixtures.brouillon(this.mvc, "porteur.76", "CPTS qui déborde");
		this.mvc
			.perform(lettreValide(PortailFixtures.brouillon(draft), "CPTS qui déborde", "59350")
				.param("action", "brouillon")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		String page = this.mvc.perform(get(PortailFixtures.brouillon(draft)).with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Communes déjà comprises dans un autre dossier de CPTS")
			.contains("Lille (59350) : dossier " + PortailFixtures.reference(this.jdbc, first));
	}

	@Test
	void theGuichetIsToldOfCommunesAlreadyInAnotherDossier() throws Exception {
		long first = PortailFixtures.envoyer(this.mvc, "porteur.32", "CPTS Roubaix", "59512");
		long second = PortailFixtures.envoyer(this.mvc, "porteur.32", "CPTS Roubaix bis", "59512");
		String variable = (String) this.runtime.getVariable(this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(PortailFixtures.reference(this.jdbc, second))
			.singleResult()
			.getId(), "communesEnChevauchement");
		assertThat(variable).isEqualTo("Roubaix (59512) : " + PortailFixtures.reference(this.jdbc, first));
		String alone = (String) this.runtime.getVariable(this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(PortailFixtures.reference(this.jdbc, first))
			.singleResult()
			.getId(), "communesEnChevauchement");
		assertThat(alone).isEmpty();
	}

	@Test
	void sixtyDossiersOnTheSameCommunesStillSendAndTheGuichetSeesABoundedSummary() throws Exception {
		String communes = "62193, 62160, 62041, 62498, 62510, 62119";
		long previous = 0;
		long last = 0;
		for (int i = 1; i <= 60; i++) {
			// Each one before the fix added ~110 characters: the 37th overflowed the
			// engine's
			// 4,000-character text column and the sending failed with a 500.
			previous = last;
			last = PortailFixtures.envoyer(this.mvc, "porteur.32", "CPTS Métropole " + i, communes);
		}
		String reference = PortailFixtures.reference(this.jdbc, last);
		String processInstanceId = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
		String variable = (String) this.runtime.getVariable(processInstanceId, "communesEnChevauchement");
		assertThat(variable).hasSizeLessThanOrEqualTo(PortailService.RESUME_CHEVAUCHEMENTS_MAX)
			.contains("Calais (62193) : ")
			.contains(" dossiers, dont les plus récents ")
			.contains(PortailFixtures.reference(this.jdbc, previous));
		assertThat(this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName("communesEnChevauchement")
			.singleResult()
			.getValue()).isEqualTo(variable);
	}

	@Test
	void theSummaryOfManyOverlappingCommunesSaysHowManyAreLeftOut() {
		Map<String, java.util.List<String>> overlaps = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 200; i++) {
			overlaps.put("Commune au nom assez long numéro " + i + " (3" + (1000 + i) + ")", java.util.List
				.of("CPTS-76-2026-0001", "CPTS-76-2026-0002", "CPTS-76-2026-0003", "CPTS-76-2026-0004"));
		}
		String summary = this.portail.resumeChevauchements(overlaps);
		assertThat(summary).hasSizeLessThanOrEqualTo(PortailService.RESUME_CHEVAUCHEMENTS_MAX)
			.startsWith("Commune au nom assez long numéro 0 (31000) : 4 dossiers, dont les plus récents "
					+ "CPTS-76-2026-0002, CPTS-76-2026-0003, CPTS-76-2026-0004 ; ")
			.matches(".* ; et \\d+ autre\\(s\\) commune\\(s\\) : liste complète sur la page du dossier");
	}

	@Test
	void aTerritoryOfSevenHundredCommunesIsSentAndTheGuichetSeesHowManyAreLeftOut() throws Exception {
		List<String> aisne;
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
				getClass().getResourceAsStream("/territoire/communes.csv"), java.nio.charset.StandardCharsets.UTF_8))) {
			aisne = lines.lines()
				.map((line) -> line.split(";"))
				.filter((c) -> c[2].equals("02"))
				.map((c) -> c[0])
				.limit(700)
				.toList();
		}
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.32", "CPTS de l'Aisne", String.join(",", aisne));
		String communes = (String) this.runtime.getVariable(this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(PortailFixtures.reference(this.jdbc, lettre))
			.singleResult()
			.getId(), "communes");
		assertThat(communes).hasSizeLessThanOrEqualTo(PortailService.RESUME_COMMUNES_MAX + 100)
			.startsWith(aisne.get(0) + "," + aisne.get(1) + ",")
			.matches(".* … et \\d+ autre\\(s\\) commune\\(s\\) : liste complète sur la page du dossier");
	}

}
