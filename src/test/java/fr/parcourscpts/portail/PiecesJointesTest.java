package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.fichier;
import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;

/**
 * Attachments: PDF by content only, not empty, 20 MB at most, kept in the database with
 * their SHA-256 under a display name that cannot be a path.
 */
@ApplicationTest
class PiecesJointesTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	MockMvc mvc;

	long lettre;

	@BeforeEach
	void setUp() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		this.lettre = PortailFixtures.brouillon(this.mvc, "porteur.76", "CPTS des pièces");
	}

	private String deposer(MockMultipartFile file) throws Exception {
		return HtmlUtils.htmlUnescape(
				this.mvc
					.perform(lettreValide(PortailFixtures.brouillon(this.lettre), "CPTS des pièces", "31555").file(file)
						.param("action", "brouillon")
						.with(porteur("porteur.76"))
						.with(csrf()))
					.andReturn()
					.getResponse()
					.getContentAsString());
	}

	private List<Map<String, Object>> pieces() {
		return this.jdbc.sql("select * from piece_jointe where lettre_id = :id order by id")
			.param("id", this.lettre)
			.query()
			.listOfRows();
	}

	@Test
	void aPngRenamedPdfIsRefused() throws Exception {
		String page = deposer(fichier("x.pdf", PortailFixtures.png()));
		assertThat(page).contains("Le fichier « x.pdf » n'est pas un PDF : seuls les fichiers PDF sont acceptés.")
			.contains("id=\"erreur-fichiers\"");
		assertThat(pieces()).isEmpty();
	}

	@Test
	void aTextFileStartingLikeAPdfButDeclaredOtherwiseIsJudgedByContent() throws Exception {
		// the declared type says PDF, the content is HTML: refused
		String page = deposer(fichier("page.pdf", "<html><body>%PDF-</body></html>".getBytes(StandardCharsets.UTF_8)));
		assertThat(page).contains("n'est pas un PDF");
		assertThat(pieces()).isEmpty();
	}

	@Test
	void anEmptyFileIsRefused() throws Exception {
		String page = deposer(fichier("vide.pdf", new byte[0]));
		assertThat(page).contains("Le fichier « vide.pdf » est vide.");
		assertThat(pieces()).isEmpty();
	}

	@Test
	void aFileOver20MegabytesIsRefused() throws Exception {
		byte[] big = Arrays.copyOf(PortailFixtures.pdf(), 20 * 1024 * 1024 + 1);
		String page = deposer(fichier("gros.pdf", big));
		assertThat(page).contains("Le fichier « gros.pdf » dépasse 20 Mo.");
		assertThat(pieces()).isEmpty();
	}

	@Test
	void aRealPdfWithAnOddNameIsStoredUnderASafeDisplayName() throws Exception {
		deposer(fichier("../../etc/passwd .pdf", PortailFixtures.pdf()));
		deposer(fichier("Statuts de l'association — été 2026 (n°2).pdf", PortailFixtures.pdf()));
		List<Map<String, Object>> pieces = pieces();
		assertThat(pieces).hasSize(2);
		assertThat(pieces.get(0).get("NOM_AFFICHE")).isEqualTo("passwd .pdf");
		assertThat(pieces.get(1).get("NOM_AFFICHE")).isEqualTo("Statuts de l'association — été 2026 (n°2).pdf");
		assertThat(pieces.get(0).get("SHA256")).isEqualTo(PiecesJointes.sha256(PortailFixtures.pdf()));
		assertThat(pieces.get(0).get("TYPE_MIME")).isEqualTo("application/pdf");
		assertThat(((Number) pieces.get(0).get("TAILLE")).intValue()).isEqualTo(PortailFixtures.pdf().length);

		var download = this.mvc
			.perform(get(PortailFixtures.brouillon(this.lettre) + "/pieces/" + pieces.get(1).get("ID"))
				.with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(download.getContentType()).isEqualTo("application/pdf");
		assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;")
			.contains(
					"filename*=UTF-8''Statuts%20de%20l%27association%20%E2%80%94%20%C3%A9t%C3%A9%202026%20%28n%C2%B02%29.pdf");
		assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(download.getContentAsByteArray()).isEqualTo(PortailFixtures.pdf());
	}

	@Test
	void displayNamesCannotBePaths() {
		assertThat(PiecesJointes.nomAffiche("..\\..\\windows\\system32.pdf")).isEqualTo("system32.pdf");
		assertThat(PiecesJointes.nomAffiche("../../")).isEqualTo("document.pdf");
		assertThat(PiecesJointes.nomAffiche(".htaccess")).isEqualTo("htaccess.pdf");
		assertThat(PiecesJointes.nomAffiche("a\u0000b<script>.pdf")).isEqualTo("a_b_script_.pdf");
		assertThat(PiecesJointes.nomAffiche(null)).isEqualTo("document.pdf");
	}

	/**
	 * Over HTTP, Spring's multipart limit (20MB) stops the upload before the controller:
	 * the porteur comes back to the lettre with the reason, and the draft is intact.
	 */
	@Test
	void anUploadAboveTheMultipartLimitComesBackWithTheReason() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String login = browser.send(http("/connexion"), HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(login);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(uri("/connexion"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=porteur.76&password=demo&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		String form = browser.send(http(PortailFixtures.brouillon(this.lettre)), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher token = CSRF.matcher(form);
		assertThat(token.find()).isTrue();

		String boundary = "----parcours" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token.group(1)
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nbrouillon\r\n--"
				+ boundary
				+ "\r\nContent-Disposition: form-data; name=\"fichiers\"; filename=\"enorme.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(Arrays.copyOf(PortailFixtures.pdf(), 21 * 1024 * 1024));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		Matcher action = Pattern.compile("action=\"([^\"]*/dossiers/brouillons/\\d+\\?_csrf=[^\"]+)\"").matcher(form);
		assertThat(action.find()).as("the form's action carries the CSRF token").isTrue();
		HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri(HtmlUtils.htmlUnescape(action.group(1))))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(PortailFixtures.brouillon(this.lettre)));

		String back = HtmlUtils.htmlUnescape(
				browser.send(http(PortailFixtures.brouillon(this.lettre)), HttpResponse.BodyHandlers.ofString())
					.body());
		assertThat(back).contains("Le fichier envoyé dépasse la taille maximale de 20 Mo")
			.contains("value=\"CPTS des pièces\"");
		assertThat(pieces()).isEmpty();
	}

	private HttpRequest http(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
