package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.agent;
import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.notification.ProductionsEnAttente;

/**
 * A porteur acts only on their own dossiers and those they were invited to; another
 * porteur gets a 404 on every URL of the dossier (pages, files, API), an agent a 403 on
 * the whole portal.
 */
@ApplicationTest
class AccesPortailTest {

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProcessEngine engine;

	@Autowired
	DossierMembers members;

	MockMvc mvc;

	long envoye;

	long brouillon;

	long piece;

	/** The page of the sent dossier, by its reference. */
	String dossier;

	/** The page of the draft, by its lettre's id. */
	String pageBrouillon;

	@BeforeEach
	void setUp() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		this.envoye = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS privée de A", "31555");
		// its receipt and mails, as the job executor renders them after the commit
		ProductionsEnAttente.executerDuDossier(this.engine, PortailFixtures.reference(this.jdbc, this.envoye));
		this.brouillon = PortailFixtures.brouillon(this.mvc, "porteur.76", "Brouillon privé de A");
		this.dossier = PortailFixtures.dossier(this.jdbc, this.envoye);
		this.pageBrouillon = PortailFixtures.brouillon(this.brouillon);
		this.mvc
			.perform(lettreValide(this.pageBrouillon, "Brouillon privé de A", "31555")
				.file(PortailFixtures.fichier("secret.pdf", PortailFixtures.pdf()))
				.param("action", "brouillon")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.piece = this.jdbc.sql("select id from piece_jointe where lettre_id = :id")
			.param("id", this.brouillon)
			.query(Long.class)
			.single();
	}

	@Test
	void anotherPorteurCanNeitherReadNorChangeNorDownload() throws Exception {
		var b = porteur("porteur.52");
		this.mvc.perform(get(this.dossier).with(b)).andExpect(status().isNotFound());
		this.mvc.perform(get(this.dossier + "/lettre").with(b)).andExpect(status().isNotFound());
		this.mvc.perform(get(this.dossier + "/recu").with(b)).andExpect(status().isNotFound());
		this.mvc.perform(get(this.pageBrouillon).with(b)).andExpect(status().isNotFound());
		this.mvc.perform(get(this.pageBrouillon + "/pieces/" + this.piece).with(b)).andExpect(status().isNotFound());
		this.mvc
			.perform(lettreValide(this.pageBrouillon, "Volé", "31555").param("action", "envoyer").with(b).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get(this.dossier + "/abandon").with(b)).andExpect(status().isNotFound());
		this.mvc.perform(post(this.dossier + "/abandon").with(b).with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(get(this.dossier + "/taches/nimporte").with(b)).andExpect(status().isNotFound());
		String liste = this.mvc.perform(get("/dossiers").with(b)).andReturn().getResponse().getContentAsString();
		assertThat(liste).doesNotContain("CPTS privée de A").doesNotContain("Brouillon privé de A");

		// the API says the same
		this.mvc.perform(get("/api/portail/dossiers/" + this.envoye).with(b)).andExpect(status().isNotFound());
		this.mvc
			.perform(put("/api/portail/dossiers/" + this.brouillon + "/lettre").with(b)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nomCpts\":\"Volé\"}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/portail/dossiers/" + this.brouillon + "/envoi").with(b).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/portail/dossiers/" + this.envoye + "/abandon").with(b).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/portail/dossiers/" + this.envoye + "/taches").with(b))
			.andExpect(status().isNotFound());
		String api = this.mvc.perform(get("/api/portail/dossiers").with(b))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(api).doesNotContain("CPTS privée de A");

		// nothing changed
		assertThat(this.jdbc.sql("select nom_cpts from lettre_intention where id = :id")
			.param("id", this.brouillon)
			.query(String.class)
			.single()).isEqualTo("Brouillon privé de A");
	}

	/**
	 * The bug of mails that opened the wrong dossier: they used the dossier's internal id
	 * while the pages used the lettre's, which differ as soon as a draft exists. Now both
	 * use the reference.
	 */
	@Test
	void theMailLinkOpensTheSentDossierEvenWithADraftAndOnlyForItsMembers() throws Exception {
		PortailFixtures.brouillon(this.mvc, "porteur.76", "Brouillon avant le lien");
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS du lien", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		ProductionsEnAttente.executerDuDossier(this.engine, reference);
		String texte = this.jdbc
			.sql("select corps_texte from courriel where reference = :r and modele = 'lettreIntentionRecue'")
			.param("r", reference)
			.query(String.class)
			.list()
			.get(0);
		java.util.regex.Matcher lien = java.util.regex.Pattern.compile("https?://[^/\\s]+(/dossiers/\\S+)")
			.matcher(texte);
		assertThat(lien.find()).as("a link to the dossier in %s", texte).isTrue();
		assertThat(lien.group(1)).isEqualTo("/dossiers/" + reference);

		String page = this.mvc.perform(get(lien.group(1)).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(reference).contains("CPTS du lien").doesNotContain("Brouillon avant le lien");
		this.mvc.perform(get(lien.group(1)).with(porteur("porteur.52"))).andExpect(status().isNotFound());
		// the old numeric URLs, by the lettre's id or the dossier's, are gone for
		// everyone
		this.mvc.perform(get("/dossiers/" + lettre).with(porteur("porteur.76"))).andExpect(status().isNotFound());
		this.mvc.perform(get("/dossiers/" + PortailFixtures.dossierId(this.jdbc, lettre)).with(porteur("porteur.76")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aDraftHasItsOwnPageUntilSentThenLeadsToItsDossier() throws Exception {
		String liste = this.mvc.perform(get("/dossiers").with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(liste).contains("href=\"" + this.pageBrouillon + "\"").contains("href=\"" + this.dossier + "\"");
		this.mvc.perform(get(this.pageBrouillon).with(porteur("porteur.76"))).andExpect(status().isOk());
		// a sent lettre's draft page leads its members to the dossier's lettre, by
		// reference
		this.mvc.perform(get(PortailFixtures.brouillon(this.envoye)).with(porteur("porteur.76")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl(this.dossier + "/lettre"));
		this.mvc.perform(get(PortailFixtures.brouillon(this.envoye)).with(porteur("porteur.52")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theOwnerDownloadsTheirFile() throws Exception {
		byte[] body = this.mvc.perform(get(this.pageBrouillon + "/pieces/" + this.piece).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(body).isEqualTo(PortailFixtures.pdf());
	}

	@Test
	void aCoPorteurInvitedSeesTheDossier() throws Exception {
		long dossierId = PortailFixtures.dossierId(this.jdbc, this.envoye);
		this.members.add(dossierId, "porteur.32", DossierMembers.Role.CO_PORTEUR);
		this.mvc.perform(get(this.dossier).with(porteur("porteur.32"))).andExpect(status().isOk());
		// a draft stays its author's
		this.mvc.perform(get(this.pageBrouillon).with(porteur("porteur.32"))).andExpect(status().isNotFound());
	}

	@Test
	void theDossierPageLeadsToTheInvitationOfCoPorteursOfThatDossier() throws Exception {
		String reference = PortailFixtures.reference(this.jdbc, this.envoye);
		String page = this.mvc.perform(get(this.dossier).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("href=\"/invitations/dossier/" + reference + "\"");
		this.mvc.perform(get("/invitations/dossier/" + reference).with(porteur("porteur.76")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/invitations/dossier/" + reference).with(porteur("porteur.52")))
			.andExpect(status().is4xxClientError());
		// neither the internal id of the dossier nor an unknown reference
		long dossierId = PortailFixtures.dossierId(this.jdbc, this.envoye);
		this.mvc.perform(get("/invitations/dossier/" + dossierId).with(porteur("porteur.76")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theDossierPageListsTheOfficialReceiptAndItsOwnerDownloadsIt() throws Exception {
		String page = this.mvc.perform(get(this.dossier).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Accusé de réception de la lettre d’intention");
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/documents/\\d+)\"").matcher(page);
		assertThat(link.find()).as("a link to the receipt").isTrue();
		byte[] pdf = this.mvc.perform(get(link.group(1)).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		this.mvc.perform(get(link.group(1)).with(porteur("porteur.52"))).andExpect(status().isNotFound());
	}

	@Test
	void agentsAreRefusedTheWholePortal() throws Exception {
		var ars = agent("ars.76");
		this.mvc.perform(get("/dossiers").with(ars)).andExpect(status().isForbidden());
		this.mvc.perform(get("/dossiers/nouveau").with(ars)).andExpect(status().isForbidden());
		this.mvc.perform(get(this.dossier).with(ars)).andExpect(status().isForbidden());
		this.mvc.perform(get(this.pageBrouillon + "/pieces/" + this.piece).with(ars)).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/portail/dossiers").with(ars)).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/portail/dossiers/" + this.envoye + "/abandon").with(ars).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void porteursLandOnMesDossiersAndAgentsOnTheirLanding() throws Exception {
		this.mvc.perform(get("/accueil").with(porteur("porteur.76")))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/dossiers"));
		this.mvc.perform(get("/accueil").with(agent("ars.76"))).andExpect(status().isOk());
	}

	@Test
	void anonymousCallsAreAskedToLogIn() throws Exception {
		this.mvc.perform(get("/api/portail/dossiers")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/dossiers").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
	}

}
