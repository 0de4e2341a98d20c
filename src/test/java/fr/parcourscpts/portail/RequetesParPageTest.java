package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

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

	private static final RequestPostProcessor GUICHET_76 = user("guichet.76")
		.authorities(new SimpleGrantedAuthority("GROUP_guichet-cpts"));

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcClient jdbc;

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
		// 72 before the decision tables were kept (TablesDeDecision), of which 24 inserts
		assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(36);
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
