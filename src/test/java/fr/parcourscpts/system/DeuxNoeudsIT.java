package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import fr.parcourscpts.BasicHttp;

/**
 * Two nodes of the application (the real jar, two JVMs) on one PostgreSQL, as Camunda's
 * homogeneous cluster: a user logged in on node A continues on node B (Spring Session
 * JDBC), the mails of the outbox are delivered once though both nodes run the sender, and
 * timers due at once fire exactly once across the two job executors, even when node B is
 * killed (SIGKILL) in the middle of the storm.
 */
class DeuxNoeudsIT {

	private static final String ADMIN_PASSWORD = "admin-deux-noeuds";

	private static final String PASSWORD = "secret-deux-noeuds";

	private static final String AGENT = "guichet.noeuds";

	private static final int TIMERS = 300;

	private static final int MAILS = 30;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * A timer due in the past on each instance: it fires as soon as a node acquires it.
	 */
	private static final String MODELE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
			    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://parcours-cpts.fr/it">
			  <process id="deux-noeuds-minuteurs" isExecutable="true" camunda:historyTimeToLive="P1D">
			    <startEvent id="debut" />
			    <sequenceFlow id="f1" sourceRef="debut" targetRef="attente" />
			    <intermediateCatchEvent id="attente">
			      <timerEventDefinition><timeDate>DUE</timeDate></timerEventDefinition>
			    </intermediateCatchEvent>
			    <sequenceFlow id="f2" sourceRef="attente" targetRef="fin" />
			    <endEvent id="fin" />
			  </process>
			</definitions>
			""";

	@Test
	void twoNodesShareSessionsAndFireEachTimerOnce() throws Exception {
		Path jar = ApplicationEnfant.jar("DeuxNoeudsIT");
		Path logs = Files.createDirectories(Path.of("target", "deux-noeuds-it"));
		int smtpPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			smtpPort = socket.getLocalPort();
		}
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			Map<String, String> environment = new LinkedHashMap<>();
			environment.put("PARCOURS_MAIL_HOST", "127.0.0.1");
			environment.put("PARCOURS_MAIL_PORT", String.valueOf(smtpPort));
			environment.put("SPRING_PROFILES_ACTIVE", "postgres");
			environment.put("PARCOURS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
			environment.put("PARCOURS_DB_USER", "postgres");
			environment.put("PARCOURS_DB_PASSWORD", "postgres");
			environment.put("PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD);
			DataSource database = postgres.getPostgresDatabase();
			// node A first (it creates the schema), then node B on the same database
			ApplicationEnfant a = noeud("noeud-a", jar, environment, logs.resolve("noeud-a.log"));
			ApplicationEnfant b = null;
			try {
				b = noeud("noeud-b", jar, environment, logs.resolve("noeud-b.log"));
				Api api = new Api();
				api.createAgent(a.url());

				// 1. a session opened on node A serves on node B
				String cookie = api.logIn(a.url(), AGENT, PASSWORD);
				assertThat(cookie).as("session cookie from node A").isNotBlank();
				// Tasklist opened on node A puts the webapps' authentication in the
				// session ...
				assertThat(api.withCookie(a.url(), "/camunda/app/tasklist/default/", cookie).statusCode())
					.isEqualTo(200);
				// ... which node B reads from the database
				HttpResponse<String> onB = api.withCookie(b.url(), "/camunda/api/admin/auth/user/default", cookie);
				assertThat(onB.statusCode()).as("node B knows the session of node A").isEqualTo(200);
				assertThat(onB.body()).contains("\"userId\":\"" + AGENT + "\"");
				HttpResponse<String> accueilOnB = api.withCookie(b.url(), "/accueil", cookie);
				assertThat(accueilOnB.statusCode()).as("portal page on node B with node A's session").isEqualTo(200);
				assertThat(count(database, "select count(*) from spring_session")).isGreaterThanOrEqualTo(1);

				// 2. the outbox, read by the senders of both nodes, delivers each mail
				// once
				int before = smtp.getReceivedMessages().length;
				try (Connection connection = database.getConnection()) {
					for (int i = 0; i < MAILS; i++) {
						connection.createStatement()
							.executeUpdate(
									"insert into courriel (destinataires, sujet, modele, corps_html, corps_texte, "
											+ "statut, prochain_essai, created_at) values ('noeuds-" + i
											+ "@exemple.fr', 'Deux noeuds " + i
											+ "', 'test', '<p>Test</p>', 'Test', 'PENDING', " + "now(), now())");
					}
				}
				await("every mail of the outbox sent", Duration.ofSeconds(180), () -> count(database,
						"select count(*) from courriel where sujet like 'Deux noeuds %' and statut = 'SENT'") == MAILS);
				long received = java.util.Arrays.stream(smtp.getReceivedMessages()).skip(before).filter((message) -> {
					try {
						return message.getSubject() != null && message.getSubject().startsWith("Deux noeuds ");
					}
					catch (Exception ex) {
						return false;
					}
				}).count();
				System.out.printf("== Deux nœuds : %d courriels dans la file, %d reçus par le serveur SMTP%n", MAILS,
						received);
				assertThat(received).as("mails received once each").isEqualTo(MAILS);

				// 3. a storm of timers due at once, node B killed in the middle of it
				String due = java.time.Instant.now()
					.plusSeconds(60)
					.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
					.toString();
				api.deploy(a.url(), MODELE.replace("DUE", due));
				for (int i = 0; i < TIMERS; i++) {
					api.startInstance((i % 2 == 0) ? a.url() : b.url());
				}
				LongSupplier fired = () -> count(database,
						"select count(*) from act_hi_actinst where act_id_ = 'attente' and end_time_ is not null");
				await("a first part of the timers fired", Duration.ofSeconds(240), Duration.ofMillis(50),
						() -> fired.getAsLong() >= 10);
				long firedAtKill = fired.getAsLong();
				b.kill();
				int exitB = b.exitCode();
				await("every timer fired after node B's death", Duration.ofSeconds(300),
						() -> fired.getAsLong() >= TIMERS && count(database,
								"select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.execution_id_ "
										+ "join act_re_procdef d on d.id_ = e.proc_def_id_ "
										+ "where d.key_ = 'deux-noeuds-minuteurs'") == 0);

				long ended = count(database, "select count(*) from act_hi_procinst p join act_re_procdef d "
						+ "on d.id_ = p.proc_def_id_ where d.key_ = 'deux-noeuds-minuteurs' and p.end_time_ is not null");
				long timerRows = count(database, "select count(*) from act_hi_actinst where act_id_ = 'attente'");
				long twice = count(database, "select count(*) from (select proc_inst_id_ from act_hi_actinst "
						+ "where act_id_ = 'fin' group by proc_inst_id_ having count(*) > 1) x");
				long succeeded = count(database,
						"select count(*) from act_hi_job_log where process_def_key_ = 'deux-noeuds-minuteurs' "
								+ "and job_state_ = 2");
				Map<String, Long> byNode = perNode(database);
				long deployments = count(database,
						"select count(*) from act_re_procdef where key_ = 'cpts-creation' and version_ > 1");
				System.out
					.printf("== Deux nœuds : session de A servie par B ; %d minuteurs, %d terminés, %d lignes d'attente, "
							+ "%d fins en double, %d exécutions réussies (par nœud : %s), nœud B tué (code %d) après %d, "
							+ "%d redéploiements de cpts-creation%n", TIMERS, ended, timerRows, twice, succeeded,
							byNode, exitB, firedAtKill, deployments);

				assertThat(exitB).as("node B killed by SIGKILL").isEqualTo(137);
				assertThat(firedAtKill).as("node B killed in the middle of the storm").isLessThan(TIMERS);
				assertThat(ended).as("instances ended").isEqualTo(TIMERS);
				assertThat(timerRows).as("one wait per instance").isEqualTo(TIMERS);
				assertThat(twice).as("instances ended twice").isZero();
				assertThat(succeeded).as("timer jobs executed successfully, once each").isEqualTo(TIMERS);
				assertThat(deployments).as("the models are not deployed again by the second node").isZero();

				// node A still serves the session after node B's death
				HttpResponse<String> backOnA = api.withCookie(a.url(), "/camunda/api/admin/auth/user/default", cookie);
				assertThat(backOnA.statusCode()).isEqualTo(200);
			}
			finally {
				if (b != null) {
					b.kill();
				}
				a.stop();
			}
		}
		finally {
			smtp.stop();
		}
	}

	private static Map<String, Long> perNode(DataSource database) {
		return Comptages.parCle(database, "select coalesce(hostname_, '?'), count(*) from act_hi_job_log "
				+ "where process_def_key_ = 'deux-noeuds-minuteurs' and job_state_ = 2 group by 1 order by 1");
	}

	private static long count(DataSource database, String sql) {
		return Comptages.count(database, sql);
	}

	private interface Condition {

		boolean met() throws Exception;

	}

	/** Polls until the condition holds (a slow machine gets the whole timeout). */
	private static void await(String what, Duration timeout, Condition condition) throws Exception {
		await(what, timeout, Duration.ofMillis(500), condition);
	}

	private static void await(String what, Duration timeout, Duration poll, Condition condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.met()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not reached after " + timeout.toSeconds() + " s: " + what);
			}
			Thread.sleep(poll.toMillis());
		}
	}

	/** A node of the application, in its own JVM. */
	private static ApplicationEnfant noeud(String name, Path jar, Map<String, String> environment, Path log)
			throws Exception {
		return ApplicationEnfant.demarrer(jar, environment, log, Duration.ofSeconds(300),
				// both nodes run the outbox's sender, every 2 s
				"--parcours.courriels.envoi-planifie=true", "--parcours.courriels.delai-envoi=PT2S",
				// the job log names the node that ran each job
				"--camunda.bpm.generic-properties.properties.hostname=" + name,
				// a job locked by a killed node is taken again after 20 s, not 5 min
				"--camunda.bpm.job-execution.lock-time-in-millis=20000");
	}

	private static final class Api {

		private final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		void createAgent(String url) throws Exception {
			Map<String, Object> user = Map.of("profile",
					Map.of("id", AGENT, "firstName", "Test", "lastName", "Noeuds", "email", AGENT + "@exemple.fr"),
					"credentials", Map.of("password", PASSWORD));
			expect(204, admin(url, "POST", "/engine-rest/user/create", JSON.writeValueAsString(user)));
			expect(204, admin(url, "PUT", "/engine-rest/group/guichet-cpts/members/" + AGENT, null));
			expect(204, admin(url, "PUT", "/engine-rest/tenant/76/user-members/" + AGENT, null));
		}

		/** The form login of the portal; returns the session cookie ("JSESSIONID=…"). */
		String logIn(String url, String user, String password) throws Exception {
			HttpResponse<String> form = this.client.send(
					HttpRequest.newBuilder(URI.create(url + "/connexion")).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			String cookie = sessionCookie(form);
			Matcher csrf = CSRF.matcher(form.body());
			assertThat(csrf.find()).as("CSRF token of the login form").isTrue();
			String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
			HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(URI.create(url + "/connexion"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", cookie)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).as("login answered by a redirection").isEqualTo(302);
			assertThat(login.headers().firstValue("Location"))
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/accueil"));
			String renewed = sessionCookie(login);
			return (renewed != null) ? renewed : cookie;
		}

		HttpResponse<String> withCookie(String url, String path, String cookie) throws Exception {
			return this.client.send(HttpRequest.newBuilder(URI.create(url + path))
				.timeout(Duration.ofSeconds(60))
				.header("Cookie", cookie)
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		void deploy(String url, String bpmn) throws Exception {
			String boundary = "----deux-noeuds-" + System.nanoTime();
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
					+ "deux-noeuds\r\n--" + boundary
					+ "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"deux-noeuds.bpmn\"\r\n"
					+ "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
			expect(200,
					new BasicHttp(url, this.client).call("POST", "/engine-rest/deployment/create")
						.timeout(Duration.ofSeconds(60))
						.as("admin", ADMIN_PASSWORD)
						.body("multipart/form-data; boundary=" + boundary, body)
						.send());
		}

		void startInstance(String url) throws Exception {
			expect(200, admin(url, "POST", "/engine-rest/process-definition/key/deux-noeuds-minuteurs/start", "{}"));
		}

		private HttpResponse<String> admin(String url, String method, String path, String json) throws Exception {
			return new BasicHttp(url, this.client).call(method, path)
				.timeout(Duration.ofSeconds(60))
				.accept("application/json")
				.as("admin", ADMIN_PASSWORD)
				.body((json != null) ? "application/json" : null, json)
				.send();
		}

		private static String sessionCookie(HttpResponse<?> response) {
			return response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("JSESSIONID="))
				.map((cookie) -> cookie.split(";", 2)[0])
				.filter((cookie) -> cookie.length() > "JSESSIONID=".length())
				.findFirst()
				.orElse(null);
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		private static void expect(int status, HttpResponse<String> response) {
			if (response.statusCode() != status) {
				throw new AssertionError(response.request().method() + " " + response.request().uri() + ": "
						+ response.statusCode() + " " + response.body());
			}
		}

	}

}
