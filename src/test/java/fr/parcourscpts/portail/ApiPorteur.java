package fr.parcourscpts.portail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcourscpts.BasicHttp;

/**
 * The portal's JSON API as a porteur's program calls it, over real HTTP with Basic
 * credentials (no session, no CSRF token), for the tests that drive a dossier through it:
 * the API's own tests, the accessibility audit, the tests that run the jar in a JVM of
 * its own.
 */
public final class ApiPorteur {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final BasicHttp http;

	/**
	 * @param url the application's root, {@code http://localhost:8080}
	 */
	public ApiPorteur(String url) {
		this.http = new BasicHttp(url,
				HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(10))
					.build());
	}

	public static ApiPorteur local(int port) {
		return new ApiPorteur("http://localhost:" + port);
	}

	/**
	 * A lettre d'intention that can be sent: one commune (Toulouse), the four missions, a
	 * FIR request of 5,000 € with its budget line.
	 */
	public static Map<String, Object> lettre(String nom) {
		Map<String, Object> lettre = new LinkedHashMap<>();
		lettre.put("nomCpts", nom);
		lettre.put("communes", "31555");
		lettre.put("besoins", "Des besoins.");
		lettre.put("professionnels", Map.of("infirmiers", "8"));
		lettre.put("missionAccesSoins", true);
		lettre.put("missionParcours", true);
		lettre.put("missionPrevention", true);
		lettre.put("missionCrisesSanitaires", true);
		lettre.put("objectifs", "Des objectifs.");
		lettre.put("actions", "Des actions.");
		lettre.put("moyens", "Des moyens.");
		lettre.put("montantFirDemande", "5000");
		lettre.put("lignesBudget", List.of(Map.of("libelle", "Coordination", "montant", "5000")));
		return lettre;
	}

	/** A call with a JSON body (or none), as a demo account. */
	public HttpResponse<String> json(String method, String path, Object body, String user) {
		return json(method, path, body, user, BasicHttp.DEMO);
	}

	/** A call with a JSON body (or none); no credentials for a null user. */
	public HttpResponse<String> json(String method, String path, Object body, String user, String password) {
		try {
			return call(method, path, (body != null) ? "application/json" : null,
					(body != null) ? JSON.writeValueAsString(body) : null, user, password);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * A call with a body of any type as it is (or none); no credentials for a null user.
	 * An I/O failure is thrown unchecked: a test that calls fails.
	 */
	public HttpResponse<String> call(String method, String path, String contentType, String body, String user,
			String password) {
		try {
			return this.http.call(method, path)
				.timeout(Duration.ofSeconds(60))
				.accept("application/json")
				.as(user, password)
				.body(contentType, body)
				.send();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new IOException("interrupted", ex));
		}
	}

}
