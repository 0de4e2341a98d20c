package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;

/**
 * A page view with a session does not write the session (issue 12, P4): the last access
 * time is recorded again only once a minute has passed, and the session still serves.
 */
@ApplicationTest
class SessionsSansEcritureParRequeteTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void pagesWithinAMinuteDoNotWriteTheSessionAndALaterOneDoes() throws Exception {
		String user = "session." + System.nanoTime();
		User account = this.identity.newUser(user);
		account.setFirstName("Session");
		account.setLastName("Test");
		account.setPassword("un-mot-de-passe-de-session");
		this.identity.saveUser(account);
		logIn(user, "un-mot-de-passe-de-session");
		long afterLogin = lastAccess(user);

		for (int i = 0; i < 3; i++) {
			assertThat(get("/accueil").statusCode()).as("still logged in").isEqualTo(200);
		}
		assertThat(lastAccess(user)).as("three pages within the minute wrote nothing").isEqualTo(afterLogin);

		// as if the last recorded access were two minutes old
		this.jdbc
			.sql("update SPRING_SESSION set LAST_ACCESS_TIME = LAST_ACCESS_TIME - 120000,"
					+ " EXPIRY_TIME = EXPIRY_TIME - 120000 where PRINCIPAL_NAME = :user")
			.param("user", user)
			.update();
		assertThat(get("/accueil").statusCode()).isEqualTo(200);
		assertThat(lastAccess(user)).as("recorded again after a minute").isGreaterThan(afterLogin - 1000);
	}

	private long lastAccess(String user) {
		return this.jdbc.sql("select LAST_ACCESS_TIME from SPRING_SESSION where PRINCIPAL_NAME = :user")
			.param("user", user)
			.query(Long.class)
			.single();
	}

	private void logIn(String user, String password) throws Exception {
		HttpResponse<String> form = get("/connexion");
		Matcher csrf = CSRF.matcher(form.body());
		assertThat(csrf.find()).isTrue();
		String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/connexion"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/accueil"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
