package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
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
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The engine's endpoints that check a password are closed: they would let a logged-in
 * agent guess anyone's password past the login throttle (the engine's lockout is off).
 */
@ApplicationTest
class PasswordOraclesClosedTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void restIdentityVerifyIsRefusedEvenToAnAgent() throws Exception {
		HttpResponse<String> response = BasicHttp.local(this.port)
			.call("POST", "/engine-rest/identity/verify")
			.as("cpam.76")
			.json("{\"username\":\"ars.76\",\"password\":\"devine\"}")
			.send();

		assertThat(AbuseSuite.attempt("comptes", "agent checks another's password with /engine-rest/identity/verify",
				response.statusCode() == 403))
			.as(response.body())
			.isTrue();
	}

	@Test
	void theWebappsOwnLoginIsRefusedEvenWithItsCsrfToken() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/connexion")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		browser.send(form("/connexion", "username=cpam.76&password=demo&_csrf=" + enc(csrf.group(1)), null),
				HttpResponse.BodyHandlers.ofString());
		browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).build(),
				HttpResponse.BodyHandlers.ofString());
		String xsrf = cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("Tasklist sets its CSRF cookie"));

		HttpResponse<String> login = browser.send(
				form("/camunda/api/admin/auth/user/default/login/tasklist", "username=ars.76&password=devine", xsrf),
				HttpResponse.BodyHandlers.ofString());

		assertThat(AbuseSuite.attempt("comptes", "agent checks another's password with the webapps' login",
				login.statusCode() == 403))
			.as(login.statusCode() + " " + login.body())
			.isTrue();
	}

	private HttpRequest form(String path, String body, String xsrf) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (xsrf != null) {
			request.header("X-XSRF-TOKEN", xsrf);
		}
		return request.build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
