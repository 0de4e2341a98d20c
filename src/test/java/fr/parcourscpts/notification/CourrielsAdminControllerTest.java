package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.dossier.DossierMembers;

@ApplicationTest
class CourrielsAdminControllerTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	MailOutbox outbox;

	@Autowired
	CourrielSender sender;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@LocalServerPort
	int port;

	@BeforeEach
	void emptyOutbox() {
		new CourrielsFixtures(this.jdbc, this.members).emptyOutbox();
	}

	@AfterEach
	void clean() {
		this.jdbc.sql("delete from preference_courriel").update();
	}

	@Test
	void administratorsReadEveryMailOfTheirRegionWhateverItsStatus() throws Exception {
		long occitanie = this.outbox.enqueue(mail("Courriel d’Occitanie <b>gras</b>"), "CPTS-76-2026-6001", "76");
		long bretagne = this.outbox.enqueue(mail("Courriel de Bretagne"), "CPTS-53-2026-6002", "53");

		HttpResponse<String> regional = get("/admin/courriels", "admin.76", new CookieManager());
		assertThat(regional.statusCode()).isEqualTo(200);
		assertThat(regional.body()).contains("Courriels du service")
			.contains("Courriel d’Occitanie &lt;b&gt;gras&lt;/b&gt;")
			.doesNotContain("Courriel de Bretagne")
			.contains("En attente");
		assertThat(get("/admin/courriels/" + bretagne, "admin.76", new CookieManager()).statusCode()).isEqualTo(404);

		HttpResponse<String> national = get("/admin/courriels?statut=PENDING", "admin", new CookieManager());
		assertThat(national.body()).contains("Courriel de Bretagne").contains("Courriel d’Occitanie");

		HttpResponse<String> one = get("/admin/courriels/" + occitanie, "admin.76", new CookieManager());
		assertThat(one.body()).contains("srcdoc=").contains("sandbox").contains("CPTS-76-2026-6001");
	}

	@Test
	void agentsAndPorteursCannotOpenTheOutbox() throws Exception {
		assertThat(get("/admin/courriels", "ars.76", new CookieManager()).statusCode()).isEqualTo(403);
		assertThat(get("/admin/courriels", "porteur.76", new CookieManager()).statusCode()).isEqualTo(403);
	}

	@Test
	void resendPutsAFailedMailBackInTheQueueAndItLeaves() throws Exception {
		long id = this.outbox.enqueue(mail("Relance ratée"), "CPTS-76-2026-6003", "76");
		this.jdbc.sql("update courriel set statut = 'FAILED', tentatives = 10, derniere_erreur = 'Connection refused'")
			.update();
		CookieManager session = new CookieManager();
		HttpResponse<String> page = get("/admin/courriels/" + id, "admin.76", session);
		assertThat(page.body()).contains("Connection refused").contains("Renvoyer");

		HttpResponse<String> resend = post("/admin/courriels/" + id + "/renvoyer", "admin.76", session,
				csrf(page.body()));
		assertThat(resend.statusCode()).isEqualTo(302);
		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(CourrielsFixtures.recipients(greenMail.getReceivedMessages())).containsExactly("alice@exemple.fr");
	}

	@Test
	void anAgentChoosesTheDailyDigest() throws Exception {
		CookieManager session = new CookieManager();
		HttpResponse<String> page = get("/preferences/courriels", "cpam.76", session);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Un récapitulatif quotidien");
		assertThat(
				post("/preferences/courriels", "cpam.76", session, csrf(page.body()) + "&mode=QUOTIDIEN").statusCode())
			.isEqualTo(302);
		assertThat(this.jdbc.sql("select mode from preference_courriel where utilisateur = 'cpam.76'")
			.query(String.class)
			.single()).isEqualTo("QUOTIDIEN");
	}

	private static OutgoingMail mail(String subject) {
		return OutgoingMail.of("alice@exemple.fr", subject, "evenement",
				Map.of("reference", "CPTS-76-2026-6001", "nomCpts", "CPTS du Lauragais", "libelle", "Test", "lien",
						"http://localhost:8080/", "agent", false, "donnees", Map.of()));
	}

	private static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("CSRF token in the form").isTrue();
		return "_csrf=" + URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> get(String path, String user, CookieManager cookies) throws Exception {
		return http(cookies).get(path).as(user).send();
	}

	private HttpResponse<String> post(String path, String user, CookieManager cookies, String form) throws Exception {
		return http(cookies).call("POST", path).as(user).form(form).send();
	}

	private BasicHttp http(CookieManager cookies) {
		return BasicHttp.local(this.port, HttpClient.newBuilder().cookieHandler(cookies).build());
	}

}
