package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.parcourscpts.portail.ApiPorteur;

/**
 * No acknowledged write is lost when the application dies without warning (SIGKILL, as
 * the OOM killer or a crashed host would do it). The real jar runs as a separate JVM; a
 * concurrent burst of lettres sent through the portal's API and of tasks completed
 * through the engine's REST API is recorded, each write that was answered 2xx counting as
 * acknowledged; the process is killed in the middle of the burst, started again on the
 * same database, and every acknowledged lettre must be there with its reference, every
 * acknowledged completion done, and no reference given twice, including to the lettres
 * sent after the restart.
 */
class DurabilityIT {

	private static final String ADMIN_PASSWORD = "admin-durabilite";

	private static final String PASSWORD = "secret-durabilite";

	private static final String PORTEUR = "porteur.durabilite";

	private static final String GUICHET = "guichet.durabilite";

	/** Sent before the burst: their verifierCompletude tasks are completed in it. */
	private static final int LETTRES_BEFORE = 6;

	private static final int LETTRES_IN_BURST = 12;

	private static final int LETTRES_AFTER_RESTART = 3;

	private static final int THREADS = 8;

	/**
	 * The kill comes once this share of the burst is acknowledged, the rest in flight.
	 */
	private static final double KILL_AT = 0.7;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration ATTENTE = Duration.ofSeconds(180);

	/** The outbox keeps its mails: no delivery to whatever listens on 1025. */
	private static final String SANS_ENVOI = "--parcours.courriels.envoi-planifie=false";

	@Test
	void noAcknowledgedWriteIsLostOnTheEmbeddedH2File(@TempDir Path dir) throws Exception {
		Path jar = ApplicationEnfant.jar("DurabilityIT");
		Map<String, String> environment = new HashMap<>();
		// the default configuration (demo profile, H2 file), as a newcomer runs it
		environment.put("PARCOURS_DATA_DIR", dir.resolve("data").toString());
		environment.put("PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD);
		verifyNothingAcknowledgedIsLost("H2 fichier", jar, environment);
	}

	@Test
	void noAcknowledgedWriteIsLostOnPostgresql() throws Exception {
		Path jar = ApplicationEnfant.jar("DurabilityIT");
		// zonky turns synchronous_commit off for speed; production keeps PostgreSQL's
		// default
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.start()) {
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					ResultSet setting = connection.createStatement().executeQuery("show synchronous_commit")) {
				assertThat(setting.next()).isTrue();
				assertThat(setting.getString(1)).as("PostgreSQL's default, as in production").isEqualTo("on");
			}
			Map<String, String> environment = new HashMap<>();
			environment.put("SPRING_PROFILES_ACTIVE", "postgres");
			environment.put("PARCOURS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
			environment.put("PARCOURS_DB_USER", "postgres");
			environment.put("PARCOURS_DB_PASSWORD", "postgres");
			environment.put("PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD);
			verifyNothingAcknowledgedIsLost("PostgreSQL", jar, environment);
		}
	}

	private void verifyNothingAcknowledgedIsLost(String database, Path jar, Map<String, String> environment)
			throws Exception {
		Acknowledged acknowledged = new Acknowledged();
		int exitCode;
		int inFlight;
		// the logs stay in target/ for a look after the run
		Path logs = Files.createDirectories(Path.of("target", "durability-it"));
		String prefix = database.replace(' ', '-');
		ApplicationEnfant first = ApplicationEnfant.demarrer(jar, environment,
				logs.resolve(prefix + "-avant-sigkill.log"), ATTENTE, SANS_ENVOI);
		try {
			Api api = new Api(first.url());
			api.createAccounts();
			parallel(LETTRES_BEFORE, () -> api.sendLettre("CPTS avant la rafale", acknowledged));
			List<String> tasks = api.verifierCompletudeTasks(LETTRES_BEFORE);
			List<Runnable> burst = new ArrayList<>();
			for (int i = 0; i < LETTRES_IN_BURST; i++) {
				burst.add(() -> api.sendLettre("CPTS de la rafale", acknowledged));
				if (i < tasks.size()) {
					String task = tasks.get(i);
					burst.add(() -> api.completeVerifierCompletude(task, acknowledged));
				}
			}
			int writes = LETTRES_IN_BURST * 2 + tasks.size();
			int before = acknowledged.count();
			CountDownLatch killPoint = new CountDownLatch((int) (writes * KILL_AT));
			acknowledged.onEach(killPoint::countDown);
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			burst.forEach(threads::execute);
			killPoint.await(120, TimeUnit.SECONDS);
			first.kill();
			exitCode = first.exitCode();
			inFlight = writes - (acknowledged.count() - before);
			threads.shutdownNow();
			threads.awaitTermination(60, TimeUnit.SECONDS);
		}
		finally {
			first.kill();
		}

		ApplicationEnfant second = ApplicationEnfant.demarrer(jar, environment,
				logs.resolve(prefix + "-apres-redemarrage.log"), ATTENTE, SANS_ENVOI);
		try {
			Api api = new Api(second.url());
			Acknowledged after = new Acknowledged();
			parallel(LETTRES_AFTER_RESTART, () -> api.sendLettre("CPTS après le redémarrage", after));

			Map<Long, String> stored = api.lettres();
			Set<String> completed = api.completedVerifierCompletudeTasks();
			List<String> lostLettres = new ArrayList<>();
			acknowledged.lettres.forEach((id, reference) -> {
				boolean found = stored.containsKey(id) && (reference.isEmpty() || reference.equals(stored.get(id)));
				if (!found) {
					lostLettres.add(id + "=" + reference + " (trouvé : " + stored.get(id) + ")");
				}
			});
			List<String> lostCompletions = acknowledged.completions.stream()
				.filter((task) -> !completed.contains(task))
				.toList();
			List<String> references = new ArrayList<>(stored.values().stream().filter((r) -> !r.isEmpty()).toList());
			List<String> duplicates = duplicates(references);
			List<String> businessKeys = api.creationBusinessKeys();
			List<String> duplicatesInProcesses = duplicates(businessKeys);
			// the dossier and its process are written in one transaction: both or neither
			List<String> withoutProcess = references.stream().filter((r) -> !businessKeys.contains(r)).toList();
			List<String> reissued = after.lettres.values()
				.stream()
				.filter(acknowledged.lettres::containsValue)
				.toList();

			int acknowledgedWrites = acknowledged.count();
			int lost = lostLettres.size() + lostCompletions.size();
			System.out.printf(
					"== Durabilité [%s] : %d écritures acquittées avant SIGKILL (%d lettres dont %d envoyées, %d tâches "
							+ "terminées), %d en vol sans réponse ; processus tué (code %d) ; après redémarrage "
							+ "%d retrouvées, %d perdues ; %d lettres envoyées après redémarrage ; %d références en "
							+ "double (%d en processus), %d réattribuées, %d dossiers sans processus%n",
					database, acknowledgedWrites, acknowledged.lettres.size(), acknowledged.sent(),
					acknowledged.completions.size(), inFlight, exitCode, acknowledgedWrites - lost, lost, after.sent(),
					duplicates.size(), duplicatesInProcesses.size(), reissued.size(), withoutProcess.size());
			boolean ok = lost == 0 && duplicates.isEmpty() && duplicatesInProcesses.isEmpty() && reissued.isEmpty()
					&& withoutProcess.isEmpty();
			AbuseSuite.attempt("durabilité", "[" + database + "] SIGKILL au milieu d'une rafale de "
					+ acknowledgedWrites + " écritures acquittées : aucune perdue, aucune référence en double", ok);

			assertThat(exitCode).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
			assertThat(acknowledged.sent()).as("lettres sent before the kill").isGreaterThan(LETTRES_BEFORE);
			assertThat(lostLettres).as("acknowledged lettres missing after the restart").isEmpty();
			assertThat(lostCompletions).as("acknowledged completions not done after the restart").isEmpty();
			assertThat(duplicates).as("references stored twice").isEmpty();
			assertThat(duplicatesInProcesses).as("processes started twice with one reference").isEmpty();
			assertThat(reissued).as("references given again after the restart").isEmpty();
			assertThat(withoutProcess).as("dossiers stored without their process").isEmpty();
			assertThat(after.sent()).isEqualTo(LETTRES_AFTER_RESTART);
		}
		finally {
			second.stop();
		}
	}

	private static List<String> duplicates(List<String> values) {
		Set<String> seen = new HashSet<>();
		return values.stream().filter((value) -> !seen.add(value)).distinct().toList();
	}

	private static void parallel(int times, Runnable action) throws InterruptedException {
		ExecutorService threads = Executors.newFixedThreadPool(Math.min(times, THREADS));
		for (int i = 0; i < times; i++) {
			threads.execute(action);
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
	}

	/** The Spring Boot jar built by {@code package}; absent when run from an IDE. */
	/** What the application answered 2xx to: lettre id → reference ("" for a draft). */
	private static final class Acknowledged {

		final Map<Long, String> lettres = new ConcurrentHashMap<>();

		final Set<String> completions = ConcurrentHashMap.newKeySet();

		private final List<Runnable> listeners = Collections.synchronizedList(new ArrayList<>());

		void onEach(Runnable listener) {
			this.listeners.add(listener);
		}

		void draft(long id) {
			this.lettres.putIfAbsent(id, "");
			this.listeners.forEach(Runnable::run);
		}

		void sent(long id, String reference) {
			this.lettres.put(id, reference);
			this.listeners.forEach(Runnable::run);
		}

		void completed(String task) {
			this.completions.add(task);
			this.listeners.forEach(Runnable::run);
		}

		/** Drafts created and lettres sent count as two writes. */
		int count() {
			return this.lettres.size() + sent() + this.completions.size();
		}

		int sent() {
			return (int) this.lettres.values().stream().filter((reference) -> !reference.isEmpty()).count();
		}

	}

	/** The application's APIs, as a porteur, a Guichet agent and the administrator. */
	private static final class Api {

		private final ApiPorteur api;

		Api(String url) {
			this.api = new ApiPorteur(url);
		}

		/** The test's own accounts, created by the administrator (no demo account). */
		void createAccounts() {
			createUser(PORTEUR, "porteurs", null);
			createUser(GUICHET, "guichet-cpts", "76");
		}

		private void createUser(String id, String group, String region) {
			Map<String, Object> user = Map.of("profile",
					Map.of("id", id, "firstName", "Test", "lastName", "Durabilité", "email", id + "@exemple.fr"),
					"credentials", Map.of("password", PASSWORD));
			expect(204, call("POST", "/engine-rest/user/create", user, "admin", ADMIN_PASSWORD));
			expect(204, call("PUT", "/engine-rest/group/" + group + "/members/" + id, null, "admin", ADMIN_PASSWORD));
			if (region != null) {
				expect(204, call("PUT", "/engine-rest/tenant/" + region + "/user-members/" + id, null, "admin",
						ADMIN_PASSWORD));
			}
		}

		/** Creates a lettre and sends it: two writes, each recorded once acknowledged. */
		void sendLettre(String nom, Acknowledged acknowledged) {
			try {
				HttpResponse<String> created = call("POST", "/api/portail/dossiers", ApiPorteur.lettre(nom), PORTEUR,
						PASSWORD);
				expect(201, created);
				long id = JSON.readTree(created.body()).get("id").asLong();
				acknowledged.draft(id);
				HttpResponse<String> sent = call("POST", "/api/portail/dossiers/" + id + "/envoi", null, PORTEUR,
						PASSWORD);
				expect(200, sent);
				acknowledged.sent(id, JSON.readTree(sent.body()).get("reference").asText());
			}
			catch (IOException | UncheckedIOException ex) {
				// the application was killed: not acknowledged, so not checked
			}
		}

		void completeVerifierCompletude(String task, Acknowledged acknowledged) {
			try {
				expect(204, call("POST", "/engine-rest/task/" + task + "/complete",
						Map.of("variables", Map.of("completude", Map.of("value", "complete"))), GUICHET, PASSWORD));
				acknowledged.completed(task);
			}
			catch (UncheckedIOException ex) {
				// the application was killed: not acknowledged, so not checked
			}
		}

		/** The open verifierCompletude tasks, once there are as many as expected. */
		List<String> verifierCompletudeTasks(int expected) throws Exception {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (true) {
				JsonNode tasks = JSON.readTree(call("GET", "/engine-rest/task?taskDefinitionKey=verifierCompletude",
						null, "admin", ADMIN_PASSWORD)
					.body());
				List<String> ids = new ArrayList<>();
				tasks.forEach((task) -> ids.add(task.get("id").asText()));
				if (ids.size() >= expected || System.nanoTime() > deadline) {
					assertThat(ids).as("verifierCompletude tasks of the lettres sent").hasSize(expected);
					return ids;
				}
				Thread.sleep(250);
			}
		}

		Set<String> completedVerifierCompletudeTasks() throws IOException {
			JsonNode tasks = JSON.readTree(call("GET",
					"/engine-rest/history/task?taskDefinitionKey=verifierCompletude&finished=true&maxResults=10000",
					null, "admin", ADMIN_PASSWORD)
				.body());
			Set<String> ids = new HashSet<>();
			tasks.forEach((task) -> ids.add(task.get("id").asText()));
			return ids;
		}

		/** Every lettre of the porteur: id → reference ("" for a draft). */
		Map<Long, String> lettres() throws IOException {
			HttpResponse<String> response = call("GET", "/api/portail/dossiers", null, PORTEUR, PASSWORD);
			expect(200, response);
			Map<Long, String> lettres = new LinkedHashMap<>();
			JSON.readTree(response.body()).forEach((lettre) -> {
				JsonNode reference = lettre.get("reference");
				lettres.put(lettre.get("id").asLong(),
						(reference == null || reference.isNull()) ? "" : reference.asText());
			});
			return lettres;
		}

		/**
		 * The business key (the reference) of every cpts-creation process ever started.
		 */
		List<String> creationBusinessKeys() throws IOException {
			JsonNode processes = JSON.readTree(call("GET",
					"/engine-rest/history/process-instance?processDefinitionKey=cpts-creation&maxResults=10000", null,
					"admin", ADMIN_PASSWORD)
				.body());
			List<String> keys = new ArrayList<>();
			processes.forEach((process) -> keys.add(process.get("businessKey").asText()));
			return keys;
		}

		private HttpResponse<String> call(String method, String path, Object body, String user, String password) {
			return this.api.json(method, path, body, user, password);
		}

		private static void expect(int status, HttpResponse<String> response) {
			if (response.statusCode() != status) {
				throw new AssertionError(response.request().method() + " " + response.request().uri() + ": "
						+ response.statusCode() + " " + response.body());
			}
		}

	}

}
