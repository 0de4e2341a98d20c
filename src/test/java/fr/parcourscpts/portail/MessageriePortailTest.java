package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The porteur's side of the messages: writing to the institution in charge, refusals in
 * French with the text kept, the attachments checked like the dossier's pieces.
 */
@ApplicationTest
class MessageriePortailTest {

	private static final String CATEGORIE = "téléversements";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	MockMvc mvc;

	long lettre;

	String reference;

	@BeforeEach
	void setUp() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		this.lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS de la messagerie", "31555");
		this.reference = PortailFixtures.reference(this.jdbc, this.lettre);
	}

	private MockMultipartHttpServletRequestBuilder ecrire(String texte) {
		return (MockMultipartHttpServletRequestBuilder) multipart("/dossiers/" + this.reference + "/messages")
			.param("texte", texte)
			.with(porteur("porteur.76"))
			.with(csrf());
	}

	private long messages() {
		return this.jdbc.sql("select count(*) from message_dossier where reference = :r")
			.param("r", this.reference)
			.query(Long.class)
			.single();
	}

	private String page(MvcResult redirected) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get("/dossiers/" + this.reference)
			.with(porteur("porteur.76"));
		if (redirected != null && !redirected.getFlashMap().isEmpty()) {
			request.flashAttrs(redirected.getFlashMap());
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
	}

	@Test
	void theThreadNamesTheInstitutionInChargeAndAMessageReachesIt() throws Exception {
		String avant = page(null);
		assertThat(avant).contains("L'institution en charge de l'étape en cours est : Guichet CPTS")
			.contains("Aucun message pour l'instant.")
			.contains("id=\"ecrire-message\"");

		byte[] budget = PdfHostiles.honnete();
		MvcResult envoye = this.mvc
			.perform(ecrire("Bonjour, une question sur le budget.")
				.file(new MockMultipartFile("fichiers", "budget.pdf", "application/pdf", budget)))
			.andReturn();
		assertThat(envoye.getResponse().getRedirectedUrl()).isEqualTo("/dossiers/" + this.reference + "#messages");
		String apres = page(envoye);
		assertThat(apres).contains("Votre message est envoyé")
			.contains("Bonjour, une question sur le budget.")
			.contains("Porteurs de projet Occitanie (porteur), à l'attention de : Guichet CPTS")
			.contains("Message du porteur à : Guichet CPTS")
			.contains("budget.pdf")
			// one's own message is not "non lu" for oneself
			.doesNotContain("Non lu");
		Map<String, Object> row = this.jdbc
			.sql("select cote, institution, auteur, auteur_nom from message_dossier where reference = :r")
			.param("r", this.reference)
			.query()
			.singleRow();
		assertThat(row).containsEntry("COTE", "PORTEUR")
			.containsEntry("INSTITUTION", "guichet-cpts")
			.containsEntry("AUTEUR", "porteur.76");

		long pieceId = this.jdbc.sql(
				"select p.id from message_piece p join message_dossier m on m.id = p.message_id where m.reference = :r")
			.param("r", this.reference)
			.query(Long.class)
			.single();
		MockHttpServletResponse piece = this.mvc
			.perform(MockMvcRequestBuilders.get("/dossiers/" + this.reference + "/messages/pieces/" + pieceId)
				.with(porteur("porteur.76")))
			.andReturn()
			.getResponse();
		assertThat(piece.getStatus()).isEqualTo(200);
		assertThat(piece.getContentAsByteArray()).isEqualTo(budget);
		// another porteur: the same 404 as for an unknown dossier
		assertThat(this.mvc
			.perform(MockMvcRequestBuilders.get("/dossiers/" + this.reference + "/messages/pieces/" + pieceId)
				.with(porteur("porteur.52")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void anotherPorteurCannotWriteInTheThread() throws Exception {
		int status = this.mvc
			.perform(multipart("/dossiers/" + this.reference + "/messages").param("texte", "Intrusion")
				.with(porteur("porteur.52"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(AbuseSuite.attempt("accès", "message dans le dossier d'un autre porteur", status == 404)).isTrue();
		assertThat(messages()).isZero();
	}

	@Test
	void anEmptyOrTooLongMessageIsRefusedInFrenchWithTheTextKept() throws Exception {
		MvcResult vide = this.mvc.perform(ecrire("  ")).andReturn();
		assertThat(page(vide)).contains("Écrivez votre message avant de l'envoyer.").contains("id=\"message-erreur\"");

		String long_ = "Une très longue question. ".repeat(200);
		MvcResult tropLong = this.mvc.perform(ecrire(long_)).andReturn();
		String page = page(tropLong);
		assertThat(page).contains("Votre message compte " + long_.length() + " caractères")
			.contains("ne doit pas dépasser 4000 caractères")
			.contains(long_.strip());
		assertThat(messages()).isZero();
	}

	@Test
	void aMessageWithoutCsrfTokenIsRefused() throws Exception {
		int status = this.mvc
			.perform(multipart("/dossiers/" + this.reference + "/messages").param("texte", "Sans jeton")
				.with(porteur("porteur.76")))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(403);
		assertThat(messages()).isZero();
	}

	private void refuse(String attaque, String nom, byte[] contenu, String motif) throws Exception {
		MvcResult result = this.mvc
			.perform(ecrire("Voici le document demandé.")
				.file(new MockMultipartFile("fichiers", nom, "application/pdf", contenu)))
			.andReturn();
		String page = page(result);
		boolean refused = page.contains(motif) && page.contains("Le message n'a pas été envoyé.") && messages() == 0;
		assertThat(AbuseSuite.attempt(CATEGORIE, "message : " + attaque, refused)).as(attaque + "\n" + page).isTrue();
		// the text typed is still in the form
		assertThat(page).contains(">Voici le document demandé.</textarea>");
	}

	@Test
	void hostileAttachmentsAreRefusedLikeTheDossiersPieces() throws Exception {
		refuse("exécutable ELF précédé de l'en-tête %PDF-", "facture.pdf", PdfHostiles.executable(),
				"« facture.pdf » n'est pas un PDF");
		refuse("PDF avec JavaScript en /OpenAction", "budget.pdf", PdfHostiles.avecJavaScript(),
				"« budget.pdf » contient du code");
		refuse("PDF avec action /Launch (cmd.exe)", "budget.pdf", PdfHostiles.avecLancement(),
				"contient une commande qui ouvre un programme");
		refuse("PDF avec fichier incorporé (EmbeddedFiles)", "budget.pdf", PdfHostiles.avecFichierIncorpore(),
				"contient d'autres fichiers incorporés");
		refuse("polyglotte HTML/PDF", "budget.pdf", PdfHostiles.polyglotte(), "en plus du PDF");
		refuse("bombe de décompression", "budget.pdf", PdfHostiles.bombe(250L * 1024 * 1024),
				"se décompressent en un volume anormalement grand");
		assertThat(messages()).isZero();
	}

	@Test
	void atMostFiveFilesPerMessage() throws Exception {
		MockMultipartHttpServletRequestBuilder request = ecrire("Six fichiers.");
		for (int i = 0; i < 6; i++) {
			request.file(
					new MockMultipartFile("fichiers", "piece-" + i + ".pdf", "application/pdf", PdfHostiles.honnete()));
		}
		assertThat(page(this.mvc.perform(request).andReturn()))
			.contains("Vous pouvez joindre 5 fichiers au plus à un message.");
		assertThat(messages()).isZero();
	}

	/**
	 * Over HTTP, Spring's multipart limit (20MB) stops the message before the controller:
	 * the token in the form's action lets the porteur come back to the thread with the
	 * reason rather than a 403.
	 */
	@Test
	void aMessageAboveTheMultipartLimitComesBackToTheThreadWithTheReason() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		Pattern csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
		Matcher token = csrf.matcher(browser.send(http("/connexion"), HttpResponse.BodyHandlers.ofString()).body());
		assertThat(token.find()).isTrue();
		assertThat(
				browser
					.send(HttpRequest.newBuilder(uri("/connexion"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers
							.ofString("username=porteur.76&password=demo&_csrf=" + token.group(1)))
						.build(), HttpResponse.BodyHandlers.ofString())
					.statusCode())
			.isEqualTo(302);
		String page = browser.send(http("/dossiers/" + this.reference), HttpResponse.BodyHandlers.ofString()).body();
		Matcher action = Pattern.compile("action=\"([^\"]*/messages\\?_csrf=[^\"]+)\"").matcher(page);
		assertThat(action.find()).as("the form's action carries the CSRF token").isTrue();

		String boundary = "----parcours" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"texte\"\r\n\r\nTrop lourd\r\n--"
				+ boundary
				+ "\r\nContent-Disposition: form-data; name=\"fichiers\"; filename=\"enorme.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(Arrays.copyOf(PortailFixtures.pdf(), 21 * 1024 * 1024));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri(HtmlUtils.htmlUnescape(action.group(1))))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/dossiers/" + this.reference + "#messages"));
		String back = HtmlUtils.htmlUnescape(
				browser.send(http("/dossiers/" + this.reference), HttpResponse.BodyHandlers.ofString()).body());
		assertThat(back).contains("id=\"message-erreur\"")
			.contains("Le fichier envoyé dépasse la taille maximale de 20 Mo");
		assertThat(messages()).isZero();
	}

	private HttpRequest http(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@Test
	void theInstitutionInChargeOfSeveralIsTheGuichetForTheUrpsElseTheFirstOfGuichetArsCpam() {
		assertThat(Messagerie.choisir(EnumSet.of(Institution.URPS_MEDECINS, Institution.URPS_INFIRMIERS)))
			.isEqualTo(Institution.GUICHET_CPTS);
		assertThat(Messagerie.choisir(EnumSet.of(Institution.ARS, Institution.CPAM))).isEqualTo(Institution.ARS);
		assertThat(Messagerie.choisir(EnumSet.of(Institution.CPAM))).isEqualTo(Institution.CPAM);
		assertThat(Messagerie.choisir(EnumSet.of(Institution.URPS_MEDECINS, Institution.CPAM)))
			.isEqualTo(Institution.CPAM);
	}

}
