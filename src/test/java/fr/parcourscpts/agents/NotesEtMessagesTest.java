package fr.parcourscpts.agents;

import static fr.parcourscpts.agents.DossiersDeTest.agentDemo;
import static fr.parcourscpts.agents.DossiersDeTest.porteur76;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.portail.AvecLePortail;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The private notes and the messages of the agents' dossier page: real lettres sent
 * through the portal, the mails read in the outbox (table {@code courriel}).
 */
@ApplicationTest
class NotesEtMessagesTest extends AvecLePortail {

	private static final String DEMO = "@demo.parcours-cpts.fr";

	DossiersDeTest dossiers;

	String reference;

	long lettreId;

	@BeforeEach
	void sendALettre() throws Exception {
		this.dossiers = new DossiersDeTest(this.mvc, this.jdbc, this.engine);
		this.reference = this.dossiers.envoyer("porteur.76", "CPTS " + DossiersDeTest.marque(), "31555");
		this.lettreId = this.jdbc
			.sql("select l.id from lettre_intention l join dossier d on d.id = l.dossier_id where d.reference = :r")
			.param("r", this.reference)
			.query(Long.class)
			.single();
	}

	// ------------------------------------------------------------------ private notes

	@Test
	void aNoteShowsItsAuthorsNameAndParisTimeToTheAgentsOfTheRegion() throws Exception {
		MockHttpServletResponse posted = postNote("Appeler le porteur : la commune de Blagnac manque.",
				agentDemo("guichet-cpts", "76"));
		assertThat(posted.getRedirectedUrl()).isEqualTo("/agents/dossiers/" + this.reference + "#notes");

		OffsetDateTime ecrite = this.jdbc.sql("select ecrite_le from note_dossier where reference = :r")
			.param("r", this.reference)
			.query(OffsetDateTime.class)
			.single();
		String heureDeParis = ecrite.atZoneSameInstant(ZoneId.of("Europe/Paris"))
			.format(DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm"));
		String guichet = page(agentDemo("guichet-cpts", "76"));
		assertThat(guichet).contains("Appeler le porteur : la commune de Blagnac manque.")
			// the person's name from the identity store, not the login
			.contains("Guichet CPTS Occitanie (Guichet CPTS), le " + heureDeParis)
			// and in the timeline
			.contains("Note privée");
		assertThat(page(agentDemo("urps-medecins", "76")))
			.contains("Appeler le porteur : la commune de Blagnac manque.");
		assertThat(page(agentDemo("administrateurs", "76")))
			.contains("Appeler le porteur : la commune de Blagnac manque.");
	}

	@Test
	void notesAreNeverShownToThePorteurNorInTheirApi() throws Exception {
		postNote("Note interne : dossier à surveiller.", agentDemo("guichet-cpts", "76"));
		assertThat(page(agentDemo("guichet-cpts", "76"))).contains("Note interne : dossier à surveiller.");

		MockHttpServletResponse portail = this.mvc
			.perform(MockMvcRequestBuilders.get("/dossiers/" + this.reference).with(porteur76()))
			.andReturn()
			.getResponse();
		assertThat(portail.getStatus()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(portail.getContentAsString(StandardCharsets.UTF_8))).contains(this.reference)
			.doesNotContain("Note interne")
			.doesNotContain("Note privée");
		MockHttpServletResponse api = this.mvc
			.perform(MockMvcRequestBuilders.get("/api/portail/dossiers/" + this.lettreId).with(porteur76()))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(200);
		assertThat(api.getContentAsString(StandardCharsets.UTF_8)).contains(this.reference)
			.doesNotContain("Note interne");
	}

	@Test
	void agentsOfAnotherRegionNeitherReadNorWriteNotes() throws Exception {
		postNote("Note de l'Occitanie.", agentDemo("guichet-cpts", "76"));
		assertThat(get("/agents/dossiers/" + this.reference, agentDemo("guichet-cpts", "52")).getStatus())
			.isEqualTo(404);
		assertThat(get("/agents/dossiers/" + this.reference, agentDemo("urps-medecins", "52")).getStatus())
			.isEqualTo(404);
		boolean refused = postNote("Note venue des Pays de la Loire.", agentDemo("guichet-cpts", "52"))
			.getStatus() == 404;
		assertThat(AbuseSuite.attempt("espace agents", "note sur un dossier d'une autre région", refused)).isTrue();
		assertThat(notes()).isEqualTo(1);
		// and the ARS of the region before the forwarding: not its dossier yet
		assertThat(postNote("Trop tôt.", agentDemo("ars", "76")).getStatus()).isEqualTo(404);
		assertThat(notes()).isEqualTo(1);
	}

	@Test
	void porteursAreForbiddenEverywhereUnderAgents() throws Exception {
		postNote("Note interne.", agentDemo("guichet-cpts", "76"));
		assertThat(get("/agents", porteur76()).getStatus()).isEqualTo(403);
		assertThat(get("/agents/dossiers/" + this.reference, porteur76()).getStatus()).isEqualTo(403);
		assertThat(postNote("Je suis le porteur.", porteur76()).getStatus()).isEqualTo(403);
		assertThat(this.mvc
			.perform(multipart("/agents/dossiers/" + this.reference + "/messages").param("texte", "Usurpation")
				.with(porteur76())
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(notes()).isEqualTo(1);
		assertThat(messages()).isZero();
	}

	@Test
	void anEmptyOrTooLongNoteIsRefusedInFrenchAndTheTextStays() throws Exception {
		MvcResult vide = this.mvc
			.perform(post("/agents/dossiers/" + this.reference + "/notes").param("texte", "   ")
				.with(agentDemo("guichet-cpts", "76"))
				.with(csrf()))
			.andReturn();
		assertThat(vide.getFlashMap().get("noteErreur")).isEqualTo("Écrivez la note avant de l'enregistrer.");
		String longue = "Constat détaillé. ".repeat(300);
		MvcResult tropLongue = this.mvc
			.perform(post("/agents/dossiers/" + this.reference + "/notes").param("texte", longue)
				.with(agentDemo("guichet-cpts", "76"))
				.with(csrf()))
			.andReturn();
		assertThat((String) tropLongue.getFlashMap().get("noteErreur")).isEqualTo(
				"La note compte " + longue.length() + " caractères : elle ne doit pas dépasser 4000 caractères.");
		assertThat(tropLongue.getFlashMap().get("noteTexte")).isEqualTo(longue);
		assertThat(notes()).isZero();
		// the page after the redirect shows the reason and the text typed
		String page = HtmlUtils.htmlUnescape(this.mvc
			.perform(MockMvcRequestBuilders.get("/agents/dossiers/" + this.reference)
				.flashAttrs(tropLongue.getFlashMap())
				.with(agentDemo("guichet-cpts", "76")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(page).contains("elle ne doit pas dépasser 4000 caractères").contains(longue.strip());
	}

	@Test
	void aNoteWithoutCsrfTokenIsRefused() throws Exception {
		int status = this.mvc
			.perform(post("/agents/dossiers/" + this.reference + "/notes").param("texte", "Sans jeton")
				.with(agentDemo("guichet-cpts", "76")))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(403);
		assertThat(notes()).isZero();
	}

	// ------------------------------------------------------------------ messages

	@Test
	void thePorteursMessageGoesToTheGuichetInChargeByMailAndIsUnreadUntilItsAgentViewsIt() throws Exception {
		MockHttpServletResponse posted = this.mvc
			.perform(multipart("/dossiers/" + this.reference + "/messages")
				.file(new MockMultipartFile("fichiers", "plan-du-territoire.pdf", "application/pdf",
						DossiersDeTest.PDF))
				.param("texte", "Faut-il joindre la délibération de la mairie ?")
				.with(porteur76())
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(posted.getRedirectedUrl()).isEqualTo("/dossiers/" + this.reference + "#messages");

		Map<String, Object> mail = mail("guichet.76" + DEMO);
		assertThat((String) mail.get("sujet")).isEqualTo(this.reference + " : nouveau message");
		assertThat((String) mail.get("corps_texte"))
			.contains(
					"Le porteur Porteurs de projet Occitanie a écrit à votre institution (Guichet CPTS) sur le dossier "
							+ this.reference)
			.contains("1 pièce jointe")
			.contains("/agents/dossiers/" + this.reference + "#messages")
			// the message itself stays in the service
			.doesNotContain("délibération");

		// an URPS of the region sees neither the message nor clears its marker
		assertThat(page(agentDemo("urps-medecins", "76"))).doesNotContain("délibération de la mairie");
		String premiere = page(agentDemo("guichet-cpts", "76"));
		assertThat(premiere).contains("Faut-il joindre la délibération de la mairie ?")
			.contains("1 message non lu")
			.contains("Non lu")
			.contains("Message du porteur")
			.contains("plan-du-territoire.pdf");
		String seconde = page(agentDemo("guichet-cpts", "76"));
		assertThat(seconde).contains("Faut-il joindre la délibération de la mairie ?")
			.doesNotContain("message non lu")
			.doesNotContain("Non lu");

		long pieceId = this.jdbc.sql(
				"select p.id from message_piece p join message_dossier m on m.id = p.message_id where m.reference = :r")
			.param("r", this.reference)
			.query(Long.class)
			.single();
		MockHttpServletResponse piece = get("/agents/dossiers/" + this.reference + "/messages/pieces/" + pieceId,
				agentDemo("guichet-cpts", "76"));
		assertThat(piece.getStatus()).isEqualTo(200);
		assertThat(piece.getContentAsByteArray()).isEqualTo(DossiersDeTest.PDF);
		assertThat(get("/agents/dossiers/" + this.reference + "/messages/pieces/" + pieceId,
				agentDemo("urps-medecins", "76"))
			.getStatus()).as("a message of another institution").isEqualTo(404);
		assertThat(get("/agents/dossiers/" + this.reference + "/messages/pieces/" + pieceId,
				agentDemo("guichet-cpts", "52"))
			.getStatus()).isEqualTo(404);
	}

	@Test
	void theGuichetAnswersThePorteurWhoIsToldByMailWithAStableLinkAndSeesItUnreadOnce() throws Exception {
		MockHttpServletResponse posted = this.mvc
			.perform(multipart("/agents/dossiers/" + this.reference + "/messages")
				.param("texte", "Oui, joignez la délibération signée.")
				.with(agentDemo("guichet-cpts", "76"))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(posted.getRedirectedUrl()).isEqualTo("/agents/dossiers/" + this.reference + "#messages");

		Map<String, Object> mail = mail("porteur.76" + DEMO);
		String lien = "/dossiers/" + this.reference + "#messages";
		assertThat((String) mail.get("corps_texte"))
			.contains("Vous avez reçu un message de Guichet CPTS sur le dossier " + this.reference)
			.contains(lien);
		// the stable link opens nobody else's dossier (the porteur's own page is read
		// below)
		assertThat(get("/dossiers/" + this.reference, DossiersDeTest.porteur("porteur.52")).getStatus()).isEqualTo(404);

		String premiere = portail();
		assertThat(premiere).contains("Oui, joignez la délibération signée.")
			.contains("Guichet CPTS Occitanie, pour : Guichet CPTS")
			.contains("1 message non lu")
			.contains("Non lu")
			.contains("Message de : Guichet CPTS");
		assertThat(portail()).contains("Oui, joignez la délibération signée.")
			.doesNotContain("message non lu")
			.doesNotContain("Non lu");
		// the agents' page shows their own message without a marker
		assertThat(page(agentDemo("guichet-cpts", "76"))).contains("Oui, joignez la délibération signée.")
			.contains("Message au porteur")
			.doesNotContain("Non lu");
	}

	@Test
	void theAgentsListCountsThePorteursUnreadMessagesToTheirInstitutionUntilOneOfThemReadsThem() throws Exception {
		assertThat(ligneAgents(agentDemo("guichet-cpts", "76"))).doesNotContain("non lu");
		ecrireCommePorteur("Faut-il joindre la délibération de la mairie ?");
		ecrireCommePorteur("Et le plan du territoire ?");

		assertThat(ligneAgents(agentDemo("guichet-cpts", "76"))).contains("2 messages non lus")
			.contains("/agents/dossiers/" + this.reference + "#messages");
		// the administrator of the region is no side of the conversation
		assertThat(ligneAgents(agentDemo("administrateurs", "76"))).doesNotContain("non lu");

		page(agentDemo("guichet-cpts", "76"));
		assertThat(ligneAgents(agentDemo("guichet-cpts", "76"))).contains(this.reference).doesNotContain("non lu");
	}

	@Test
	void thePorteursListCountsTheInstitutionsUnreadMessagesUntilThePorteurReadsThem() throws Exception {
		assertThat(lignePorteur()).doesNotContain("non lu");
		this.mvc
			.perform(multipart("/agents/dossiers/" + this.reference + "/messages")
				.param("texte", "Oui, joignez la délibération signée.")
				.with(agentDemo("guichet-cpts", "76"))
				.with(csrf()))
			.andReturn();

		assertThat(lignePorteur()).contains("1 message non lu").contains("/dossiers/" + this.reference + "#messages");
		portail();
		assertThat(lignePorteur()).contains(this.reference).doesNotContain("non lu");
	}

	@Test
	void onlyTheInstitutionInChargeWritesToThePorteur() throws Exception {
		String urps = page(agentDemo("urps-medecins", "76"));
		assertThat(urps).contains("Seule l'institution en charge de l'étape en cours (Guichet CPTS) écrit au porteur")
			.doesNotContain("id=\"ecrire-message\"");
		MvcResult refused = this.mvc
			.perform(multipart("/agents/dossiers/" + this.reference + "/messages").param("texte", "Bonjour")
				.with(agentDemo("urps-medecins", "76"))
				.with(csrf()))
			.andReturn();
		assertThat(refused.getFlashMap().get("messageErreur")).isEqualTo(
				"Votre institution n'est pas en charge de l'étape en cours (Guichet CPTS) : seule celle-ci peut écrire au porteur.");
		assertThat(refused.getFlashMap().get("messageTexte")).isEqualTo("Bonjour");
		assertThat(messages()).isZero();
		assertThat(this.jdbc.sql("select count(*) from courriel where reference = :r and modele = 'messageRecu'")
			.param("r", this.reference)
			.query(Integer.class)
			.single()).isZero();

		// once the lettre is complete, the ten URPS hold the step: the Guichet still
		// writes
		TaskService tasks = this.engine.getTaskService();
		tasks.complete(tasks.createTaskQuery()
			.processInstanceBusinessKey(this.reference)
			.taskDefinitionKey("verifierCompletude")
			.singleResult()
			.getId(), Map.of("completude", "complete"));
		this.dossiers.executeMessages(this.dossiers.processInstance(this.reference));
		assertThat(tasks.createTaskQuery()
			.processInstanceBusinessKey(this.reference)
			.taskDefinitionKey("rendreAvisUrps")
			.count()).isEqualTo(10);
		assertThat(page(agentDemo("guichet-cpts", "76"))).contains("id=\"ecrire-message\"");
		assertThat(page(agentDemo("urps-medecins", "76"))).doesNotContain("id=\"ecrire-message\"");
	}

	@Test
	void aHostileAttachmentOfAnAgentIsRefusedAndTheTextStays() throws Exception {
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		MvcResult refused = this.mvc
			.perform(multipart("/agents/dossiers/" + this.reference + "/messages")
				.file(new MockMultipartFile("fichiers", "courrier.pdf", "application/pdf", html))
				.param("texte", "Voici le courrier.")
				.with(agentDemo("guichet-cpts", "76"))
				.with(csrf()))
			.andReturn();
		String erreur = (String) refused.getFlashMap().get("messageErreur");
		boolean ok = erreur != null && erreur.contains("« courrier.pdf » n'est pas un PDF");
		assertThat(AbuseSuite.attempt("téléversements", "message d'agent : page web nommée .pdf", ok)).as(erreur)
			.isTrue();
		assertThat(refused.getFlashMap().get("messageTexte")).isEqualTo("Voici le courrier.");
		assertThat(messages()).isZero();
	}

	// ------------------------------------------------------------------ helpers

	private MockHttpServletResponse postNote(String texte, RequestPostProcessor viewer) throws Exception {
		return this.mvc.perform(
				post("/agents/dossiers/" + this.reference + "/notes").param("texte", texte).with(viewer).with(csrf()))
			.andReturn()
			.getResponse();
	}

	private int notes() {
		return this.jdbc.sql("select count(*) from note_dossier where reference = :r")
			.param("r", this.reference)
			.query(Integer.class)
			.single();
	}

	private int messages() {
		return this.jdbc.sql("select count(*) from message_dossier where reference = :r")
			.param("r", this.reference)
			.query(Integer.class)
			.single();
	}

	/** The one mail of a new message of this dossier to this address. */
	private Map<String, Object> mail(String address) {
		List<Map<String, Object>> mails = this.jdbc.sql("""
				select sujet, corps_texte, destinataires from courriel
				where reference = :r and modele = 'messageRecu' and destinataires = :to""")
			.param("r", this.reference)
			.param("to", address)
			.query()
			.listOfRows()
			.stream()
			.map((row) -> Map.<String, Object>of("sujet", row.get("SUJET"), "corps_texte", row.get("CORPS_TEXTE")))
			.toList();
		assertThat(mails).as("mails to " + address).hasSize(1);
		return mails.get(0);
	}

	private void ecrireCommePorteur(String texte) throws Exception {
		MockHttpServletResponse posted = this.mvc
			.perform(multipart("/dossiers/" + this.reference + "/messages").param("texte", texte)
				.with(porteur76())
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(posted.getRedirectedUrl()).isEqualTo("/dossiers/" + this.reference + "#messages");
	}

	/** The row of this dossier in the agent's list {@code /agents}. */
	private String ligneAgents(RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = get("/agents?q=" + this.reference, viewer);
		assertThat(response.getStatus()).isEqualTo(200);
		return ligne(response.getContentAsString(StandardCharsets.UTF_8), "data-reference=\"" + this.reference);
	}

	/** The row of this dossier in the porteur's list {@code /dossiers}. */
	private String lignePorteur() throws Exception {
		MockHttpServletResponse response = get("/dossiers", porteur76());
		assertThat(response.getStatus()).isEqualTo(200);
		return ligne(response.getContentAsString(StandardCharsets.UTF_8), ">" + this.reference + "<");
	}

	private static String ligne(String html, String marque) {
		int at = html.indexOf(marque);
		assertThat(at).as("the dossier's row").isPositive();
		String ligne = html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
		return HtmlUtils.htmlUnescape(ligne);
	}

	private MockHttpServletResponse get(String path, RequestPostProcessor viewer) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.get(path).with(viewer)).andReturn().getResponse();
	}

	private String page(RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = get("/agents/dossiers/" + this.reference, viewer);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		String page = HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
		assertThat(page).doesNotContain("??");
		return page;
	}

	private String portail() throws Exception {
		MockHttpServletResponse response = get("/dossiers/" + this.reference, porteur76());
		assertThat(response.getStatus()).isEqualTo(200);
		String page = HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
		assertThat(page).doesNotContain("??");
		return page;
	}

}
