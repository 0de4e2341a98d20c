package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.CompteurSql;

/**
 * The SQL statements of the two pages of figure P4 (issue 12, docs/scale.md): the
 * porteur's dossier page and the agents' list. Their number is bounded so that a change
 * that adds a query per line or per request shows here, not only in the benchmark.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequetesParPageTest {

	/** The statements of the porteur's page now (35 before Suivi.Lecture). */
	private static final int BORNE_PORTEUR = 19;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final RequestPostProcessor GUICHET_76 = user("guichet.76")
		.authorities(new SimpleGrantedAuthority("GROUP_guichet-cpts"));

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private javax.sql.DataSource dataSource;

	@LocalServerPort
	private int port;

	private MockMvc mvc;

	private String page;

	@BeforeAll
	void unDossierEnvoye() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS des requêtes comptées", "31555");
		this.page = PortailFixtures.dossier(this.jdbc, lettre);
	}

	@Test
	void thePorteursDossierPageIssuesABoundedNumberOfStatements() throws Exception {
		List<String> sql = statements(this.page, PortailFixtures.porteur("porteur.76"));
		// 72 before the decision tables were kept (TablesDeDecision), of which 24
		// inserts;
		// then 35, the engine's state read again by each part of the page (the instances
		// five times, the open tasks four, their candidate groups task by task), before
		// Suivi.Lecture
		assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(BORNE_PORTEUR);
		assertThat(sql).as("the dossier's instances are read once")
			.filteredOn((statement) -> statement.contains("FROM ACT_HI_PROCINST"))
			.hasSize(1);
		assertThat(sql).as("its open tasks are read once")
			.filteredOn((statement) -> statement.contains("from ACT_RU_TASK RES"))
			.hasSize(1);
		assertThat(sql).as("nothing is written when no message is unread")
			.noneMatch((statement) -> statement.trim().toLowerCase().startsWith("update"));
		assertThat(sql).as("reading a page writes no decision history")
			.noneMatch((statement) -> statement.toUpperCase().contains("INSERT INTO ACT_HI_DEC"));
	}

	@Test
	void theAgentsListIssuesABoundedNumberOfStatements() throws Exception {
		List<String> sql = statements("/agents", GUICHET_76);
		// one query for the lines, one for their tasks, one for their timers, whatever
		// their number
		assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(6);
	}

	@Test
	void theStylesheetIsKeptAnHourByBrowsers() throws Exception {
		HttpResponse<Void> css = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/css/parcours.css")).build(),
					HttpResponse.BodyHandlers.discarding());
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("max-age=3600").doesNotContain("no-store"));
	}

	/**
	 * The two pages through the real server, with their login and session (Spring Session
	 * JDBC): no request thread takes a second connection while it holds one. One that did
	 * deadlocks the pool under load: with as many such requests as connections, each
	 * holds one and waits for another until the pool's timeout (the 33 "Connection is not
	 * available" of a P4 run, docs/scale.md).
	 */
	@Test
	void noPageTakesASecondConnectionWhileItHoldsOne() {
		List<String> seconds = CompteurSql.connexionsSimultanees("http-nio", () -> {
			try {
				HttpClient porteur = logIn("porteur.76");
				assertThat(charger(porteur, this.page).statusCode()).isEqualTo(200);
				assertThat(charger(porteur, this.page).statusCode()).isEqualTo(200);
				HttpClient guichet = logIn("guichet.76");
				assertThat(charger(guichet, "/agents").statusCode()).isEqualTo(200);
				assertThat(charger(guichet, "/agents").statusCode()).isEqualTo(200);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(seconds).as(String.join("\n\n", seconds)).isEmpty();
	}

	/** The check above can fail: two connections held at once by a request thread. */
	@Test
	void theWatchSeesARequestThreadThatTakesASecondConnection() throws Exception {
		List<String> seconds = new java.util.ArrayList<>();
		Thread requete = new Thread(() -> seconds.addAll(CompteurSql.connexionsSimultanees("http-nio", () -> {
			try (java.sql.Connection first = this.dataSource.getConnection();
					java.sql.Connection second = this.dataSource.getConnection()) {
				assertThat(first).isNotSameAs(second);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		})), "http-nio-test-1");
		requete.start();
		requete.join();
		assertThat(seconds).hasSize(1);
		assertThat(seconds.get(0)).contains("http-nio-test-1 holds 1 connection(s) and takes another");
	}

	private HttpClient logIn(String user) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> form = charger(client, "/connexion");
		Matcher csrf = CSRF.matcher(form.body());
		assertThat(csrf.find()).isTrue();
		String body = "username=" + enc(user) + "&password=demo&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/connexion"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(user + " logged in").isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).doesNotContain("/connexion"));
		return client;
	}

	private HttpResponse<String> charger(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private List<String> statements(String url, RequestPostProcessor who) throws Exception {
		// once before, so that what is loaded once per application is not counted
		this.mvc.perform(get(url).with(who)).andReturn();
		return CompteurSql.statements(() -> {
			try {
				int status = this.mvc.perform(get(url).with(who)).andReturn().getResponse().getStatus();
				assertThat(status).as(url).isEqualTo(200);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
