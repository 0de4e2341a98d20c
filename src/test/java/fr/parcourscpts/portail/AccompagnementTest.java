package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The region's path in the portal and the accompanying structures: a porteur of Pays de
 * la Loire sends the lettre to the ARS, invites the Inter-URPS onto the draft, which
 * reads it and comments; the structure never sends, never reads what it was not invited
 * onto, and nothing of another region.
 */
@ApplicationTest
class AccompagnementTest {

	private static final String CATEGORIE = "accompagnement";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService tasks;

	MockMvc mvc;

	long brouillon;

	@BeforeEach
	void setUp() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		String location = this.mvc
			.perform(lettreValide("/dossiers/nouveau", "CPTS Nantes Nord accompagnée", "44109")
				.param("action", "brouillon")
				.with(porteur("porteur.52"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.brouillon = PortailFixtures.id(location);
	}

	private static RequestPostProcessor membre(String id, String groupe, String region) {
		return user(id).authorities(new SimpleGrantedAuthority("GROUP_" + groupe),
				new SimpleGrantedAuthority("REGION_" + region));
	}

	private String page(String url, RequestPostProcessor who) throws Exception {
		return this.mvc.perform(get(url).with(who))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void inviter(long lettre, String structure) throws Exception {
		this.mvc
			.perform(post("/dossiers/brouillons/" + lettre + "/accompagnement").param("structure", structure)
				.with(porteur("porteur.52"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void theDraftShowsTheRegionsStructuresWithTheirContactsAndTheArsAsRecipient() throws Exception {
		String lettre = page("/dossiers/brouillons/" + this.brouillon, porteur("porteur.52"));
		assertThat(lettre).contains("Inter-URPS Pays de la Loire", "cpts@interurps-pdl.org", "APMSL", "02 28 21 97 35",
				"déposée directement auprès de l&#39;ARS");
	}

	@Test
	void theInvitedInterUrpsReadsTheDraftAndCommentsItAndThePorteurSeesTheComment() throws Exception {
		inviter(this.brouillon, "inter-urps");
		RequestPostProcessor interUrps = membre("inter-urps.52", "inter-urps", "52");

		assertThat(page("/accompagnement", interUrps)).contains("CPTS Nantes Nord accompagnée");
		assertThat(page("/accompagnement/" + this.brouillon, interUrps)).contains("CPTS Nantes Nord accompagnée",
				"brouillon");
		this.mvc
			.perform(post("/accompagnement/" + this.brouillon + "/commentaires")
				.param("texte", "Précisez les professionnels mobilisés à Saint-Herblain.")
				.with(interUrps)
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(page("/dossiers/brouillons/" + this.brouillon, porteur("porteur.52"))).contains(
				"Précisez les professionnels mobilisés à Saint-Herblain.",
				"Inter-URPS Pays de la Loire (inter-urps.52)");
	}

	@Test
	void theStructureNeitherSendsNorOpensThePorteursPages() throws Exception {
		inviter(this.brouillon, "inter-urps");
		RequestPostProcessor interUrps = membre("inter-urps.52", "inter-urps", "52");
		int envoi = this.mvc
			.perform(lettreValide("/dossiers/brouillons/" + this.brouillon, "CPTS Nantes Nord accompagnée", "44109")
				.param("action", "envoyer")
				.with(interUrps)
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		int lecture = this.mvc.perform(get("/dossiers/brouillons/" + this.brouillon).with(interUrps))
			.andReturn()
			.getResponse()
			.getStatus();
		int invitation = this.mvc
			.perform(post("/dossiers/brouillons/" + this.brouillon + "/accompagnement/retrait")
				.param("structure", "inter-urps")
				.with(interUrps)
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		AbuseSuite.attempt(CATEGORIE, "structure d'accompagnement qui envoie la lettre", envoi == 403);
		AbuseSuite.attempt(CATEGORIE, "structure d'accompagnement qui retire une invitation", invitation == 403);
		assertThat(envoi).isEqualTo(403);
		assertThat(lecture).isEqualTo(403);
		assertThat(invitation).isEqualTo(403);
		assertThat(this.jdbc.sql("select statut from lettre_intention where id = :id")
			.param("id", this.brouillon)
			.query(String.class)
			.single()).isEqualTo("BROUILLON");
	}

	@Test
	void nothingOfAnotherRegionNorOfADossierItWasNotInvitedOnto() throws Exception {
		inviter(this.brouillon, "inter-urps");
		RequestPostProcessor hautsDeFrance = membre("inter-urps.32", "inter-urps", "32");
		RequestPostProcessor apmsl = membre("apmsl.52", "apmsl", "52");
		for (RequestPostProcessor who : new RequestPostProcessor[] { hautsDeFrance, apmsl }) {
			int lecture = this.mvc.perform(get("/accompagnement/" + this.brouillon).with(who))
				.andReturn()
				.getResponse()
				.getStatus();
			int commentaire = this.mvc
				.perform(post("/accompagnement/" + this.brouillon + "/commentaires").param("texte", "intrus")
					.with(who)
					.with(csrf()))
				.andReturn()
				.getResponse()
				.getStatus();
			AbuseSuite.attempt(CATEGORIE, "lecture d'un dossier non accompagné", lecture == 404);
			AbuseSuite.attempt(CATEGORIE, "commentaire d'un dossier non accompagné", commentaire == 404);
			assertThat(lecture).isEqualTo(404);
			assertThat(commentaire).isEqualTo(404);
			assertThat(page("/accompagnement", who)).doesNotContain("CPTS Nantes Nord accompagnée");
		}
		// a porteur cannot invite a structure its region does not have
		inviter(this.brouillon, "guichet-cpts");
		assertThat(this.jdbc.sql("select structure from accompagnement where lettre_id = :id")
			.param("id", this.brouillon)
			.query(String.class)
			.list()).containsExactly("inter-urps");
		// a porteur's page is not the structures'
		assertThat(this.mvc.perform(get("/accompagnement").with(porteur("porteur.52")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void aWithdrawnInvitationClosesTheDossierToTheStructure() throws Exception {
		inviter(this.brouillon, "apmsl");
		RequestPostProcessor apmsl = membre("apmsl.52", "apmsl", "52");
		page("/accompagnement/" + this.brouillon, apmsl);
		this.mvc
			.perform(post("/dossiers/brouillons/" + this.brouillon + "/accompagnement/retrait")
				.param("structure", "apmsl")
				.with(porteur("porteur.52"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/accompagnement/" + this.brouillon).with(apmsl)).andExpect(status().isNotFound());
	}

	@Test
	void aLettreOfPaysDeLaLoireReachesTheArsDirectlyAndTheReceiptSaysSo() throws Exception {
		long envoye = PortailFixtures.envoyer(this.mvc, "porteur.52", "CPTS Nantes Sud directe", "44109");
		String reference = PortailFixtures.reference(this.jdbc, envoye);
		Task verification = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey("verifierCompletude")
			.singleResult();
		assertThat(verification.getTenantId()).isEqualTo("52");
		assertThat(this.tasks.getIdentityLinksForTask(verification.getId()))
			.anySatisfy((link) -> assertThat(link.getGroupId()).isEqualTo("ars"))
			.noneSatisfy((link) -> assertThat(link.getGroupId()).isEqualTo("guichet-cpts"));

		String recu = page("/dossiers/" + reference + "/recu", porteur("porteur.52"));
		assertThat(recu).contains("L&#39;Agence régionale de santé de votre région va vérifier sa complétude",
				"Inter-URPS");
		String dossier = page("/dossiers/" + reference, porteur("porteur.52"));
		assertThat(dossier).contains("Vérification de la complétude par l&#39;ARS")
			.doesNotContain("Transmission à l&#39;ARS");
	}

	@Test
	void aCommentOnTheSentDossierIsInItsTimeline() throws Exception {
		long envoye = PortailFixtures.envoyer(this.mvc, "porteur.52", "CPTS Rezé accompagnée", "44109");
		String reference = PortailFixtures.reference(this.jdbc, envoye);
		inviter(envoye, "inter-urps");
		this.mvc
			.perform(post("/accompagnement/" + envoye + "/commentaires").param("texte", "Pensez au projet de santé.")
				.with(membre("inter-urps.52", "inter-urps", "52"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		String dossier = page("/dossiers/" + reference, porteur("porteur.52"));
		assertThat(dossier).contains("Inter-URPS Pays de la Loire : Pensez au projet de santé.");
	}

	@Test
	void inOccitanieTheGuichetAccompaniesToo() throws Exception {
		long envoye = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS Blagnac accompagnée", "31555");
		this.mvc
			.perform(post("/dossiers/" + PortailFixtures.reference(this.jdbc, envoye) + "/accompagnement")
				.param("structure", "guichet-cpts")
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(page("/accompagnement/" + envoye, membre("guichet.76", "guichet-cpts", "76")))
			.contains("CPTS Blagnac accompagnée");
		this.mvc.perform(get("/accompagnement/" + envoye).with(membre("guichet.52", "guichet-cpts", "52")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aLettreOfOccitanieStillGoesToTheGuichet() throws Exception {
		long envoye = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS Toulouse Guichet", "31555");
		String reference = PortailFixtures.reference(this.jdbc, envoye);
		String recu = page("/dossiers/" + reference + "/recu", porteur("porteur.76"));
		assertThat(recu).contains("Le Guichet CPTS de votre région va vérifier sa complétude");
		assertThat(page("/dossiers/" + reference, porteur("porteur.76"))).contains("Guichet CPTS Occitanie",
				"Vérification de la complétude par le Guichet CPTS");
	}

}
