package fr.parcourscpts.agents;

import static fr.parcourscpts.agents.DossiersDeTest.agentDemo;
import static fr.parcourscpts.agents.DossiersDeTest.porteur76;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.LiensTasklist;
import fr.parcourscpts.portail.AvecLePortail;
import fr.parcourscpts.intention.AvisUrps;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The dossier page of the agents, per row of the visibility table: a real lettre sent
 * through the portal with a piece, moved along its process by the engine.
 */
@ApplicationTest
class DossierAgentTest extends AvecLePortail {

	private static final String ESPACE = "espace agents";

	private static final byte[] PDF = DossiersDeTest.PDF;

	DossiersDeTest dossiers;

	String reference;

	long pieceId;

	long lettreId;

	@BeforeEach
	void sendALettre() throws Exception {
		this.dossiers = new DossiersDeTest(this.mvc, this.jdbc, this.engine);
		String location = this.mvc
			.perform(multipart("/dossiers/nouveau")
				.file(new MockMultipartFile("fichiers", "diagnostic-territorial.pdf", "application/pdf",
						DossiersDeTest.PDF))
				.param("nomCpts", "CPTS du Pays Toulousain")
				.param("communes", "31555")
				.param("besoins", "Douze mille patients sans médecin traitant.")
				.param("professionnels[medecinsGeneralistes]", "12")
				.param("professionnels[infirmiers]", "20")
				.param("missionAccesSoins", "true")
				.param("missionParcours", "true")
				.param("missionPrevention", "true")
				.param("missionCrisesSanitaires", "true")
				.param("objectifs", "Un médecin traitant pour chacun.")
				.param("actions", "Soins non programmés, parcours diabète.")
				.param("moyens", "Un coordinateur à mi-temps.")
				.param("montantFirDemande", "30000")
				.param("lignesBudget[0].libelle", "Coordination territoriale")
				.param("lignesBudget[0].montant", "30000")
				.param("action", "envoyer")
				.with(porteur76())
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).as("lettre sent").endsWith("/recu");
		// the receipt's page: /dossiers/{reference}/recu
		this.reference = location.replaceAll(".*/dossiers/([^/]+)/recu$", "$1");
		this.lettreId = this.jdbc
			.sql("select l.id from lettre_intention l join dossier d on d.id = l.dossier_id where d.reference = :r")
			.param("r", this.reference)
			.query(Long.class)
			.single();
		long lettreId = this.lettreId;
		this.pieceId = this.jdbc.sql("select id from piece_jointe where lettre_id = :id")
			.param("id", lettreId)
			.query(Long.class)
			.single();
	}

	// ------------------------------------------------------------------ moving the
	// dossier

	private Task tache(String key, String group) {
		return this.dossiers.tache(this.reference, key, group);
	}

	private void lettreComplete() {
		this.dossiers.lettreComplete(this.reference);
	}

	private void avisRendus() {
		this.dossiers.avisRendus(this.reference);
	}

	private void transmis() {
		this.dossiers.transmis(this.reference);
	}

	private void firAccorde() {
		this.dossiers.firAccorde(this.reference);
	}

	/** The porteur deposits the projet de santé with its statuts in the portal. */
	private long projetDepose() throws Exception {
		return this.dossiers.projetDepose(this.reference, "porteur.76");
	}

	// ------------------------------------------------------------------ the viewers

	/**
	 * A real login with the demo password: the authorities come from the identity store.
	 */
	private RequestPostProcessor connecte(String userId) throws Exception {
		MvcResult login = this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/connexion")
				.param("username", userId)
				.param("password", "demo")
				.with(csrf()))
			.andReturn();
		assertThat(login.getResponse().getRedirectedUrl()).as("login of " + userId).doesNotContain("error");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		return (request) -> {
			request.setSession(session);
			return request;
		};
	}

	private MockHttpServletResponse get(String path, RequestPostProcessor viewer) throws Exception {
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path).with(viewer))
			.andReturn()
			.getResponse();
	}

	private String page(RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = get("/agents/dossiers/" + this.reference, viewer);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
	}

	private int status(RequestPostProcessor viewer) throws Exception {
		return get("/agents/dossiers/" + this.reference, viewer).getStatus();
	}

	private MockHttpServletResponse piece(RequestPostProcessor viewer) throws Exception {
		return get("/agents/dossiers/" + this.reference + "/pieces/" + this.pieceId, viewer);
	}

	private static void assertShowsTheLettre(String page) {
		assertThat(page).contains("CPTS du Pays Toulousain")
			.contains("Toulouse")
			.contains("31555")
			.contains("Douze mille patients sans médecin traitant.")
			.contains("Médecins généralistes : 12")
			.contains("Infirmiers : 20")
			.contains("« prévention »")
			.contains("Un médecin traitant pour chacun.")
			.contains("Soins non programmés, parcours diabète.")
			.contains("Un coordinateur à mi-temps.")
			.contains("30000 €")
			.contains("Coordination territoriale")
			.contains("diagnostic-territorial.pdf");
	}

	private void assertThePieceDownloads(RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = piece(viewer);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray()).isEqualTo(DossiersDeTest.PDF);
		assertThat(response.getHeader("Content-Disposition")).startsWith("attachment")
			.contains("diagnostic-territorial.pdf");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	// ------------------------------------------------------------------ the rows

	@Test
	void guichetSeesTheLettreItsPiecesAndEveryOpinionWithItsTaskInTasklist() throws Exception {
		String avant = page(agentDemo("guichet-cpts", "76"));
		assertShowsTheLettre(avant);
		assertThat(avant).contains(LiensTasklist.tache(tache("verifierCompletude", "guichet-cpts").getId()))
			.contains("Traiter dans Tasklist");
		assertThePieceDownloads(agentDemo("guichet-cpts", "76"));

		lettreComplete();
		avisRendus();
		String apres = page(agentDemo("guichet-cpts", "76"));
		assertThat(apres).contains("Avis motivé de urps-medecins")
			.contains("Avis motivé de urps-pharmaciens")
			.contains(LiensTasklist.tache(tache("transmettreAvisArs", "guichet-cpts").getId()));
	}

	@Test
	void urpsBeforeTheForwardingSeesTheLettreAndOnlyItsOwnOpinion() throws Exception {
		lettreComplete();
		String ouverte = page(agentDemo("urps-medecins", "76"));
		assertShowsTheLettre(ouverte);
		assertThat(ouverte).contains(LiensTasklist.tache(tache("rendreAvisUrps", "urps-medecins").getId()))
			.doesNotContain(tache("rendreAvisUrps", "urps-pharmaciens").getId());
		assertThePieceDownloads(agentDemo("urps-medecins", "76"));

		avisRendus();
		String rendue = page(agentDemo("urps-medecins", "76"));
		assertThat(rendue).contains("Avis motivé de urps-medecins")
			.doesNotContain("Avis motivé de urps-pharmaciens")
			.doesNotContain("urps-pharmaciens")
			.contains("quand le Guichet CPTS les aura transmis");
	}

	@Test
	void urpsAfterTheForwardingSeesEveryOpinionButNeverTheFirDecision() throws Exception {
		lettreComplete();
		avisRendus();
		transmis();
		firAccorde();
		String page = page(agentDemo("urps-pharmaciens", "76"));
		assertShowsTheLettre(page);
		assertThat(page).contains("Avis motivé de urps-medecins")
			.contains("Avis motivé de urps-pharmaciens")
			.doesNotContain("Décision sur le FIR")
			.doesNotContain("25000")
			.doesNotContain("Décider du préfinancement FIR")
			.doesNotContain("Le projet de santé")
			.contains("Accusé de réception de la lettre")
			.doesNotContain("Décision relative au préfinancement FIR");
		assertThat(get(document("ACCUSE_RECEPTION_LETTRE"), agentDemo("urps-pharmaciens", "76")).getStatus())
			.isEqualTo(200);
		assertThat(get(document("DECISION_FIR"), agentDemo("urps-pharmaciens", "76")).getStatus()).isEqualTo(404);
	}

	private String document(String type) {
		long id = this.jdbc.sql("select id from document where reference = :r and type = :t")
			.param("r", this.reference)
			.param("t", type)
			.query(Long.class)
			.single();
		return "/agents/dossiers/" + this.reference + "/documents/" + id;
	}

	@Test
	void arsAndCpamGetNotFoundBeforeTheForwardingThenSeeEverything() throws Exception {
		lettreComplete();
		avisRendus();
		assertThat(status(agentDemo("ars", "76"))).isEqualTo(404);
		assertThat(status(agentDemo("cpam", "76"))).isEqualTo(404);
		assertThat(piece(agentDemo("ars", "76")).getStatus()).isEqualTo(404);

		transmis();
		String ars = page(agentDemo("ars", "76"));
		assertShowsTheLettre(ars);
		assertThat(ars).contains("Avis motivé de urps-biologistes")
			.contains("Avis consolidé des URPS")
			.contains(LiensTasklist.tache(tache("deciderFinancementFir", "ars").getId()))
			.contains("Le projet de santé");
		assertThePieceDownloads(agentDemo("ars", "76"));

		firAccorde();
		String cpam = page(agentDemo("cpam", "76"));
		assertShowsTheLettre(cpam);
		assertThat(cpam).contains("Décision sur le FIR").contains("accordé").contains("25000");
		assertThat(cpam).doesNotContain("Traiter dans Tasklist").contains("Décision relative au préfinancement FIR");
		MockHttpServletResponse decision = get(document("DECISION_FIR"), agentDemo("cpam", "76"));
		assertThat(decision.getStatus()).isEqualTo(200);
		assertThat(decision.getContentAsByteArray()).startsWith("%PDF".getBytes(StandardCharsets.ISO_8859_1));
		assertThePieceDownloads(agentDemo("cpam", "76"));
	}

	private long documentId(String type) {
		return this.jdbc.sql("select id from document where reference = :r and type = :t")
			.param("r", this.reference)
			.param("t", type)
			.query(Long.class)
			.single();
	}

	private int telecharger(long documentId, RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = get("/documents/" + documentId, viewer);
		if (response.getStatus() == 200) {
			assertThat(response.getContentAsByteArray()).startsWith("%PDF".getBytes(StandardCharsets.ISO_8859_1));
		}
		return response.getStatus();
	}

	/**
	 * {@code /documents/{id}} (the links of the mails) answers as the agents' page: one
	 * row of docs/agents.md per viewer, for the receipt of the lettre and the FIR
	 * decision.
	 */
	@Test
	void officialDocumentsUnderTheirOwnUrlFollowTheRuleOfEachInstitution() throws Exception {
		lettreComplete();
		avisRendus();
		long accuse = documentId("ACCUSE_RECEPTION_LETTRE");
		assertThat(telecharger(accuse, agentDemo("ars", "76"))).as("ARS before the forwarding").isEqualTo(404);
		assertThat(telecharger(accuse, agentDemo("cpam", "76"))).as("CPAM before the forwarding").isEqualTo(404);
		transmis();
		firAccorde();
		long decision = documentId("DECISION_FIR");
		record Ligne(String qui, RequestPostProcessor viewer, int accuse, int decision) {
		}
		List<Ligne> lignes = List.of(new Ligne("Guichet", agentDemo("guichet-cpts", "76"), 200, 404),
				new Ligne("URPS", agentDemo("urps-medecins", "76"), 200, 404),
				new Ligne("ARS after the forwarding", agentDemo("ars", "76"), 200, 200),
				new Ligne("CPAM after the forwarding", agentDemo("cpam", "76"), 200, 200),
				new Ligne("regional administrator", agentDemo("administrateurs", "76"), 200, 200),
				new Ligne("Guichet of another region", agentDemo("guichet-cpts", "52"), 404, 404),
				new Ligne("ARS of another region", agentDemo("ars", "52"), 404, 404),
				new Ligne("porteur of the dossier", porteur76(), 200, 200),
				new Ligne("another porteur", user("porteur.52")
					.authorities(new SimpleGrantedAuthority("GROUP_porteurs"), new SimpleGrantedAuthority("REGION_52")),
						404, 404));
		for (Ligne ligne : lignes) {
			assertThat(telecharger(accuse, ligne.viewer())).as(ligne.qui() + ": receipt of the lettre")
				.isEqualTo(ligne.accuse());
			assertThat(telecharger(decision, ligne.viewer())).as(ligne.qui() + ": FIR decision")
				.isEqualTo(ligne.decision());
		}
		assertThat(AbuseSuite.attempt(ESPACE, "une URPS télécharge la décision FIR par /documents/{id}",
				telecharger(decision, agentDemo("urps-medecins", "76")) == 404))
			.isTrue();
	}

	@Test
	void regionalAdministratorSeesEverythingOfTheirRegion() throws Exception {
		lettreComplete();
		avisRendus();
		String page = page(agentDemo("administrateurs", "76"));
		assertShowsTheLettre(page);
		assertThat(page).contains("Avis motivé de urps-medecins")
			.contains("Avis motivé de urps-orthoptistes")
			.contains("Le projet de santé")
			.doesNotContain("Traiter dans Tasklist");
		assertThePieceDownloads(agentDemo("administrateurs", "76"));
	}

	@Test
	void agentsOfAnotherRegionGetNotFoundAsForAnUnknownReference() throws Exception {
		lettreComplete();
		avisRendus();
		transmis();
		for (String group : List.of("guichet-cpts", "urps-medecins", "ars", "cpam", "administrateurs")) {
			int page = status(agentDemo(group, "52"));
			int fichier = piece(agentDemo(group, "52")).getStatus();
			assertThat(AbuseSuite.attempt(ESPACE, group + " d'une autre région lit un dossier et sa pièce",
					page == 404 && fichier == 404))
				.as(group)
				.isTrue();
		}
		assertThat(get("/agents/dossiers/CPTS-76-2026-9999", agentDemo("ars", "76")).getStatus()).isEqualTo(404);
		assertThat(get("/agents/dossiers/CPTS-76-2026-9999/pieces/" + this.pieceId, agentDemo("ars", "76")).getStatus())
			.isEqualTo(404);
	}

	@Test
	void porteursAreForbiddenEvenOnTheirOwnDossier() throws Exception {
		int page = status(porteur76());
		int fichier = piece(porteur76()).getStatus();
		assertThat(AbuseSuite.attempt(ESPACE, "porteur ouvre l'espace agents sur son propre dossier",
				page == 403 && fichier == 403))
			.isTrue();
	}

	@Test
	void statutsAndProjetDeSanteAreForArsCpamAndAdministratorsOnly() throws Exception {
		lettreComplete();
		avisRendus();
		transmis();
		firAccorde();
		long statuts = projetDepose();
		String pieceStatuts = "/agents/dossiers/" + this.reference + "/pieces/" + statuts;
		for (String group : List.of("urps-medecins", "guichet-cpts")) {
			assertThat(get(pieceStatuts, agentDemo(group, "76")).getStatus()).as(group).isEqualTo(404);
			assertThat(page(agentDemo(group, "76"))).as(group)
				.doesNotContain("statuts-association.pdf")
				.doesNotContain("Association loi 1901");
		}
		for (String group : List.of("ars", "cpam", "administrateurs")) {
			assertThat(get(pieceStatuts, agentDemo(group, "76")).getStatus()).as(group).isEqualTo(200);
			assertThat(page(agentDemo(group, "76"))).as(group)
				.contains("statuts-association.pdf")
				.contains("Association loi 1901, bureau de six membres.")
				.contains("Messagerie sécurisée de santé.");
		}
		assertThat(page(agentDemo("cpam", "76")))
			.contains(LiensTasklist.tache(tache("donnerAvisCpam", "cpam").getId()));
	}

	@Test
	void withARealLoginTheRuleFollowsTheAccountsGroupsAndRegion() throws Exception {
		assertShowsTheLettre(page(connecte("guichet.76")));
		assertThePieceDownloads(connecte("urps-medecins.76"));
		assertThat(status(connecte("ars.76"))).isEqualTo(404);
		assertThat(AbuseSuite.attempt(ESPACE, "guichet.52 connecté lit un dossier d'Occitanie",
				status(connecte("guichet.52")) == 404))
			.isTrue();
		assertThat(AbuseSuite.attempt(ESPACE, "porteur.76 connecté ouvre l'espace agents",
				status(connecte("porteur.76")) == 403))
			.isTrue();
	}

	@Test
	void aPieceOfAnotherDossierIsNotFoundUnderThisReference() throws Exception {
		String premier = this.reference;
		long sienne = this.pieceId;
		sendALettre();
		assertThat(
				get("/agents/dossiers/" + premier + "/pieces/" + sienne, agentDemo("guichet-cpts", "76")).getStatus())
			.isEqualTo(200);
		int autre = get("/agents/dossiers/" + premier + "/pieces/" + this.pieceId, agentDemo("guichet-cpts", "76"))
			.getStatus();
		assertThat(AbuseSuite.attempt(ESPACE, "pièce d'un autre dossier demandée sous une référence", autre == 404))
			.isTrue();
	}

}
