package fr.parcourscpts.identity;

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

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;

/**
 * One login serves the portal and the Camunda webapps: after the form login, Tasklist
 * knows the agent without a second login.
 */
@ApplicationTest
class SingleLoginTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void agentLoggedInOnThePortalOpensTasklistWithoutLoggingInAgain() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		HttpResponse<String> login = logIn(browser, "ars.76", "demo");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/accueil"));

		// The browser opens Tasklist, which then asks who is logged in.
		HttpResponse<String> tasklist = browser.send(get("/camunda/app/tasklist/default/"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(tasklist.statusCode()).isEqualTo(200);

		HttpResponse<String> camundaUser = browser.send(get("/camunda/api/admin/auth/user/default"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(camundaUser.statusCode()).isEqualTo(200);
		assertThat(camundaUser.body()).contains("\"userId\":\"ars.76\"").contains("tasklist");
	}

	@Test
	void anonymousCallToTheWebappsApiIsRefused() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(get("/camunda/api/admin/auth/user/default"), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void anonymousVisitorOfTasklistIsSentToTheLoginPage() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpRequest request = HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/"))
			.header("Accept", "text/html")
			.build();
		HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/connexion"));
	}

	@Test
	void wrongPasswordShowsAnErrorInFrench() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		// Another account than the other tests: failed logins lock an account for a
		// while.
		HttpResponse<String> page = logIn(browser, "cpam.32", "faux");
		assertThat(page.body()).contains("Identifiant ou mot de passe incorrect.");
	}

	private HttpResponse<String> logIn(HttpClient browser, String user, String password) throws Exception {
		String form = browser.send(get("/connexion"), HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(form);
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		HttpRequest post = HttpRequest.newBuilder(uri("/connexion"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return browser.send(post, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
