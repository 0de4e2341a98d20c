package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the test server: its own cookies (so its own session), no automatic
 * redirects (tests look at them), and forms posted with the CSRF token of a page, as a
 * person would.
 */
final class Navigateur {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final int port;

	Navigateur(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Follows a redirect answer (302) with a GET. */
	HttpResponse<String> suivre(HttpResponse<String> redirection) throws Exception {
		assertThat(redirection.statusCode()).as("a redirect").isEqualTo(302);
		URI location = URI.create(redirection.headers().firstValue("Location").orElseThrow());
		return get(location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : ""));
	}

	/** Posts a form to {@code action} with the CSRF token of the page {@code page}. */
	HttpResponse<String> poster(String page, String action, String... champs) throws Exception {
		HttpResponse<String> formulaire = get(page);
		Matcher csrf = CSRF.matcher(formulaire.body());
		assertThat(csrf.find()).as("the page %s carries a CSRF token", page).isTrue();
		Map<String, String> valeurs = new LinkedHashMap<>();
		for (int i = 0; i < champs.length; i += 2) {
			valeurs.put(champs[i], champs[i + 1]);
		}
		valeurs.put("_csrf", csrf.group(1));
		StringJoiner body = new StringJoiner("&");
		valeurs.forEach((name, value) -> body.add(enc(name) + "=" + enc(value)));
		HttpRequest post = HttpRequest.newBuilder(uri(action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		return this.client.send(post, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Follows a confirmation link as a person does: opens the page of the link, then
	 * presses its button (the GET alone confirms nothing).
	 */
	HttpResponse<String> confirmer(LienEmis lien) throws Exception {
		return poster(LiensEnregistres.chemin(lien), "/inscription/confirmation", "jeton",
				LiensEnregistres.jeton(lien));
	}

	HttpResponse<String> seConnecter(String utilisateur, String motDePasse) throws Exception {
		return poster("/connexion", "/connexion", "username", utilisateur, "password", motDePasse);
	}

	/** Where a redirect answer sends the browser (path and query). */
	static String destination(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("a redirect").isEqualTo(302);
		URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
		return location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : "");
	}

	/**
	 * The text of a page with the HTML escapes of Thymeleaf undone; fails on a message
	 * key missing from the bundles (shown as {@code ??key_fr_FR??}).
	 */
	static String texte(HttpResponse<String> response) {
		assertThat(response.body()).as("a message key without text").doesNotContain("??");
		return response.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
