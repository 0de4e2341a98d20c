package fr.parcourscpts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcourscpts.portail.ApiPorteur;
import fr.parcourscpts.portail.PortailFixtures;
import fr.parcourscpts.system.ApplicationEnfant;
import fr.parcourscpts.system.Comptages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Not a test: the scale benchmark of issue 12 (see README, "Benchmark"). It starts the
 * real application jar in its own JVM on an embedded PostgreSQL server, loads it through
 * its HTTP APIs as porteurs and agents do, and measures the same figure on the bare
 * Camunda engine (in this JVM, on a second database of the same server) in the same run.
 * The table goes to the console and to {@code target/bench/resultats.md}. Its name keeps
 * it out of {@code ./mvnw verify}; run it with {@code bash scripts/bench}.
 *
 * <p>
 * Sizes (system properties): {@code bench.dossiers} (P1, default 24),
 * {@code bench.taches} (P2 open tasks, default 2000), {@code bench.clients} and
 * {@code bench.secondes} (P4, default 50 and 30), {@code bench.xmx} (the application's
 * heap, default the Dockerfile's {@code -Xmx}), {@code bench.appJvm} (more JVM options
 * for the application), {@code bench.memoire} (where the RSS goes after the load, written
 * to {@code target/bench/memoire*.txt}), {@code bench.appArgs} (more arguments for the
 * application, to compare a setting:
 * {@code --camunda.bpm.generic-properties.properties.x=y}).
 */
@Tag("benchmark")
class ScaleBenchmark {

	private static final String ADMIN_PASSWORD = "admin-bench";

	private static final String PASSWORD = "secret-bench";

	private static final String PORTEUR = "porteur.bench";

	private static final String[] URPS = { "urps-medecins", "urps-infirmiers", "urps-pharmaciens",
			"urps-masseurs-kinesitherapeutes", "urps-chirurgiens-dentistes", "urps-sages-femmes", "urps-orthophonistes",
			"urps-orthoptistes", "urps-pedicures-podologues", "urps-biologistes" };

	/** The largest commune of each of the 18 regions: an eligible territory alone. */
	private static final Map<String, String> COMMUNE_PAR_REGION = new LinkedHashMap<>();

	static {
		String[] pairs = { "01", "97101", "02", "97209", "03", "97302", "04", "97411", "06", "97611", "11", "75056",
				"24", "37261", "27", "21231", "28", "76351", "32", "59350", "44", "67482", "52", "44109", "53", "35238",
				"75", "33063", "76", "31555", "84", "69123", "93", "13055", "94", "2A004" };
		for (int i = 0; i < pairs.length; i += 2) {
			COMMUNE_PAR_REGION.put(pairs[i], pairs[i + 1]);
		}
	}

	/**
	 * User tasks of the path up to the FIR decision: the completeness check, the ten URPS
	 * opinions, the forwarding to the ARS, the FIR decision (the engine settings' run).
	 */
	private static final int TACHES_FIR = 13;

	/**
	 * User tasks of P1 per dossier, from the lettre to the signed contract (counted in
	 * bpmn/cpts-creation.bpmn and bpmn/contrat-aci.bpmn): the 13 up to the FIR decision,
	 * the porteur's deposit of the projet de santé, the CPAM's opinion, the ARS's
	 * decision, the contract's preparation and its three signatures.
	 */
	private static final int TACHES_P1 = 20;

	private static final int WORKERS = 4;

	/** P2: instances started through /engine-rest beside the loader, for its rate. */
	private static final int REST_SAMPLE = 100;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<String[]> lignes = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	/** The service's database, for its task query measured in process (P2). */
	private String serviceJdbcUrl;

	/** The bare engine's database. */
	private String moteurJdbcUrl;

	/** The PostgreSQL server's output (its log), for the plans of P2. */
	private Path postgresLog;

	@Test
	void scale() throws Exception {
		Path jar = ApplicationEnfant.jar("ScaleBenchmark");
		int dossiers = Integer.getInteger("bench.dossiers", 24);
		int taches = Integer.getInteger("bench.taches", 2000);
		int clients = Integer.getInteger("bench.clients", 50);
		int secondes = Integer.getInteger("bench.secondes", 30);
		String xmx = System.getProperty("bench.xmx", Demarrage.xmx());
		String appArgs = System.getProperty("bench.appArgs", "");
		Set<String> figures = figures();
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		this.postgresLog = dir.resolve("postgres.log");
		Files.deleteIfExists(this.postgresLog);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (Boolean.getBoolean("bench.sql")) {
			// P1's statements counted per database (statementsP1)
			builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
		}
		try (EmbeddedPostgres postgres = builder.setServerConfig("synchronous_commit", "on")
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(this.postgresLog.toFile()))
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(this.postgresLog.toFile()))
			.start()) {
			this.postgresPort = postgres.getPort();
			DataSource server = postgres.getPostgresDatabase();
			execute(server, "create database service");
			execute(server, "create database moteur");
			DataSource service = postgres.getDatabase("postgres", "service");
			this.serviceJdbcUrl = postgres.getJdbcUrl("postgres", "service");
			List<String> jvm = jvm(xmx);
			if (Boolean.getBoolean("bench.jfr")) {
				// whole stacks, so that a sample deep in a request still names the
				// request
				jvm.add("-XX:FlightRecorderOptions=stackdepth=512");
			}
			// as the image starts (Dockerfile, CDS archive) unless bench.demarrage=jar
			Demarrage demarrage = Demarrage.pour(jar, 0);
			jvm.addAll(0, demarrage.jvm());
			Map<String, String> environment = new HashMap<>(demarrage.environment());
			environment.putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
					postgres.getJdbcUrl("postgres", "service"), "PARCOURS_DB_USER", "postgres", "PARCOURS_DB_PASSWORD",
					"postgres", "PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD));
			// bench.appJvm: more options for the application (NativeMemoryTracking, a
			// setting compared with -Dserver.tomcat.threads.max=…)
			String appJvm = System.getProperty("bench.appJvm", "").trim();
			if (!appJvm.isBlank()) {
				jvm.addAll(List.of(appJvm.split("\\s+")));
			}
			List<String> args = new ArrayList<>(List.of("--parcours.courriels.envoi-planifie=false"));
			if (!appArgs.isBlank()) {
				args.addAll(List.of(appArgs.trim().split("\\s+")));
			}
			ApplicationEnfant app = ApplicationEnfant.demarrer(demarrage.jar(), jvm, args, environment,
					dir.resolve("application.log"), Duration.ofSeconds(600), "/");
			this.moteurJdbcUrl = postgres.getJdbcUrl("postgres", "moteur");
			BareEngine bare = new BareEngine(this.moteurJdbcUrl);
			try {
				long rssStart = app.rssMegaoctets();
				Api api = new Api(app.url());
				api.createAccounts();

				long[] serviceBefore = sizes(service);
				long[] bareBefore = sizes(bare.dataSource());
				if (figures.contains("P1") || figures.contains("P6")) {
					if (Boolean.getBoolean("bench.jfr")) {
						// the profile of P1's load only, not of the start
						app.jcmd("JFR.start", "name=p1", "settings=profile");
					}
					p1(api, bare, dossiers, app);
					if (Boolean.getBoolean("bench.jfr")) {
						app.jcmd("JFR.stop", "name=p1", "filename=" + dir.resolve("service.jfr").toAbsolutePath());
					}
					p6(service, serviceBefore, bare, bareBefore, dossiers);
				}
				List<String> porteurLettres = List.of();
				if (figures.contains("P4")) {
					if (!figures.contains("P1") && !figures.contains("P6")) {
						// P4 alone: one sent dossier for the porteur's page
						api.sendLettre("CPTS des pages", "31555");
					}
					porteurLettres = api.references();
				}
				if (figures.contains("P2")) {
					p2(api, bare, taches);
				}
				if (figures.contains("P4")) {
					// as in pages(): P1's and P2's jobs (receipts, mails, timers) ran on
					// into P4's load and counted in its CPU a page
					double calme = calme(app, Duration.ofSeconds(240));
					this.notes.add("P4: the load started after the earlier figures' jobs were done, %.0f s later"
						.formatted(calme));
					p4(app, api, porteurLettres, clients, secondes, "", "");
				}
				long rssAfter = app.rssMegaoctets();
				if (Boolean.getBoolean("bench.memoire")) {
					memoire(app, dir.resolve("memoire.txt"));
				}
				ligne("P5 start to first 200 (s), started as " + demarrage.mode(),
						"%.1f".formatted(app.demarreeEnSecondes()), "%.1f".formatted(bare.startSeconds), "—", "≤ 10 s");
				ligne("P5 RSS after start / after the load (MB), -Xmx" + xmx, rssStart + " / " + rssAfter, "—", "—",
						"≤ 600 MB");
				this.notes.add("P5 JVM options: " + String.join(" ", jvm) + "; " + demarrage.description());
				if (figures.contains("P6")) {
					// last: it ends the dossiers the porteur's pages of P4 show
					p6Nettoyage(api, service, bare);
				}
			}
			finally {
				app.stop();
				bare.close();
			}
			if (figures.contains("P3")) {
				p3(postgres, demarrage, jvm, appArgs, Integer.getInteger("bench.minuteurs", 10000));
			}
		}
		String table = table(dossiers, taches, clients, secondes, appArgs + (Boolean.getBoolean("bench.jfr")
				? " (P1 profiled: target/bench/service.jfr, read it with scripts/jfr-hot; figures slowed by the recording)"
				: ""));
		System.out.println(table);
		Files.writeString(dir.resolve("resultats.md"), table);
	}

	/**
	 * P4 and P5 alone, for one jar or several side by side in one run (before/after a
	 * change: {@code -Dbench.jars=avant.jar,apres.jar}, default the built jar), each on
	 * its own database of the same PostgreSQL server: start to the first 200, RSS, then
	 * {@code bench.dossiers} lettres (default 20) and the two pages under
	 * {@code bench.clients} users. {@code bench.appJvm}: more JVM options for the
	 * application (a flight recording: {@code -XX:StartFlightRecording=filename=x.jfr}).
	 * Run with {@code ./mvnw test -Dtest=ScaleBenchmark#pages}; writes
	 * {@code target/bench/pages.md}.
	 */
	@Test
	void pages() throws Exception {
		String jars = System.getProperty("bench.jars", "");
		List<Path> candidates = jars.isBlank() ? List.of(ApplicationEnfant.jar("ScaleBenchmark"))
				: Stream.of(jars.split(",")).map((jar) -> Path.of(jar.trim()).toAbsolutePath()).toList();
		int dossiers = Integer.getInteger("bench.dossiers", 20);
		int clients = Integer.getInteger("bench.clients", 50);
		int secondes = Integer.getInteger("bench.secondes", 30);
		String xmx = System.getProperty("bench.xmx", Demarrage.xmx());
		String appJvm = System.getProperty("bench.appJvm", "");
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		List<Demarrage> demarrages = new ArrayList<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.start()) {
			for (int n = 0; n < candidates.size(); n++) {
				Path jar = candidates.get(n);
				execute(postgres.getPostgresDatabase(), "create database pages" + n);
				// as the image starts (Dockerfile, CDS archive) unless
				// bench.demarrage=jar
				// (or bench.demarrage.<n>=jar for this jar)
				Demarrage demarrage = Demarrage.pour(jar, n);
				demarrages.add(demarrage);
				String label = ((candidates.size() > 1) ? ", " + jarName(jar) + " " : ", ") + "started as "
						+ demarrage.mode();
				List<String> jvm = jvm(xmx);
				jvm.addAll(0, demarrage.jvm());
				// the options of all jars, then those of this one (bench.appJvm.0,
				// .1...): a
				// later option wins, so one jar can run with other settings (its CDS
				// archive)
				String options = (appJvm + " " + System.getProperty("bench.appJvm." + n, "")).trim();
				if (!options.isBlank()) {
					jvm.addAll(List.of(options.split("\\s+")));
				}
				Map<String, String> environment = new HashMap<>(demarrage.environment());
				environment.putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
						postgres.getJdbcUrl("postgres", "pages" + n), "PARCOURS_DB_USER", "postgres",
						"PARCOURS_DB_PASSWORD", "postgres", "PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD));
				// bench.appEnv.<n>: NAME=value,NAME=value for this jar only
				// (MALLOC_ARENA_MAX=2)
				for (String variable : System.getProperty("bench.appEnv." + n, "").split(",")) {
					if (variable.contains("=")) {
						environment.put(variable.substring(0, variable.indexOf('=')).trim(),
								variable.substring(variable.indexOf('=') + 1).trim());
					}
				}
				ApplicationEnfant app = ApplicationEnfant.demarrer(demarrage.jar(), jvm,
						List.of("--parcours.courriels.envoi-planifie=false"), environment,
						dir.resolve("pages" + n + ".log"), Duration.ofSeconds(600), "/");
				// the start is CPU: its CPU time says more than its length on a loaded
				// machine
				double cpu = app.cpuSecondes();
				double ready = app.attendrePret(Duration.ofSeconds(600));
				try {
					long rssStart = app.rssMegaoctets();
					Api api = new Api(app.url());
					api.createAccounts();
					List<String> regions = new ArrayList<>(COMMUNE_PAR_REGION.keySet());
					AtomicInteger i = new AtomicInteger();
					parallel(WORKERS, dossiers, () -> {
						int k = i.incrementAndGet();
						// half of them in Occitanie, the agents' region
						api.sendLettre("CPTS des pages " + k,
								COMMUNE_PAR_REGION.get((k % 2 == 0) ? "76" : regions.get(k % regions.size())));
						return 1;
					});
					// the lettres' receipts (PDFs) and mails are jobs that ran on during
					// the
					// porteur's load and counted in its CPU a page: wait until they are
					// done
					double calme = calme(app, Duration.ofSeconds(240));
					this.notes
						.add("P4%s: the load started after the lettres' jobs were done, %.0f s after the last lettre"
							.formatted(label, calme));
					p4(app, api, api.references(), clients, secondes, label, String.valueOf(n));
					long rssAfter = app.rssMegaoctets();
					if (Boolean.getBoolean("bench.memoire")) {
						memoire(app, dir.resolve("memoire" + n + ".txt"));
					}
					ligne("P5 start to first 200 (s)" + label, "%.1f".formatted(app.demarreeEnSecondes()), "—", "—",
							"≤ 10 s");
					ligne("P5 — start to ready (readiness probe 200, start-up runners done) (s)" + label,
							"%.1f".formatted(ready), "—", "—", "—");
					ligne("P5 — CPU time to the first 200, user + system (s)" + label, "%.1f".formatted(cpu), "—", "—",
							"—");
					ligne("P5 RSS after start / after the load (MB), -Xmx" + xmx + label, rssStart + " / " + rssAfter,
							"—", "—", "≤ 600 MB");
				}
				finally {
					app.stop();
				}
				if (Boolean.getBoolean("bench.redemarrage")) {
					redemarrage(demarrage, jvm, environment, dir.resolve("pages" + n + "-redemarrage.log"), label);
				}
			}
		}
		this.notes.add("JVM options: " + String.join(" ", jvm(xmx)) + " " + appJvm);
		for (int n = 0; n < candidates.size(); n++) {
			String more = System.getProperty("bench.appJvm." + n, "") + " "
					+ System.getProperty("bench.appEnv." + n, "");
			if (!more.isBlank()) {
				this.notes.add("then for " + jarName(candidates.get(n)) + ": " + more.trim());
			}
			if (n < demarrages.size()) {
				this.notes.add("jar " + n + " started " + demarrages.get(n).description());
			}
		}
		String table = table(dossiers, 0, clients, secondes, "");
		System.out.println(table);
		Files.writeString(dir.resolve("pages.md"), table);
	}

	/**
	 * P1 side by side (before/after a change): the jars of
	 * {@code -Dbench.jars=a.jar,b.jar} (default the built jar), or one jar with the
	 * arguments of {@code -Dbench.appArgs.<n>} (a setting on and off), all started at
	 * once, each on its own database of one PostgreSQL server, then P1 on each in turn,
	 * {@code bench.tours} times (default 2: A B A B, so that the machine's load drifts
	 * over both), each beside the bare engine measured right after it. Run with
	 * {@code ./mvnw test -Dtest=ScaleBenchmark#p1Compare}; writes
	 * {@code target/bench/p1.md}.
	 */
	@Test
	void p1Compare() throws Exception {
		String jars = System.getProperty("bench.jars", "");
		int dossiers = Integer.getInteger("bench.dossiers", 12);
		int tours = Integer.getInteger("bench.tours", 2);
		int variantes = Integer.getInteger("bench.variantes", jars.isBlank() ? 2 : jars.split(",").length);
		List<Path> candidates = new ArrayList<>();
		for (int n = 0; n < variantes; n++) {
			candidates.add(jars.isBlank() ? ApplicationEnfant.jar("ScaleBenchmark")
					: Path.of(jars.split(",")[n].trim()).toAbsolutePath());
		}
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		this.postgresLog = dir.resolve("postgres.log");
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (Boolean.getBoolean("bench.sql")) {
			builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
		}
		try (EmbeddedPostgres postgres = builder.setServerConfig("synchronous_commit", "on").start()) {
			this.postgresPort = postgres.getPort();
			execute(postgres.getPostgresDatabase(), "create database moteur");
			List<ApplicationEnfant> apps = new ArrayList<>();
			List<Api> apis = new ArrayList<>();
			List<String> labels = new ArrayList<>();
			BareEngine bare = new BareEngine(postgres.getJdbcUrl("postgres", "moteur"));
			try {
				for (int n = 0; n < variantes; n++) {
					execute(postgres.getPostgresDatabase(), "create database service" + n);
					String appArgs = System.getProperty("bench.appArgs." + n, "");
					List<String> args = new ArrayList<>(List.of("--parcours.courriels.envoi-planifie=false"));
					if (!appArgs.isBlank()) {
						args.addAll(List.of(appArgs.trim().split("\\s+")));
					}
					// as the image starts unless bench.demarrage(.<n>)=jar
					Demarrage demarrage = Demarrage.pour(candidates.get(n), n);
					List<String> jvm = jvm(System.getProperty("bench.xmx", Demarrage.xmx()));
					jvm.addAll(0, demarrage.jvm());
					String options = System.getProperty("bench.appJvm." + n, "").trim();
					if (!options.isBlank()) {
						jvm.addAll(List.of(options.split("\\s+")));
					}
					Map<String, String> environment = new HashMap<>(demarrage.environment());
					environment.putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
							postgres.getJdbcUrl("postgres", "service" + n), "PARCOURS_DB_USER", "postgres",
							"PARCOURS_DB_PASSWORD", "postgres", "PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD));
					apps.add(ApplicationEnfant.demarrer(demarrage.jar(), jvm, args, environment,
							dir.resolve("p1-" + n + ".log"), Duration.ofSeconds(600), "/"));
					labels.add(", " + (char) ('A' + n) + " = " + jarName(candidates.get(n))
							+ (appArgs.isBlank() ? "" : " " + appArgs.trim()));
				}
				for (ApplicationEnfant app : apps) {
					Api api = new Api(app.url());
					api.createAccounts();
					apis.add(api);
				}
				for (int tour = 1; tour <= tours; tour++) {
					for (int n = 0; n < variantes; n++) {
						this.serviceJdbcUrl = postgres.getJdbcUrl("postgres", "service" + n);
						p1(apis.get(n), bare, dossiers, "service" + n,
								labels.get(n) + ", round " + tour + " (load average " + loadAverage() + ")",
								apps.get(n));
					}
				}
			}
			finally {
				for (ApplicationEnfant app : apps) {
					app.stop();
				}
				bare.close();
			}
		}
		String table = table(dossiers, 0, 0, 0, "");
		System.out.println(table);
		Files.writeString(dir.resolve("p1.md"), table);
	}

	/** An extracted jar (scripts/cds-archive) is always app.jar: named by its folder. */
	/**
	 * A restart on the database the first start filled ({@code -Dbench.redemarrage=true},
	 * P5): the schema exists, the deployment is a duplicate, the identities and
	 * authorizations are there; what a node's restart or a second node costs.
	 */
	private void redemarrage(Demarrage demarrage, List<String> jvm, Map<String, String> environment, Path log,
			String label) throws Exception {
		ApplicationEnfant again = ApplicationEnfant.demarrer(demarrage.jar(), jvm,
				List.of("--parcours.courriels.envoi-planifie=false"), environment, log, Duration.ofSeconds(600), "/");
		try {
			double cpu = again.cpuSecondes();
			double ready = again.attendrePret(Duration.ofSeconds(600));
			long rss = again.rssMegaoctets();
			ligne("P5 — restart on its filled database: to the first 200 / to ready (s)" + label,
					"%.1f / %.1f".formatted(again.demarreeEnSecondes(), ready), "—", "—", "—");
			ligne("P5 — restart: CPU time to the first 200 (s), RSS after start (MB)" + label,
					"%.1f, %d".formatted(cpu, rss), "—", "—", "—");
		}
		finally {
			again.stop();
		}
	}

	/**
	 * Where the RSS goes after the load ({@code -Dbench.memoire=true}, P5): the kernel's
	 * split (anonymous, file-mapped such as the CDS archive, threads), the JVM's native
	 * memory summary (with {@code -XX:NativeMemoryTracking=summary} in
	 * {@code bench.appJvm}), the heap, then the live heap after a full collection. Read
	 * after the P5 line's RSS: the collection may give heap back.
	 */
	private static void memoire(ApplicationEnfant app, Path file) throws Exception {
		StringBuilder out = new StringBuilder();
		out.append(statut(app));
		out.append(jcmdSortie(app, "VM.native_memory", "summary"));
		out.append(jcmdSortie(app, "GC.heap_info"));
		out.append(jcmdSortie(app, "GC.run"));
		out.append("== after GC.run\n").append(jcmdSortie(app, "GC.heap_info")).append(statut(app));
		out.append(jcmdSortie(app, "GC.class_histogram").lines().limit(60).reduce("", (a, b) -> a + b + "\n"));
		Files.writeString(file, out);
	}

	private static String statut(ApplicationEnfant app) throws IOException {
		StringBuilder out = new StringBuilder();
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status"))) {
			if (line.matches("(VmRSS|RssAnon|RssFile|RssShmem|Threads):.*")) {
				out.append(line).append('\n');
			}
		}
		return out.toString();
	}

	private static String jcmdSortie(ApplicationEnfant app, String... command) throws Exception {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(app.pid())));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor();
		return "== " + String.join(" ", command) + "\n" + out;
	}

	private static String jarName(Path jar) {
		String name = jar.getFileName().toString();
		return name.equals("app.jar") ? jar.getParent().getFileName() + "/" + name : name;
	}

	/**
	 * The engine settings of the service, before/after on the bare engine: the same
	 * database, the same open tasks, the task list and count of one region's Guichet and
	 * the 13-task path, with Camunda's defaults and then with the two settings. Run with
	 * {@code ./mvnw test -Dtest=ScaleBenchmark#reglagesDuMoteur}
	 * ({@code -Dbench.taches=}, default 10000); writes {@code target/bench/reglages.md}.
	 */
	@Test
	void reglagesDuMoteur() throws Exception {
		int taches = Integer.getInteger("bench.taches", 10000);
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		List<String> regions = new ArrayList<>(COMMUNE_PAR_REGION.keySet());
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			try (BareEngine defaut = new BareEngine(url, false)) {
				defaut.deploySingleTask();
				defaut.deployPath(TACHES_FIR);
				defaut.startSingleTasks(taches, regions);
			}
			StringBuilder out = new StringBuilder("## Engine settings, bare engine, " + taches
					+ " open tasks over 18 tenants, PostgreSQL embedded, " + Runtime.getRuntime().availableProcessors()
					+ " cores, load average " + loadAverage() + "\n\n"
					+ "| settings | list p50/p95/p99 (ms) | count p50/p95/p99 (ms) | 13-task path, completions/s (4 threads) |\n"
					+ "|---|---|---|---|\n");
			// twice each, alternated: the second pair shows how much the machine's noise
			// is
			for (boolean reglages : new boolean[] { false, true, false, true }) {
				try (BareEngine engine = new BareEngine(url, reglages)) {
					Stats list = measure(300, () -> engine.institutionTasks("76", 15));
					Stats count = measure(300, () -> engine.institutionCount("76"));
					parallel(WORKERS, 8, () -> engine.runPath("76"));
					long start = System.nanoTime();
					int done = parallel(WORKERS, 80, () -> engine.runPath("76")).stream()
						.mapToInt(Integer::intValue)
						.sum();
					double rate = done / ((System.nanoTime() - start) / 1e9);
					out.append("| ")
						.append(reglages ? "revokes never, standalone tasks off" : "Camunda's defaults")
						.append(" | ")
						.append(list)
						.append(" | ")
						.append(count)
						.append(" | ")
						.append("%.0f".formatted(rate))
						.append(" |\n");
				}
			}
			System.out.println(out);
			Files.writeString(dir.resolve("reglages.md"), out);
		}
	}

	/**
	 * The application's JVM options: a fixed heap as in the Dockerfile (docs/scale.md,
	 * "Heap").
	 */
	/**
	 * The application's JVM options: the Dockerfile's {@code JAVA_TOOL_OPTIONS} (so that
	 * a start of the benchmark, as the image or as a jar, has the image's heap, stacks
	 * and collector and cannot drift from them), its {@code -Xmx} replaced by {@code xmx}
	 * ({@code bench.xmx}).
	 */
	private static List<String> jvm(String xmx) {
		return Demarrage.options(xmx);
	}

	/**
	 * The figures to measure, {@code -Dbench.figures=P1,P4} (default: all); P5 is always
	 * measured, P6 comes with P1.
	 */
	private static Set<String> figures() {
		String figures = System.getProperty("bench.figures", "");
		if (figures.isBlank()) {
			return Set.of("P1", "P2", "P3", "P4", "P5", "P6");
		}
		return Set.of(figures.toUpperCase(Locale.ROOT).replace(" ", "").split(","));
	}

	// P1: user-task completions per second, the service over HTTP against the bare engine

	private void p1(Api api, BareEngine bare, int dossiers, ApplicationEnfant app) throws Exception {
		p1(api, bare, dossiers, "service", "", app);
	}

	/**
	 * P1 on the service whose database is {@code database}, its line named with
	 * {@code label} (empty, or ", a.jar" when several are compared).
	 */
	private void p1(Api api, BareEngine bare, int dossiers, String database, String label, ApplicationEnfant app)
			throws Exception {
		boolean sql = Boolean.getBoolean("bench.sql");
		if (sql) {
			execute(serviceDataSource(), "create extension if not exists pg_stat_statements");
			execute(serviceDataSource(), "select pg_stat_statements_reset()");
		}
		api.calls.clear();
		AtomicInteger numero = new AtomicInteger();
		double appCpu = app.cpuSecondes();
		double databaseCpu = postgresCpuSecondes();
		long start = System.nanoTime();
		List<Integer> done = parallel(WORKERS, dossiers, () -> api.parcoursJusquAuContrat(numero.incrementAndGet()));
		// The mails and receipts of each new task are rendered by jobs after the commit
		// (notification/ProductionsApresCommit): P1 ends when the last of them has run.
		api.awaitNoDueJob();
		double seconds = (System.nanoTime() - start) / 1e9;
		int completions = done.stream().mapToInt(Integer::intValue).sum();
		double service = completions / seconds;
		// CPU per completion: what a loaded machine blurs least (the rate is CPU-bound)
		appCpu = app.cpuSecondes() - appCpu;
		databaseCpu = postgresCpuSecondes() - databaseCpu;
		if (sql) {
			statementsP1(database, "the service" + label, completions);
		}
		// the benchmark's own requests, its polling for the next task included: the
		// service's work too (the bare engine is asked in process)
		Map<String, Integer> calls = new java.util.TreeMap<>();
		api.calls.forEach((kind, n) -> calls.put(kind, n.get()));
		this.notes.add("P1 HTTP calls per completed user task%s: %.2f (%s)".formatted(label,
				calls.values().stream().mapToInt(Integer::intValue).sum() / (double) completions, calls));

		bare.deployPath(TACHES_P1);
		// a warm-up like the service's (its JIT is warm from the accounts and first
		// lettres)
		parallel(WORKERS, Math.max(4, dossiers / 4), () -> bare.runPath("76"));
		if (sql) {
			execute(serviceDataSource(), "select pg_stat_statements_reset()");
		}
		double bareCpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() / 1000.0;
		double bareDatabaseCpu = postgresCpuSecondes();
		long bareStart = System.nanoTime();
		List<Integer> bareDone = parallel(WORKERS, dossiers * 4, () -> bare.runPath("76"));
		int bareCompletions = bareDone.stream().mapToInt(Integer::intValue).sum();
		double bareRate = bareCompletions / ((System.nanoTime() - bareStart) / 1e9);
		bareCpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() / 1000.0 - bareCpu;
		bareDatabaseCpu = postgresCpuSecondes() - bareDatabaseCpu;
		ligne("P1 — CPU ms per completed user task: the application's JVM + PostgreSQL" + label,
				"%.0f + %.0f".formatted(1000 * appCpu / completions, 1000 * databaseCpu / completions),
				"%.0f + %.0f (the benchmark's JVM)".formatted(1000 * bareCpu / bareCompletions,
						1000 * bareDatabaseCpu / bareCompletions),
				ratio((bareCpu + bareDatabaseCpu) / bareCompletions, (appCpu + databaseCpu) / completions), "—");
		if (sql) {
			statementsP1("moteur", "the bare engine" + label, bareDone.stream().mapToInt(Integer::intValue).sum());
		}
		ligne("P1 user-task completions/s, lettre → signed contract (" + TACHES_P1 + " user tasks), " + WORKERS
				+ " workers" + label, "%.1f (%d dossiers, %d tasks)".formatted(service, dossiers, completions),
				"%.1f".formatted(bareRate), ratio(service, bareRate), "≥ 0.8");
	}

	/** The PostgreSQL server's port, to find its processes (their CPU). */
	private int postgresPort;

	/**
	 * CPU time of the PostgreSQL server of this run: its postmaster, the backends alive
	 * now, and the backends that have ended (the postmaster waits for each one, so Linux
	 * adds their CPU to its {@code cutime}/{@code cstime}). Without the ended ones the
	 * figure went down when a pool closed a connection between two readings.
	 */
	private double postgresCpuSecondes() {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info()
				.commandLine()
				.map((line) -> line.contains("postgres") && line.contains(" -p " + this.postgresPort))
				.orElse(false))
			.findFirst()
			.map((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
				.mapToDouble((p) -> p.info().totalCpuDuration().map((cpu) -> cpu.toMillis() / 1000.0).orElse(0.0))
				.sum() + cpuDesEnfantsTermines(postmaster.pid()))
			.orElse(0.0);
	}

	/**
	 * The CPU seconds of a process's ended and waited-for children
	 * ({@code /proc/<pid>/stat} fields 16 and 17, in clock ticks of 1/100 s, Linux's
	 * value on every architecture the JDK runs on); 0 where there is no {@code /proc}.
	 */
	static double cpuDesEnfantsTermines(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// after the command's name, which may hold spaces, field 3 comes first
			String[] champs = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(champs[13]) + Long.parseLong(champs[14])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return 0.0;
		}
	}

	/**
	 * P1's SQL statements per completed user task in one database (pg_stat_statements,
	 * {@code -Dbench.sql=true}): all of them, the engine's (on {@code act_*}) and the
	 * others (the application's tables, Spring Session, the throttle), then the most
	 * called, written to {@code target/bench/p1-sql-<database>.md}. The benchmark's own
	 * polling over HTTP is the service's work too and is in the count.
	 */
	private void statementsP1(String database, String label, int completions) throws Exception {
		long[] counts = statements(serviceDataSource(), database, "completion", completions, "p1");
		this.notes.add(
				"P1 SQL statements per completed user task, %s: %.1f (the engine's act_* tables %.1f, others %.1f; %d completions; target/bench/p1-sql-%s.md)"
					.formatted(label, (double) counts[0] / completions, (double) counts[1] / completions,
							(double) (counts[0] - counts[1]) / completions, completions, database));
	}

	/**
	 * The statements of one database since pg_stat_statements' last reset: all of them
	 * and those on the engine's {@code act_*} tables, per {@code unit}; the 60 most
	 * called written to {@code target/bench/<figure>-sql-<database>.md}.
	 */
	private static long[] statements(DataSource connected, String database, String unit, int per, String figure)
			throws Exception {
		String select = "select s.calls, s.total_exec_time, s.query from pg_stat_statements s join pg_database d "
				+ "on d.oid = s.dbid where d.datname = '" + database + "' and s.query not like '%pg_stat_statements%'";
		long all = 0;
		long engine = 0;
		StringBuilder top = new StringBuilder(
				"| calls per " + unit + " | ms per " + unit + " | statement |\n|---|---|---|\n");
		try (Connection connection = connected.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(select + " order by s.calls desc")) {
			int n = 0;
			while (rows.next()) {
				long calls = rows.getLong(1);
				String query = rows.getString(3).replaceAll("\\s+", " ");
				all += calls;
				if (query.toLowerCase(Locale.ROOT).matches("(?s).*\\bact_(ru|hi|re|ge|id)_.*")) {
					engine += calls;
				}
				if (n++ < 60) {
					top.append("| %.2f | %.3f | `%s` |\n".formatted((double) calls / per, rows.getDouble(2) / per,
							query.substring(0, Math.min(220, query.length())).replace("|", "\\|")));
				}
			}
		}
		Files.writeString(Path.of("target", "bench", figure + "-sql-" + database + ".md"), top.toString());
		return new long[] { all, engine };
	}

	// P2: "Tâches de mon institution", 15 per page, and its count

	/**
	 * The open tasks are made through the engine's REST API by default (an instance of
	 * {@code cpts-creation} started at the Guichet's first task with the variables the
	 * filter shows, as the portal's "Envoyer" leaves it), so that 10,000 or 100,000 open
	 * tasks do not take 100,000 lettres through the portal;
	 * {@code -Dbench.chargement=portail} sends real lettres instead. Beside the list over
	 * HTTP, two figures split its time: the same filter queried in process on the
	 * service's database (an engine of this JVM with the service's settings), and an
	 * authenticated call that does nothing ({@code GET /engine-rest/version}): HTTP and
	 * Basic authentication alone.
	 */
	private void p2(Api api, BareEngine bare, int taches) throws Exception {
		int already = api.openVerifierCompletude();
		int toSend = Math.max(0, taches - already);
		List<String> regions = new ArrayList<>(COMMUNE_PAR_REGION.keySet());
		String chargement = System.getProperty("bench.chargement", "copie");
		boolean copie = "copie".equals(chargement);
		// the agent's view before the load, counted as the admin: region 76, their group
		int before76 = api.count(
				"/engine-rest/task/count?tenantIdIn=76&candidateGroup=guichet-cpts" + "&includeAssignedTasks=true",
				"admin", ADMIN_PASSWORD);
		int rest = copie ? Math.max(0, Math.min(REST_SAMPLE, toSend - 1)) : toSend;
		int copied = copie ? Math.max(0, toSend - 1 - rest) : 0;
		double restRate = 0;
		long start = System.nanoTime();
		if (copie && toSend > 0) {
			// the template, through /engine-rest as the other loads; then a sample
			// through
			// /engine-rest for the rate of that path in the same run (its dossiers in
			// region
			// 76, numbered below 0), then the copies
			api.startAtVerifierCompletude(0, "76");
			AtomicInteger k = new AtomicInteger();
			long restStart = System.nanoTime();
			parallel(WORKERS, rest, () -> {
				api.startAtVerifierCompletude(-k.incrementAndGet(), "76");
				return 1;
			});
			restRate = rest / ((System.nanoTime() - restStart) / 1e9);
			start = System.nanoTime();
			copies(serviceDataSource(), "B76-0", "CPTS de charge 0", "76", copied, regions);
			String model = rowsPerTask("B76-0");
			String copy = rowsPerTask("B" + regions.get(1) + "-1");
			if (copied > 0 && !model.equals(copy)) {
				throw new AssertionError("a copied dossier differs from its model: " + copy + " / " + model);
			}
			if (copied > 0 && count(serviceDataSource(),
					"select count(*) from act_ru_task t join act_ru_execution e on "
							+ "e.id_ = t.proc_inst_id_ where e.business_key_ = 'B" + regions.get(1)
							+ "-1' and t.tenant_id_ = '" + regions.get(1) + "'") != 1) {
				throw new AssertionError("the copy B" + regions.get(1) + "-1 is not in its region's tenant");
			}
			this.notes.add("P2 rows of a task, the model made through /engine-rest and each copy: " + model);
		}
		else {
			boolean portail = "portail".equals(chargement);
			AtomicInteger n = new AtomicInteger();
			parallel(WORKERS, toSend, () -> {
				int i = n.incrementAndGet();
				String region = regions.get(i % regions.size());
				if (portail) {
					api.sendLettre("CPTS de charge " + i, COMMUNE_PAR_REGION.get(region));
				}
				else {
					api.startAtVerifierCompletude(i, region);
				}
				return 1;
			});
		}
		double loadSeconds = (System.nanoTime() - start) / 1e9;
		int loaded = copie ? copied : toSend;
		this.notes.add("P2 load: %d open tasks made %s in %.1f s (%.0f/s)%s; load average %s".formatted(loaded,
				switch (chargement) {
					case "copie" -> "as SQL copies of a dossier started through /engine-rest";
					case "portail" -> "by lettres sent through the portal's API";
					default -> "by instances started at verifierCompletude through /engine-rest";
				}, loadSeconds, loaded / loadSeconds,
				(restRate > 0) ? "; in the same run %d through /engine-rest: %.1f/s".formatted(rest, restRate) : "",
				loadAverage()));
		// the statistics of a database just loaded, as autovacuum would soon have them
		// (before it, at 100,000 copies, the agent's count below took more than a minute)
		execute(serviceDataSource(), "analyze");
		// the service sees them: the agent's count through /engine-rest (its own
		// authorizations and tenant) is what was there plus what was loaded in region 76
		int loaded76 = copie ? ((toSend > 0) ? 1 + rest : 0) : 0;
		for (int i = 1; i <= loaded; i++) {
			loaded76 += regions.get(i % regions.size()).equals("76") ? 1 : 0;
		}
		int seen = api.count("/engine-rest/task/count?candidateGroup=guichet-cpts&includeAssignedTasks=true",
				"guichet.bench", PASSWORD);
		if (!"portail".equals(chargement) && seen != before76 + loaded76) {
			throw new AssertionError("the agent of region 76 sees " + seen + " tasks, expected " + before76 + " + "
					+ loaded76 + " loaded");
		}
		this.notes
			.add("P2 check: guichet.bench (region 76) counts %d open tasks through /engine-rest = %d before + %d loaded"
				.formatted(seen, before76, loaded76));
		int open = api.openTasks();
		String filter = api.filterId("Tâches de mon institution");
		// with the service's statistics on the engine's tables (db/moteur,
		// dossier/IndexDuMoteur),
		// then without them (dropped), then made again as the service makes them
		int times = Integer.getInteger("bench.mesures", 200);
		List<String> index = indexDuMoteur();
		PGSimpleDataSource service = serviceDataSource();
		plans(index.isEmpty() ? "sans-statistiques" : "avec-statistiques", filter);
		MesuresP2 avec = mesuresP2(api, filter, times);
		// before the driver's option of the service (application-postgres.yml): the same
		// filter in process with PostgreSQL's default, the generic plan of a prepared
		// statement from its sixth execution; measured up to bench.plansGeneriques open
		// tasks (2.4 s a page at 10,000, and it grows with the square of the tasks)
		Stats[] generiques = null;
		if (open <= Integer.getInteger("bench.plansGeneriques", 20000)) {
			plansGeneriques(filter);
			int fois = Integer.getInteger("bench.mesuresGeneriques", 40);
			try (ServiceInProcess inProcess = new ServiceInProcess(this.serviceJdbcUrl, false, false)) {
				generiques = new Stats[] { measure(fois, () -> inProcess.filterList(filter, "guichet.bench", "76", 15)),
						measure(fois, () -> inProcess.filterCount(filter, "guichet.bench", "76")) };
			}
		}
		// without them, one page took 368 s at 100,000 tasks (docs/scale.md): measured up
		// to bench.sansStatistiques open tasks
		boolean sansMesurees = !index.isEmpty() && open <= Integer.getInteger("bench.sansStatistiques", 20000);
		MesuresP2 sans = null;
		if (sansMesurees) {
			for (String statement : index) {
				if (statement.startsWith("create statistics")) {
					execute(service, statement.replaceFirst("(?is)create statistics if not exists (\\w+) on .*",
							"drop statistics $1"));
				}
			}
			execute(service, "analyze");
			plans("sans-statistiques", filter);
			sans = mesuresP2(api, filter, times);
			for (String statement : index) {
				execute(service, statement);
			}
		}
		// before the service's indexes on the engine's tables (db/moteur, V2 and after):
		// the same measures with them dropped, then made again, in the same run
		boolean sansIndexMesures = index.stream().anyMatch(s -> s.startsWith("create index"))
				&& open <= Integer.getInteger("bench.sansIndex", 200000);
		MesuresP2 sansIndex = null;
		if (sansIndexMesures) {
			for (String statement : index) {
				if (statement.startsWith("create index")) {
					execute(service,
							statement.replaceFirst("(?is)create index if not exists (\\w+) on .*", "drop index $1"));
				}
			}
			execute(service, "analyze");
			plans("sans-index", filter);
			sansIndex = mesuresP2(api, filter, times);
			for (String statement : index) {
				execute(service, statement);
			}
			execute(service, "analyze");
		}
		Stats list = avec.list();
		Stats count = avec.count();
		Stats auth = avec.auth();
		Stats inProcessList = avec.inProcessList();
		Stats inProcessCount = avec.inProcessCount();

		bare.deploySingleTask();
		bare.startSingleTasks(open, regions);
		// the bare engine's database analysed too, as the service's above: without it the
		// bare figure depended on whether autovacuum had run before its first plans
		PGSimpleDataSource moteur = dataSource(this.moteurJdbcUrl);
		execute(moteur, "analyze");
		Stats[] bareDefaults = null;
		if (generiques != null) {
			int fois = Integer.getInteger("bench.mesuresGeneriques", 40);
			bareDefaults = new Stats[] { measure(fois, () -> bare.institutionTasks("76", 15)),
					measure(fois, () -> bare.institutionCount("76")) };
		}
		// the reference of the goal: the bare engine on a database given the service's
		// PostgreSQL settings (its statistics, db/moteur, and a plan per execution), so
		// that the ratio is what the application adds to the engine's query
		for (String statement : index) {
			execute(moteur, statement);
		}
		execute(moteur, "alter database moteur set plan_cache_mode = force_custom_plan");
		Stats bareList;
		Stats bareCount;
		// a new engine: new connections, which read the database's setting
		try (BareEngine tuned = new BareEngine(this.moteurJdbcUrl)) {
			bareList = measure(200, () -> tuned.institutionTasks("76", 15));
			bareCount = measure(200, () -> tuned.institutionCount("76"));
		}
		execute(moteur, "alter database moteur reset plan_cache_mode");
		ligne("P2 list p50/p95/p99 (ms), " + open + " open tasks, 18 regions", list.toString(), bareList.toString(),
				ratio(list.p95(), bareList.p95()), "≤ 1.5");
		ligne("P2 — the same filter in process on the service's database (no HTTP), its variables read",
				inProcessList.toString(), bareList.toString(), ratio(inProcessList.p95(), bareList.p95()), "—");
		ligne("P2 — HTTP + Basic authentication alone (GET /engine-rest/version as the agent)", auth.toString(), "—",
				"—", "—");
		ligne("P2 its count p50/p95/p99 (ms)", count.toString(), bareCount.toString(),
				ratio(count.p95(), bareCount.p95()), "—");
		ligne("P2 — its count in process on the service's database", inProcessCount.toString(), bareCount.toString(),
				ratio(inProcessCount.p95(), bareCount.p95()), "—");
		if (generiques != null) {
			ligne("P2 — before plan_cache_mode=force_custom_plan (generic plans): list / count in process",
					generiques[0] + " / " + generiques[1], bareList + " / " + bareCount,
					ratio(generiques[0].p95(), bareList.p95()) + " / " + ratio(generiques[1].p95(), bareCount.p95()),
					"—");
			ligne("P2 — the bare engine on PostgreSQL's defaults (no statistics of db/moteur, generic plans): list / count",
					"—", bareDefaults[0] + " / " + bareDefaults[1], "—", "—");
		}
		if (sans != null) {
			lignesSans(sans, "without the service's statistics on act_ru_authorization (db/moteur)",
					"without those statistics", bareList, bareCount);
		}
		if (sansIndex != null) {
			lignesSans(sansIndex, "before the service's indexes on the engine's tables (db/moteur create index)",
					"before those indexes", bareList, bareCount);
		}
		this.notes.add("P2 load average at the measure: " + loadAverage());
	}

	/** The five figures of P2 on the service, over HTTP and in process. */
	/**
	 * The list's and the count's lines of P2 measured without something of the service.
	 */
	private void lignesSans(MesuresP2 mesures, String sans, String court, Stats bareList, Stats bareCount) {
		ligne("P2 — " + sans + ": list over HTTP / in process", mesures.list() + " / " + mesures.inProcessList(),
				bareList.toString(), ratio(mesures.list().p95(), bareList.p95()) + " / "
						+ ratio(mesures.inProcessList().p95(), bareList.p95()),
				"—");
		ligne("P2 — " + court + ": count over HTTP / in process", mesures.count() + " / " + mesures.inProcessCount(),
				bareCount.toString(), ratio(mesures.count().p95(), bareCount.p95()) + " / "
						+ ratio(mesures.inProcessCount().p95(), bareCount.p95()),
				"—");
	}

	private record MesuresP2(Stats list, Stats count, Stats auth, Stats inProcessList, Stats inProcessCount) {
	}

	private MesuresP2 mesuresP2(Api api, String filter, int times) {
		Stats list = measure(times, () -> api.filterList(filter, "guichet.bench"));
		Stats count = measure(times, () -> api.filterCount(filter, "guichet.bench"));
		Stats auth = measure(times, () -> api.version("guichet.bench"));
		try (ServiceInProcess inProcess = new ServiceInProcess(this.serviceJdbcUrl, false)) {
			return new MesuresP2(list, count, auth,
					measure(times, () -> inProcess.filterList(filter, "guichet.bench", "76", 15)),
					measure(times, () -> inProcess.filterCount(filter, "guichet.bench", "76")));
		}
	}

	/** The statements of the service's migrations of the engine's tables (db/moteur). */
	private static List<String> indexDuMoteur() throws IOException {
		List<String> statements = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "moteur", "postgresql"))
			.sorted()) {
			for (Path file : files.toList()) {
				for (String statement : Files.readString(file).replaceAll("(?m)^--.*$", "").split(";")) {
					if (!statement.isBlank()) {
						statements.add(statement.trim());
					}
				}
			}
		}
		return statements;
	}

	/**
	 * With {@code -Dbench.explain=true}: the plans PostgreSQL ran for the filter's list,
	 * its variables and its count (auto_explain with ANALYZE, on the connections of an
	 * in-process engine), copied from the server's log to
	 * {@code target/bench/p2-plans-<label>.log}.
	 */
	private void plans(String label, String filter) throws IOException {
		if (!Boolean.getBoolean("bench.explain") || this.postgresLog == null) {
			return;
		}
		long from = Files.size(this.postgresLog);
		try (ServiceInProcess explained = new ServiceInProcess(this.serviceJdbcUrl, true)) {
			explained.filterList(filter, "guichet.bench", "76", 15);
			explained.filterCount(filter, "guichet.bench", "76");
		}
		byte[] log = Files.readAllBytes(this.postgresLog);
		Files.write(Path.of("target", "bench", "p2-plans-" + label + ".log"),
				java.util.Arrays.copyOfRange(log, (int) from, log.length));
	}

	/**
	 * With {@code -Dbench.explain=true}: the plans of the filter's list and count at
	 * their eleventh execution on connections without the service's driver option (the
	 * driver prepares a statement on the server at its fifth execution, PostgreSQL may
	 * run a generic plan from the sixth execution of that), to
	 * {@code target/bench/p2-plans-generiques.log}.
	 */
	private void plansGeneriques(String filter) throws IOException {
		if (!Boolean.getBoolean("bench.explain") || this.postgresLog == null) {
			return;
		}
		long from;
		try (ServiceInProcess explained = new ServiceInProcess(this.serviceJdbcUrl, true, false)) {
			for (int i = 0; i < 10; i++) {
				explained.filterList(filter, "guichet.bench", "76", 15);
				explained.filterCount(filter, "guichet.bench", "76");
			}
			from = Files.size(this.postgresLog);
			explained.filterList(filter, "guichet.bench", "76", 15);
			explained.filterCount(filter, "guichet.bench", "76");
		}
		byte[] log = Files.readAllBytes(this.postgresLog);
		Files.write(Path.of("target", "bench", "p2-plans-generiques.log"),
				java.util.Arrays.copyOfRange(log, (int) from, log.length));
	}

	private PGSimpleDataSource serviceDataSource() {
		return dataSource(this.serviceJdbcUrl);
	}

	private static PGSimpleDataSource dataSource(String url) {
		PGSimpleDataSource service = new PGSimpleDataSource();
		service.setURL(url);
		service.setUser("postgres");
		service.setPassword("postgres");
		return service;
	}

	/**
	 * P2's open tasks as copies, made in SQL, of one dossier the service itself started
	 * through {@code /engine-rest} ({@code template}): every row the service wrote for it
	 * in {@code act_ru_*} and {@code act_hi_*} (execution, task, variables with the
	 * task-local ones its listeners add, message subscription, candidate group, the
	 * group's authorization on the task, history and operation log) copied {@code count}
	 * times in one statement per row. The copy {@code g} gets the ids of the template
	 * suffixed with {@code -g}, the region {@code regions[g % 18]} as tenant and
	 * {@code region} variable, its own reference and CPTS name, and its times moved
	 * {@code g} seconds back (so that the list's sort by creation date has work to do).
	 * What it does not copy: the application's own rows of a sent lettre (the mails to
	 * the agents in the outbox, the receipt), which the task list does not read.
	 */
	private static void copies(DataSource database, String template, String nomCpts, String region, int count,
			List<String> regions) throws Exception {
		String instance = "(select id_ from act_ru_execution where business_key_ = '" + template
				+ "' and parent_id_ is null)";
		String tasks = "(select id_ from act_ru_task where proc_inst_id_ = " + instance + ")";
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("act_ge_bytearray", "root_proc_inst_id_ = " + instance);
		tables.put("act_ru_execution", "proc_inst_id_ = " + instance);
		tables.put("act_ru_task", "proc_inst_id_ = " + instance);
		tables.put("act_ru_variable", "proc_inst_id_ = " + instance);
		tables.put("act_ru_event_subscr", "proc_inst_id_ = " + instance);
		tables.put("act_ru_identitylink", "task_id_ in " + tasks);
		tables.put("act_ru_authorization",
				"resource_id_ in " + tasks + " or resource_id_ = " + instance + " or root_proc_inst_id_ = " + instance);
		for (String history : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst",
				"act_hi_detail", "act_hi_identitylink", "act_hi_op_log")) {
			tables.put(history, "root_proc_inst_id_ = " + instance);
		}
		String regionOf = "(array['" + String.join("', '", regions) + "'])[g % " + regions.size() + " + 1]";
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			// every id of the template's rows (and the instance's): copied with a suffix
			Set<String> ids = new java.util.HashSet<>();
			Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
			Map<String, Map<String, String>> types = new LinkedHashMap<>();
			for (Map.Entry<String, String> table : tables.entrySet()) {
				List<Map<String, Object>> read = new ArrayList<>();
				Map<String, String> columns = new LinkedHashMap<>();
				try (ResultSet result = statement
					.executeQuery("select * from " + table.getKey() + " where " + table.getValue())) {
					var meta = result.getMetaData();
					for (int c = 1; c <= meta.getColumnCount(); c++) {
						columns.put(meta.getColumnName(c), meta.getColumnTypeName(c));
					}
					while (result.next()) {
						Map<String, Object> row = new LinkedHashMap<>();
						for (String column : columns.keySet()) {
							row.put(column, result.getObject(column));
						}
						ids.add((String) row.get("id_"));
						read.add(row);
					}
				}
				rows.put(table.getKey(), read);
				types.put(table.getKey(), columns);
			}
			if (rows.get("act_ru_task").size() != 1) {
				throw new AssertionError("template " + template + " has no open task to copy");
			}
			for (Map.Entry<String, List<Map<String, Object>>> table : rows.entrySet()) {
				Map<String, String> columns = types.get(table.getKey());
				for (Map<String, Object> row : table.getValue()) {
					List<String> values = new ArrayList<>();
					List<Object> parameters = new ArrayList<>();
					for (Map.Entry<String, String> column : columns.entrySet()) {
						Object value = row.get(column.getKey());
						String type = column.getValue();
						if (value == null) {
							values.add("cast(null as " + type + ")");
						}
						else if (value instanceof String text && ids.contains(text)) {
							values.add("? || '-' || g");
							parameters.add(text);
						}
						else if (column.getKey().equals("tenant_id_")
								|| column.getKey().equals("text_") && value.equals(region)) {
							values.add(regionOf);
						}
						else if (value.equals(template)) {
							values.add("'B' || " + regionOf + " || '-' || g");
						}
						else if (value.equals(nomCpts)) {
							values.add("'CPTS de charge ' || g");
						}
						else if (type.startsWith("timestamp")) {
							values.add("cast(? as " + type + ") - g * interval '1 second'");
							parameters.add(value);
						}
						else {
							values.add("cast(? as " + type + ")");
							parameters.add(value);
						}
					}
					try (var insert = connection.prepareStatement(
							"insert into " + table.getKey() + " (" + String.join(", ", columns.keySet()) + ") select "
									+ String.join(", ", values) + " from generate_series(1, " + count + ") g")) {
						for (int p = 0; p < parameters.size(); p++) {
							insert.setObject(p + 1, parameters.get(p));
						}
						insert.executeUpdate();
					}
				}
			}
			connection.commit();
		}
	}

	/**
	 * What the service's database holds for the open task of one dossier: its variables,
	 * identity links and authorizations, its tenant and due date, and the history rows of
	 * its instance (by root instance).
	 */
	private String rowsPerTask(String reference) {
		PGSimpleDataSource service = serviceDataSource();
		String instance = "(select proc_inst_id_ from act_ru_execution where business_key_ = '" + reference
				+ "' and parent_id_ is null)";
		String task = "(select id_ from act_ru_task where proc_inst_id_ = " + instance + ")";
		long history = 0;
		for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst",
				"act_hi_detail", "act_hi_identitylink", "act_hi_op_log")) {
			history += count(service, "select count(*) from " + table + " where root_proc_inst_id_ = " + instance);
		}
		return "variables %d (of the task %d), identity links %d, authorizations %d, message subscriptions %d, due date %s, history rows %d"
			.formatted(count(service, "select count(*) from act_ru_variable where proc_inst_id_ = " + instance),
					count(service, "select count(*) from act_ru_variable where task_id_ = " + task),
					count(service, "select count(*) from act_ru_identitylink where task_id_ = " + task),
					count(service, "select count(*) from act_ru_authorization where resource_id_ = " + task),
					count(service, "select count(*) from act_ru_event_subscr where proc_inst_id_ = " + instance),
					count(service,
							"select count(*) from act_ru_task where due_date_ is not null and id_ = " + task) == 1,
					history);
	}

	// P4: pages under 50 concurrent users

	/**
	 * The two pages, each loaded by {@code clients} users for {@code secondes}. Besides
	 * the times (which the machine's load moves), the application's CPU time per page
	 * (its process' user + system time over the load, divided by the pages served): what
	 * a page costs, whatever else runs on the machine. {@code -Dbench.jfr=true} records
	 * each load with Java Flight Recorder ({@code p4-porteur<suffixe>.jfr},
	 * {@code p4-agents<suffixe>.jfr} in {@code target/bench}; {@code scripts/jfr-hot}).
	 */
	private void p4(ApplicationEnfant app, Api api, List<String> lettres, int clients, int secondes, String label,
			String suffixe) throws Exception {
		// bench.echauffement seconds of the same load first, not counted: on a loaded
		// machine a 20 s load served few pages, and the JIT's compilations then weighed
		// in
		// the CPU a page as much as the pages
		int echauffement = Integer.getInteger("bench.echauffement", 10);
		Supplier<Supplier<Integer>> porteurs = () -> {
			Session session = api.login(PORTEUR);
			return () -> session.get("/dossiers/" + lettres.get((int) (Math.random() * lettres.size())));
		};
		Supplier<Supplier<Integer>> guichet = () -> {
			Session session = api.login("guichet.bench");
			return () -> session.get("/agents");
		};
		if (echauffement > 0) {
			load(app, clients, echauffement, porteurs);
			load(app, clients, echauffement, guichet);
		}
		Pages porteur = profile(app, "p4-porteur" + suffixe, () -> load(app, clients, secondes, porteurs));
		ligne("P4 porteur's dossier page p50/p95/p99 (ms), " + clients + " users, " + secondes + " s" + label,
				porteur.stats + "; " + porteur.pages + " pages, " + porteur.errors + " errors" + porteur.cpu(), "—",
				"—", "p95 ≤ 100 ms, 0 errors");
		Pages agents = profile(app, "p4-agents" + suffixe, () -> load(app, clients, secondes, guichet));
		ligne("P4 agents' dossier list p50/p95/p99 (ms), " + clients + " users, " + secondes + " s" + label,
				agents.stats + "; " + agents.pages + " pages, " + agents.errors + " errors" + agents.cpu(), "—", "—",
				"p95 ≤ 100 ms, 0 errors");
	}

	/**
	 * Waits until the application uses less than a tenth of a core over 3 s (its jobs
	 * done), at most {@code max}; returns the seconds waited.
	 */
	private static double calme(ApplicationEnfant app, Duration max) throws InterruptedException {
		long start = System.nanoTime();
		long end = start + max.toNanos();
		double before = app.cpuSecondes();
		while (System.nanoTime() < end) {
			Thread.sleep(3000);
			double now = app.cpuSecondes();
			if (now - before < 0.3) {
				break;
			}
			before = now;
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private interface Charge {

		Pages run() throws Exception;

	}

	private static Pages profile(ApplicationEnfant app, String name, Charge charge) throws Exception {
		if (!Boolean.getBoolean("bench.jfr")) {
			return charge.run();
		}
		app.jcmd("JFR.start", "name=" + name, "settings=profile");
		try {
			return charge.run();
		}
		finally {
			app.jcmd("JFR.stop", "name=" + name,
					"filename=" + Path.of("target", "bench", name + ".jfr").toAbsolutePath());
		}
	}

	/** {@code cpuSecondes}: the application's CPU time during the load, -1 unknown. */
	private record Pages(Stats stats, int pages, int errors, double cpuSecondes) {

		String cpu() {
			return (this.cpuSecondes < 0 || this.pages == 0) ? ""
					: "; %.1f ms of CPU a page".formatted(this.cpuSecondes * 1000 / this.pages);
		}

	}

	private Pages load(ApplicationEnfant app, int clients, int secondes, Supplier<Supplier<Integer>> session)
			throws Exception {
		List<Supplier<Integer>> sessions = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			sessions.add(session.get());
		}
		double cpuBefore = app.cpuSecondes();
		List<Long> times = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger errors = new AtomicInteger();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secondes);
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		for (Supplier<Integer> client : sessions) {
			threads.execute(() -> {
				while (System.nanoTime() < end) {
					long t = System.nanoTime();
					int status;
					try {
						status = client.get();
					}
					catch (RuntimeException ex) {
						status = -1;
					}
					times.add(System.nanoTime() - t);
					if (status != 200) {
						errors.incrementAndGet();
					}
				}
			});
		}
		threads.shutdown();
		threads.awaitTermination(secondes + 120, TimeUnit.SECONDS);
		double cpuAfter = app.cpuSecondes();
		return new Pages(Stats.of(times), times.size(), errors.get(),
				(cpuBefore < 0 || cpuAfter < 0) ? -1 : cpuAfter - cpuBefore);
	}

	// P3: a storm of tacit-validation timers due at once, on two nodes

	/**
	 * P3 alone (two nodes and the bare engine, no other figure):
	 * {@code ./mvnw test -Dtest=ScaleBenchmark#tempeteDeMinuteurs -Dbench.minuteurs=1000}
	 * after {@code ./mvnw package -DskipTests}; writes {@code target/bench/minuteurs.md}.
	 */
	@Test
	void tempeteDeMinuteurs() throws Exception {
		// -Dbench.jar=: another jar (main's, for a before figure) with this benchmark
		String other = System.getProperty("bench.jar", "");
		Path jar = other.isBlank() ? ApplicationEnfant.jar("ScaleBenchmark") : Path.of(other).toAbsolutePath();
		int minuteurs = Integer.getInteger("bench.minuteurs", 10000);
		String xmx = System.getProperty("bench.xmx", Demarrage.xmx());
		String appArgs = System.getProperty("bench.appArgs", "");
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (Boolean.getBoolean("bench.sql")) {
			// the storm's statements counted per database (statementsP3)
			builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
		}
		try (EmbeddedPostgres postgres = builder.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "300")
			.start()) {
			this.postgresPort = postgres.getPort();
			Demarrage demarrage = Demarrage.pour(jar, 0);
			List<String> jvm = jvm(xmx);
			jvm.addAll(0, demarrage.jvm());
			if (Boolean.getBoolean("bench.jfr")) {
				// whole stacks: a sample deep in a job still names the job
				jvm.add("-XX:FlightRecorderOptions=stackdepth=512");
			}
			p3(postgres, demarrage, jvm, appArgs, minuteurs);
		}
		String table = table(0, 0, 0, 0, appArgs).replace(
				"bench.dossiers=0 bench.taches=0 bench.clients=0 bench.secondes=0", "bench.minuteurs=" + minuteurs);
		System.out.println(table);
		Files.writeString(dir.resolve("minuteurs.md"), table);
	}

	/**
	 * Two nodes of the jar on a database of their own, {@code minuteurs} instances of
	 * cpts-creation waiting in the instruction of their projet de santé (started through
	 * {@code /engine-rest} before {@code deciderProjetSante}, with their dossier rows),
	 * whose tacit-validation timers are then made due at one instant; against the bare
	 * engine's job executor on a one-timer model, same count, same server.
	 */
	private void p3(EmbeddedPostgres postgres, Demarrage demarrage, List<String> jvm, String appArgs, int minuteurs)
			throws Exception {
		DataSource server = postgres.getPostgresDatabase();
		execute(server, "create database minuteurs");
		execute(server, "create database moteur_minuteurs");
		DataSource database = postgres.getDatabase("postgres", "minuteurs");
		Map<String, String> environment = new HashMap<>(demarrage.environment());
		// The engine writes its timestamps in the JVM's zone (the image's is Paris): the
		// storm's instants are read back in the nodes' zone, set here when the start
		// gives none.
		environment.putIfAbsent("TZ", "UTC");
		String zone = environment.get("TZ");
		environment.putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
				postgres.getJdbcUrl("postgres", "minuteurs"), "PARCOURS_DB_USER", "postgres", "PARCOURS_DB_PASSWORD",
				"postgres", "PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD));
		Path dir = Path.of("target", "bench");
		List<ApplicationEnfant> nodes = new ArrayList<>();
		Tempete service;
		try {
			for (String name : List.of("noeud-a", "noeud-b")) {
				List<String> args = new ArrayList<>(List.of("--parcours.courriels.envoi-planifie=false",
						"--camunda.bpm.generic-properties.properties.hostname=" + name));
				if (!appArgs.isBlank()) {
					args.addAll(List.of(appArgs.trim().split("\\s+")));
				}
				// node A first: it creates the schema and deploys the models
				nodes.add(ApplicationEnfant.demarrer(demarrage.jar(), jvm, args, environment,
						dir.resolve(name + ".log"), Duration.ofSeconds(600), "/"));
			}
			Api a = new Api(nodes.get(0).url());
			a.createUser(PORTEUR, "porteurs", null);
			a.createUser("ars.bench", "ars", "76");
			a.createUser("cpam.bench", "cpam", "76");
			long start = System.nanoTime();
			List<String> references = dossiersEnInstruction(database, nodes, minuteurs);
			this.notes.add(
					"P3 setup: %d instances started before deciderProjetSante through /engine-rest of both nodes in %.0f s"
						.formatted(minuteurs, (System.nanoTime() - start) / 1e9));
			long[] conflictsBefore = optimisticLockingInLogs(nodes);
			boolean jfr = Boolean.getBoolean("bench.jfr");
			boolean sql = Boolean.getBoolean("bench.sql");
			if (sql) {
				execute(database, "create extension if not exists pg_stat_statements");
				execute(database, "select pg_stat_statements_reset()");
			}
			for (int i = 0; jfr && i < nodes.size(); i++) {
				nodes.get(i).jcmd("JFR.start", "name=p3", "settings=profile");
			}
			double[] cpu = { nodes.get(0).cpuSecondes(), nodes.get(1).cpuSecondes(), postgresCpuSecondes() };
			int timers = update(database,
					"update act_ru_job set duedate_ = now() where " + jobsOf("validationTaciteAcquise"));
			service = awaitStorm(database, zone, "cpts-creation", minuteurs, timers,
					"select count(*) from act_hi_actinst where act_id_ = 'notifierValidationTacite' and end_time_ is not null",
					// the CPAM task's mail jobs too: read before they ran, the job count
					// missed the last of them (1,472 where the metrics said 1,500)
					"select count(*) from act_ru_job where " + jobsOf("notifierValidationTacite") + " or "
							+ jobsOf("validationTaciteAcquise") + " and duedate_ <= now() or handler_type_ = '"
							+ PRODUCTION_APRES_COMMIT + "'");
			cpuP3("service", minuteurs, nodes.get(0).cpuSecondes() - cpu[0] + nodes.get(1).cpuSecondes() - cpu[1],
					postgresCpuSecondes() - cpu[2]);
			for (int i = 0; jfr && i < nodes.size(); i++) {
				nodes.get(i)
					.jcmd("JFR.stop", "name=p3",
							"filename=" + dir.resolve("p3-" + (char) ('a' + i) + ".jfr").toAbsolutePath());
			}
			if (sql) {
				statementsP3(database, "minuteurs", "the service", minuteurs);
			}
			long[] conflictsAfter = optimisticLockingInLogs(nodes);
			for (ApplicationEnfant node : nodes) {
				// a graceful stop writes the engine's metrics (job acquisition) to the
				// database
				node.stop();
			}
			nodes.clear();
			service = service.withChecks(checks(database, references), conflictsAfter[0] - conflictsBefore[0],
					conflictsAfter[1] - conflictsBefore[1], metrics(database));
		}
		finally {
			for (ApplicationEnfant node : nodes) {
				node.stop();
			}
		}
		Tempete bare;
		try (BareEngine engine = new BareEngine(postgres.getJdbcUrl("postgres", "moteur_minuteurs"), false, true)) {
			engine.startTimers(minuteurs);
			DataSource moteur = engine.dataSource();
			if (Boolean.getBoolean("bench.sql")) {
				execute(moteur, "create extension if not exists pg_stat_statements");
				execute(moteur, "select pg_stat_statements_reset()");
			}
			double[] cpu = { ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() / 1000.0,
					postgresCpuSecondes() };
			int timers = update(moteur, "update act_ru_job set duedate_ = now() where " + jobsOf("delaiEcoule"));
			bare = awaitStorm(moteur, ZoneId.systemDefault().getId(), "minuteur", minuteurs, timers,
					"select count(*) from act_hi_actinst where act_id_ = 'valide' and end_time_ is not null",
					"select count(*) from act_ru_job where " + jobsOf("delaiEcoule"));
			// the benchmark's own JVM: its polling is in the bare engine's figure
			cpuP3("the bare engine", minuteurs,
					ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() / 1000.0 - cpu[0],
					postgresCpuSecondes() - cpu[1]);
			if (Boolean.getBoolean("bench.sql")) {
				statementsP3(moteur, "moteur_minuteurs", "the bare engine", minuteurs);
			}
			long twice = count(moteur, "select count(*) from (select proc_inst_id_ from act_hi_actinst where act_id_ = "
					+ "'delaiEcoule' group by proc_inst_id_ having count(*) > 1) x");
			long fired = count(moteur, "select count(distinct proc_inst_id_) from act_hi_actinst where act_id_ = "
					+ "'delaiEcoule' and end_time_ is not null");
			bare = bare.withChecks(new long[] { twice, minuteurs - fired, 0, 0, 0 }, 0, 0, engine.metrics());
		}
		ligne("P3 tacit-validation timers/s, " + minuteurs + " due at once, 2 nodes (timer + notification job, "
				+ "attestation PDF and mails each) / bare engine, 1 node, one-timer model", service.toString(),
				bare.toString(), ratio(service.rate(), bare.rate()), "≥ 0.8, 0 twice, 0 lost, 0 mails duplicated");
		this.notes.add("P3 service: " + service.details() + "; bare engine: " + bare.details() + "; load average "
				+ loadAverage());
	}

	/** The handler type of the jobs of notification/ProductionsApresCommit. */
	private static final String PRODUCTION_APRES_COMMIT = "parcours-production-apres-commit";

	private void cpuP3(String label, int timers, double jvm, double postgres) {
		this.notes.add("P3 CPU ms per fired timer, %s: %.1f in the JVM(s) + %.1f in PostgreSQL".formatted(label,
				1000 * jvm / timers, 1000 * postgres / timers));
	}

	/**
	 * The storm's SQL statements per fired timer in one database (pg_stat_statements,
	 * {@code -Dbench.sql=true}), the most called written to
	 * {@code target/bench/p3-sql-<database>.md}; the benchmark's polling is in the count
	 * (a few statements every 200 ms, the same on both sides).
	 */
	private void statementsP3(DataSource connected, String database, String label, int timers) throws Exception {
		long[] counts = statements(connected, database, "timer", timers, "p3");
		this.notes.add(
				"P3 SQL statements per fired timer, %s: %.1f (the engine's act_* tables %.1f, others %.1f; target/bench/p3-sql-%s.md)"
					.formatted(label, (double) counts[0] / timers, (double) counts[1] / timers,
							(double) (counts[0] - counts[1]) / timers, database));
	}

	/** The dossier rows, then the instances through the REST API of both nodes. */
	private static List<String> dossiersEnInstruction(DataSource database, List<ApplicationEnfant> nodes, int count)
			throws Exception {
		List<String> references = new ArrayList<>();
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 1; i <= count; i++) {
				String reference = "CPTS-76-2099-%05d".formatted(i);
				references.add(reference);
				statement.addBatch("insert into dossier (reference, region, nom_cpts, porteur, created_at) values ('"
						+ reference + "', '76', 'CPTS du minuteur " + i + "', '" + PORTEUR + "', now())");
				statement.addBatch("insert into dossier_membre (dossier_id, utilisateur, role, added_at) select id, '"
						+ PORTEUR + "', 'PORTEUR', now() from dossier where reference = '" + reference + "'");
				if (i % 500 == 0) {
					statement.executeBatch();
				}
			}
			statement.executeBatch();
		}
		// due in a year: nothing fires before the storm
		String far = OffsetDateTime.now(ZoneOffset.UTC)
			.plusYears(1)
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
		String now = OffsetDateTime.now(ZoneOffset.UTC)
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
		AtomicInteger n = new AtomicInteger();
		// the setup is not measured: as many clients as the two nodes take
		parallel(2 * WORKERS, count, () -> {
			int i = n.getAndIncrement();
			String reference = references.get(i);
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("reference", Map.of("value", reference));
			variables.put("region", Map.of("value", "76"));
			variables.put("porteur", Map.of("value", PORTEUR));
			variables.put("nomCpts", Map.of("value", "CPTS du minuteur " + (i + 1)));
			variables.put("communes", Map.of("value", "76540"));
			variables.put("population", Map.of("value", 52000, "type", "Long"));
			variables.put("avisCpam", Map.of("value", "favorable"));
			variables.put("dateDepotProjetSante", Map.of("value", now, "type", "Date"));
			variables.put("dateValidationTacite", Map.of("value", far, "type", "Date"));
			variables.put("echeanceValidationTacite", Map.of("value", far, "type", "Date"));
			variables.put("dateRappelValidationTacite", Map.of("value", far, "type", "Date"));
			variables.put("validationTaciteEnPause", Map.of("value", false, "type", "Boolean"));
			Map<String, Object> body = Map.of("businessKey", reference, "variables", variables, "startInstructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", "deciderProjetSante")));
			Api api = new Api(nodes.get(i % nodes.size()).url());
			HttpResponse<String> started = api.call("POST", "/engine-rest/process-definition/key/cpts-creation/start",
					body, "admin", ADMIN_PASSWORD);
			Api.expect(200, started);
			execute(database, "update dossier set process_instance_id = '" + api.json(started).get("id").asText()
					+ "' where reference = '" + reference + "'");
			return 1;
		});
		return references;
	}

	/**
	 * Polls until every instance passed its end activity and no job of the storm is left;
	 * the rate runs from the update that made the timers due, and from the first timer
	 * fired (the acquisition of an idle job executor may sleep up to its max wait first).
	 */
	private static Tempete awaitStorm(DataSource database, String zone, String key, int count, int timers,
			String doneSql, String jobsLeftSql) throws Exception {
		long due = System.currentTimeMillis();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Math.max(10, count / 50));
		while (count(database, doneSql) < count || count(database, jobsLeftSql) > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("storm of " + key + " not over: " + count(database, doneSql) + " of " + count);
			}
			Thread.sleep(200);
		}
		long end = System.currentTimeMillis();
		long firstFired = count(database,
				"select (extract(epoch from min(start_time_) at time zone '" + zone
						+ "') * 1000)::bigint from act_hi_actinst where act_id_ in "
						+ "('validationTaciteAcquise', 'delaiEcoule')");
		long jobs = count(database,
				"select count(*) from act_hi_job_log where job_state_ = 2 and timestamp_ at time zone '" + zone
						+ "' >= " + "to_timestamp(" + due + " / 1000.0)");
		long failed = count(database,
				"select count(*) from act_hi_job_log where job_state_ = 1 and timestamp_ at time zone '" + zone
						+ "' >= " + "to_timestamp(" + due + " / 1000.0)");
		Map<String, Long> perNode = Comptages.parCle(database,
				"select coalesce(hostname_, '?'), count(*) from act_hi_job_log where job_state_ = 2 and timestamp_ at time zone '"
						+ zone + "' >= " + "to_timestamp(" + due + " / 1000.0) group by 1 order by 1");
		return new Tempete(count, timers, (end - due) / 1000.0, (end - firstFired) / 1000.0,
				(firstFired - due) / 1000.0, jobs, failed, perNode, null, 0, 0, Map.of());
	}

	/**
	 * Fired twice, lost (no tacit validation in the history), mails duplicated or missing
	 * (one per porteur, ARS and CPAM agent of the region), attestations issued.
	 */
	private static long[] checks(DataSource database, List<String> references) {
		long twice = count(database, "select count(*) from (select proc_inst_id_ from act_hi_actinst where act_id_ = "
				+ "'validationTaciteAcquise' group by proc_inst_id_ having count(*) > 1) x");
		long passed = count(database, "select count(distinct proc_inst_id_) from act_hi_actinst where act_id_ = "
				+ "'notifierValidationTacite' and end_time_ is not null");
		String mails = "from courriel where modele = 'projetSanteValideTacitement' and reference like 'CPTS-76-2099-%'";
		long duplicated = count(database, "select coalesce(sum(n - 1), 0) from (select count(*) n " + mails
				+ " group by reference, destinataires having count(*) > 1) x");
		long recipients = count(database, "select count(distinct destinataires) " + mails);
		long missing = recipients * references.size()
				- count(database, "select count(distinct reference || destinataires) " + mails);
		long attestations = count(database,
				"select count(*) from document where type = 'ATTESTATION_VALIDATION' and reference like 'CPTS-76-2099-%'");
		return new long[] { twice, references.size() - passed, duplicated, missing, attestations };
	}

	/**
	 * The jobs of an activity (the job table knows its activity by its job definition).
	 */
	private static String jobsOf(String activity) {
		return "job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = '" + activity + "')";
	}

	/** OptimisticLockingException lines in each node's log so far. */
	private static long[] optimisticLockingInLogs(List<ApplicationEnfant> nodes) throws IOException {
		long[] lines = new long[nodes.size()];
		for (int i = 0; i < nodes.size(); i++) {
			try (Stream<String> log = Files.lines(nodes.get(i).log(), StandardCharsets.UTF_8)) {
				lines[i] = log.filter((line) -> line.contains("OptimisticLockingException")).count();
			}
		}
		return lines;
	}

	/** Job acquisition metrics of the run (written by each engine when it stops). */
	private static Map<String, Long> metrics(DataSource database) {
		return Comptages.parCle(database,
				"select name_, sum(value_) from act_ru_meter_log where name_ in "
						+ "('job-acquisition-attempt', 'job-acquired-success', 'job-acquired-failure', "
						+ "'job-execution-rejected', 'job-locked-exclusive') group by name_ order by name_");
	}

	private static long count(DataSource database, String sql) {
		return Comptages.count(database, sql);
	}

	/**
	 * One storm: instances, timers made due, seconds from due and from the first fire to
	 * the end, jobs run and failed, per node; then the checks ({@code twice, lost, mails
	 * duplicated, mails missing, attestations}), optimistic locking lines of the logs of
	 * node A and node B, and the engine's job acquisition metrics.
	 */
	private record Tempete(int instances, int timers, double fromDue, double fromFirst, double firstAfter, long jobs,
			long failed, Map<String, Long> perNode, long[] checks, long conflictsA, long conflictsB,
			Map<String, Long> metrics) {

		Tempete withChecks(long[] checks, long conflictsA, long conflictsB, Map<String, Long> metrics) {
			return new Tempete(this.instances, this.timers, this.fromDue, this.fromFirst, this.firstAfter, this.jobs,
					this.failed, this.perNode, checks, conflictsA, conflictsB, metrics);
		}

		double rate() {
			return this.instances / this.fromFirst;
		}

		@Override
		public String toString() {
			return "%.1f (%.1f from the due instant; %.0f jobs/s); %d fired twice, %d lost%s".formatted(rate(),
					this.instances / this.fromDue, this.jobs / this.fromFirst, this.checks[0], this.checks[1],
					(this.checks[4] > 0 || this.checks[2] > 0 || this.checks[3] > 0)
							? ", %d mails duplicated, %d missing".formatted(this.checks[2], this.checks[3]) : "");
		}

		String details() {
			return ("%d timers made due, first fired after %.1f s, all done after %.1f s; %d jobs run %s, %d failed "
					+ "(optimistic locking lines in the logs: A %d, B %d); attestations %d; metrics %s")
				.formatted(this.timers, this.firstAfter, this.fromDue, this.jobs, this.perNode, this.failed,
						this.conflictsA, this.conflictsB, this.checks[4], this.metrics);
		}

	}

	// P6: database growth per dossier, runtime and history

	private void p6(DataSource service, long[] serviceBefore, BareEngine bare, long[] bareBefore, int dossiers)
			throws Exception {
		long[] app = minus(sizes(service), serviceBefore);
		long[] moteur = minus(sizes(bare.dataSource()), bareBefore);
		int bareInstances = bare.pathInstances();
		ligne("P6 DB growth per dossier at the signed contract (kB): runtime / history / application",
				"%d / %d / %d".formatted(app[0] / 1024 / dossiers, app[1] / 1024 / dossiers, app[2] / 1024 / dossiers),
				"%d / %d / —".formatted(moteur[0] / 1024 / bareInstances, moteur[1] / 1024 / bareInstances), "—", "—");
	}

	/**
	 * P6, history cleanup: the dossiers of P1 end (abandoned, as a porteur may at any
	 * step), are given a removal time in the past (as if they had ended more than 10
	 * years ago), then the cleanup job runs as it does each night; the same for the ended
	 * instances of the bare engine. Rows and bytes of {@code act_hi_*} removed, and how
	 * long it took.
	 */
	private void p6Nettoyage(Api api, DataSource service, BareEngine bare) throws Exception {
		int ended = api.abandonAll("cpts-creation");
		long[] before = historyRowsAndBytes(service);
		long start = System.nanoTime();
		api.removalTimeInThePast();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		// the batch's monitor job polls every 30 s: its rows tell sooner that it is done
		while (count(service, "select count(*) from act_hi_procinst where end_time_ is not null"
				+ " and (removal_time_ is null or removal_time_ > now())") > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("removal-time batch not done after 10 min");
			}
			sleep(200);
		}
		api.cleanupUntilEmpty();
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] removed = minus2(before, historyRowsAndBytes(service));

		long[] bareBefore = historyRowsAndBytes(bare.dataSource());
		long bareStart = System.nanoTime();
		int bareEnded = bare.cleanupAllEnded();
		double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
		long[] bareRemoved = minus2(bareBefore, historyRowsAndBytes(bare.dataSource()));
		ligne("P6 history cleanup of ended instances past their removal time: rows / kB of act_hi_* removed, s",
				"%d dossiers: %d rows / %d kB in %.1f s".formatted(ended, removed[0], removed[1] / 1024, seconds),
				"%d instances: %d rows / %d kB in %.1f s".formatted(bareEnded, bareRemoved[0], bareRemoved[1] / 1024,
						bareSeconds),
				"—", "removed");
		this.notes.add("P6 cleanup: the service's time includes the removal-time batch and the job executor's "
				+ "pick-up (polled every 200 ms); the bare engine runs the same jobs itself");
	}

	private static long[] minus2(long[] before, long[] after) {
		return new long[] { before[0] - after[0], before[1] - after[1] };
	}

	/** Rows and bytes of live rows (pg_column_size) in the act_hi_* tables. */
	private static long[] historyRowsAndBytes(DataSource dataSource) throws Exception {
		long rows = 0;
		long bytes = 0;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet names = statement.executeQuery(
					"select tablename from pg_tables where schemaname = 'public' and tablename like 'act\\_hi\\_%'")) {
				while (names.next()) {
					tables.add(names.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet sum = statement
					.executeQuery("select count(*), coalesce(sum(pg_column_size(t.*)), 0) from " + table + " t")) {
					sum.next();
					rows += sum.getLong(1);
					bytes += sum.getLong(2);
				}
			}
		}
		return new long[] { rows, bytes };
	}

	private static long[] minus(long[] after, long[] before) {
		return new long[] { after[0] - before[0], after[1] - before[1], after[2] - before[2] };
	}

	/** Bytes in act_ru_*, act_hi_* and the application's own tables. */
	private static long[] sizes(DataSource dataSource) throws Exception {
		long[] sizes = new long[3];
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select c.relname, pg_total_relation_size(c.oid) from pg_class c
						join pg_namespace n on n.oid = c.relnamespace
						where c.relkind = 'r' and n.nspname = 'public'""")) {
			while (rows.next()) {
				String name = rows.getString(1).toLowerCase(Locale.ROOT);
				int i = name.startsWith("act_ru_") ? 0
						: name.startsWith("act_hi_") ? 1 : name.startsWith("act_") ? -1 : 2;
				if (i >= 0) {
					sizes[i] += rows.getLong(2);
				}
			}
		}
		return sizes;
	}

	// The table

	private void ligne(String figure, String service, String bare, String ratio, String goal) {
		this.lignes.add(new String[] { figure, service, bare, ratio, goal });
	}

	private String table(int dossiers, int taches, int clients, int secondes, String appArgs) {
		StringBuilder out = new StringBuilder();
		out.append("## Benchmark — ")
			.append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))
			.append("\n\nMachine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("os.name"))
			.append(" ")
			.append(System.getProperty("os.arch"))
			.append(", Java ")
			.append(System.getProperty("java.version"))
			.append(", load average at the end ")
			.append(loadAverage())
			.append("; PostgreSQL embedded (zonky), one server for both columns.\n")
			.append("Sizes: ")
			.append("bench.dossiers=%d bench.taches=%d bench.clients=%d bench.secondes=%d".formatted(dossiers, taches,
					clients, secondes))
			.append(appArgs.isBlank() ? "" : "; application arguments: " + appArgs)
			.append("\n\n| figure | the service (PostgreSQL, over HTTP) | bare engine (same server, in process) | ratio | goal |\n")
			.append("|---|---|---|---|---|\n");
		for (String[] ligne : this.lignes) {
			out.append("| ").append(String.join(" | ", ligne)).append(" |\n");
		}
		out.append('\n');
		for (String note : this.notes) {
			out.append("- ").append(note).append('\n');
		}
		return out.toString();
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String ratio(double service, double bare) {
		return (bare > 0) ? "%.2f".formatted(service / bare) : "—";
	}

	// Measuring

	record Stats(double p50, double p95, double p99) {

		static Stats of(List<Long> nanos) {
			List<Long> sorted = new ArrayList<>(nanos);
			Collections.sort(sorted);
			if (sorted.isEmpty()) {
				return new Stats(0, 0, 0);
			}
			return new Stats(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
		}

		private static double at(List<Long> sorted, double quantile) {
			int i = (int) Math.ceil(quantile * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
		}

		@Override
		public String toString() {
			return "%.1f / %.1f / %.1f".formatted(this.p50, this.p95, this.p99);
		}

	}

	private static Stats measure(int times, Runnable call) {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			long t = System.nanoTime();
			call.run();
			nanos.add(System.nanoTime() - t);
		}
		return Stats.of(nanos);
	}

	private static <T> List<T> parallel(int threads, int times, java.util.concurrent.Callable<T> task)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			futures.add(pool.submit(task));
		}
		pool.shutdown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.MINUTES));
		}
		return results;
	}

	private static int update(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			return statement.executeUpdate(sql);
		}
	}

	private static void execute(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The application's APIs as its users call them. */
	private static final class Api {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

		private final ApiPorteur http;

		private final String url;

		/** No job left to run: every mail and PDF of the load has been produced. */
		void awaitNoDueJob() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
			while (json(call("GET", "/engine-rest/job/count?executable=true", null, "admin", ADMIN_PASSWORD))
				.get("count")
				.asInt() > 0) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("jobs still due after 10 min");
				}
				sleep(50);
			}
		}

		Api(String url) {
			this.url = url;
			this.http = new ApiPorteur(url);
		}

		void createAccounts() {
			createUser(PORTEUR, "porteurs", null);
			createUser("guichet.bench", "guichet-cpts", "76");
			createUser("ars.bench", "ars", "76");
			createUser("cpam.bench", "cpam", "76");
			for (String urps : URPS) {
				createUser(urps + ".bench", urps, "76");
			}
		}

		private void createUser(String id, String group, String region) {
			Map<String, Object> user = Map.of("profile",
					Map.of("id", id, "firstName", "Banc", "lastName", "D'essai", "email", id + "@exemple.fr"),
					"credentials", Map.of("password", PASSWORD));
			expect(204, call("POST", "/engine-rest/user/create", user, "admin", ADMIN_PASSWORD));
			expect(204, call("PUT", "/engine-rest/group/" + group + "/members/" + id, null, "admin", ADMIN_PASSWORD));
			if (region != null) {
				expect(204, call("PUT", "/engine-rest/tenant/" + region + "/user-members/" + id, null, "admin",
						ADMIN_PASSWORD));
			}
		}

		/**
		 * A lettre of Occitanie sent, then its 20 user tasks completed: the agents'
		 * through /engine-rest, the porteur's (the projet de santé with its statuts, the
		 * signature) through the portal's API; the contract is signed at the end.
		 */
		int parcoursJusquAuContrat(int numero) {
			Envoi envoi = envoyer("CPTS du parcours " + numero, "31555");
			String reference = envoi.reference();
			int completed = 0;
			complete(reference, "verifierCompletude", null, "guichet.bench",
					Map.of("completude", Map.of("value", "complete")));
			completed++;
			for (String urps : URPS) {
				Map<String, Object> avis = new LinkedHashMap<>();
				for (String critere : List.of("critereMissions", "critereMobilisation", "critereTerritoire",
						"avisGlobal")) {
					avis.put(critere, Map.of("value", "favorable"));
				}
				avis.put("commentaireMissions", Map.of("value", "Rien à redire"));
				complete(reference, "rendreAvisUrps", urps, urps + ".bench", avis);
				completed++;
			}
			complete(reference, "transmettreAvisArs", null, "guichet.bench",
					Map.of("avisConsolideFinal", Map.of("value", "favorable")));
			completed++;
			complete(reference, "deciderFinancementFir", null, "ars.bench", Map.of("decisionFir",
					Map.of("value", "accorde"), "montantFirAccorde", Map.of("value", 5000.0, "type", "Double")));
			completed++;

			joindre(envoi.id(), "STATUTS", "statuts.pdf",
					new String(PortailFixtures.pdf(), StandardCharsets.ISO_8859_1));
			completePorteur(envoi.id(), "deposerProjetSante",
					Map.of("missionsActions", "Accès aux soins : un médecin traitant pour chacun.", "gouvernance",
							"Association loi 1901, un conseil d'administration pluriprofessionnel.",
							"systemesInformation", "Messagerie sécurisée de santé."));
			completed++;
			complete(reference, "donnerAvisCpam", null, "cpam.bench", Map.of("avisCpam", Map.of("value", "favorable"),
					"commentaireAvisCpam", Map.of("value", "Projet cohérent.")));
			completed++;
			complete(reference, "deciderProjetSante", null, "ars.bench",
					Map.of("decisionProjet", Map.of("value", "valide")));
			completed++;
			complete(reference, "preparerContrat", null, "cpam.bench", Map.of("missionQualite", Map.of("value", true),
					"missionAccompagnement", Map.of("value", false), "dateEffetContrat", Map.of("value",
							java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(15).toString())));
			completed++;
			completePorteur(envoi.id(), "signerContratPorteur",
					Map.of("nomComplet", "Banc D'essai", "confirmation", "true"));
			completed++;
			complete(reference, "signerContratCpam", null, "cpam.bench",
					Map.of("signatureCpam", Map.of("value", true)));
			completed++;
			complete(reference, "signerContratArs", null, "ars.bench", Map.of("signatureArs", Map.of("value", true)));
			completed++;
			awaitContratSigne(reference);
			return completed;
		}

		/**
		 * The contract's instance has left its signatures (async continuations first).
		 */
		private void awaitContratSigne(String reference) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			String query = "/engine-rest/history/activity-instance/count?activityId=notifierContratSigne&finished=true"
					+ "&processInstanceId=";
			JsonNode contrat = json(call("GET",
					"/engine-rest/process-instance?processDefinitionKey=contrat-aci&businessKey=" + reference, null,
					"admin", ADMIN_PASSWORD));
			if (contrat.size() != 1) {
				throw new AssertionError("no contract instance for " + reference + ": " + contrat);
			}
			String instance = contrat.get(0).get("id").asText();
			while (json(call("GET", query + instance, null, "admin", ADMIN_PASSWORD)).get("count").asInt() == 0) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("contract of " + reference + " not signed");
				}
				sleep(20);
			}
		}

		/** Waits for the porteur's task in the portal, then completes it there. */
		private void completePorteur(long lettre, String key, Map<String, String> champs) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (true) {
				for (JsonNode tache : json(
						call("GET", "/api/portail/dossiers/" + lettre + "/taches", null, PORTEUR, PASSWORD))) {
					if (key.equals(tache.get("cle").asText())) {
						expect(204,
								call("POST", "/api/portail/dossiers/" + lettre + "/taches/" + tache.get("id").asText(),
										champs, PORTEUR, PASSWORD));
						return;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("no task " + key + " in the portal for lettre " + lettre);
				}
				sleep(20);
			}
		}

		/** A PDF joined to the dossier, as the portal's upload does (multipart). */
		private void joindre(long lettre, String categorie, String nom, String pdf) {
			String boundary = "----banc" + System.nanoTime();
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"categorie\"\r\n\r\n" + categorie
					+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"" + nom
					+ "\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf + "\r\n--" + boundary + "--\r\n";
			expect(201, this.http.call("POST", "/api/portail/dossiers/" + lettre + "/pieces",
					"multipart/form-data; boundary=" + boundary, body, PORTEUR, PASSWORD));
		}

		/** Waits for the task (async continuations come first), then completes it. */
		private void complete(String reference, String key, String group, String user, Map<String, Object> variables) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			String query = "/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey=" + key
					+ ((group != null) ? "&candidateGroup=" + group : "");
			while (true) {
				JsonNode tasks = json(call("GET", query, null, user, PASSWORD));
				if (tasks.size() == 1) {
					expect(204, call("POST", "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
							Map.of("variables", variables), user, PASSWORD));
					return;
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("no task " + key + " for " + reference + " (" + user + ")");
				}
				sleep(20);
			}
		}

		String sendLettre(String nom, String commune) {
			return envoyer(nom, commune).reference();
		}

		/** A lettre created and sent ("Envoyer") through the portal's API. */
		Envoi envoyer(String nom, String commune) {
			HttpResponse<String> created = call("POST", "/api/portail/dossiers", lettre(nom, commune), PORTEUR,
					PASSWORD);
			expect(201, created);
			long id = json(created).get("id").asLong();
			HttpResponse<String> sent = call("POST", "/api/portail/dossiers/" + id + "/envoi", null, PORTEUR, PASSWORD);
			expect(200, sent);
			return new Envoi(id, json(sent).get("reference").asText());
		}

		/**
		 * The references of the porteur's sent dossiers: the dossier page's URL is by
		 * reference.
		 */
		List<String> references() {
			List<String> references = new ArrayList<>();
			json(call("GET", "/api/portail/dossiers", null, PORTEUR, PASSWORD)).forEach((lettre) -> {
				if (lettre.hasNonNull("reference")) {
					references.add(lettre.get("reference").asText());
				}
			});
			if (references.isEmpty()) {
				throw new AssertionError("the porteur has no sent dossier for P4");
			}
			return references;
		}

		int openVerifierCompletude() {
			return json(call("GET", "/engine-rest/task/count?taskDefinitionKey=verifierCompletude", null, "admin",
					ADMIN_PASSWORD))
				.get("count")
				.asInt();
		}

		int count(String path, String user, String password) {
			HttpResponse<String> response = call("GET", path, null, user, password);
			expect(200, response);
			return json(response).get("count").asInt();
		}

		int openTasks() {
			return json(call("GET", "/engine-rest/task/count", null, "admin", ADMIN_PASSWORD)).get("count").asInt();
		}

		String filterId(String name) {
			return json(call("GET", "/engine-rest/filter?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), null,
					"admin", ADMIN_PASSWORD))
				.get(0)
				.get("id")
				.asText();
		}

		/**
		 * What the portal's "Envoyer" leaves in the engine, without the portal: an
		 * instance at the Guichet's first task, with the variables its filter shows.
		 */
		void startAtVerifierCompletude(int i, String region) {
			Map<String, Object> variables = new LinkedHashMap<>();
			envoyer(i, region).forEach((name, value) -> variables.put(name, Map.of("value", value)));
			expect(200,
					call("POST", "/engine-rest/process-definition/key/cpts-creation/start",
							Map.of("businessKey", "B" + region + "-" + i, "variables", variables, "startInstructions",
									List.of(Map.of("type", "startBeforeActivity", "activityId", "verifierCompletude"))),
							"admin", ADMIN_PASSWORD));
		}

		/** The variables of the i-th loaded dossier, as "Envoyer" sets them. */
		static Map<String, Object> envoyer(int i, String region) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("reference", "B" + region + "-" + i);
			variables.put("region", region);
			variables.put("nomCpts", "CPTS de charge " + i);
			variables.put("porteur", PORTEUR);
			variables.put("destinataireLettre", "guichet-cpts");
			variables.put("consultationUrps", "dixUrps");
			return variables;
		}

		/** An authenticated call that does nothing: HTTP and Basic authentication. */
		void version(String user) {
			expect(200, call("GET", "/engine-rest/version", null, user, PASSWORD));
		}

		/** Ends every running instance of the model, as an abandonment does. */
		int abandonAll(String key) {
			JsonNode instances = json(call("GET", "/engine-rest/process-instance?processDefinitionKey=" + key, null,
					"admin", ADMIN_PASSWORD));
			for (JsonNode instance : instances) {
				expect(204,
						call("DELETE",
								"/engine-rest/process-instance/" + instance.get("id").asText()
										+ "?skipCustomListeners=true&skipIoMappings=true",
								null, "admin", ADMIN_PASSWORD));
			}
			return instances.size();
		}

		/**
		 * Every ended instance gets a removal time of yesterday (a batch, run by the job
		 * executor).
		 */
		void removalTimeInThePast() {
			String yesterday = OffsetDateTime.now(ZoneOffset.UTC)
				.minusDays(1)
				.withNano(0)
				.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
			JsonNode batch = json(call(
					"POST", "/engine-rest/history/process-instance/set-removal-time", Map.of("absoluteRemovalTime",
							yesterday, "hierarchical", true, "historicProcessInstanceQuery", Map.of("finished", true)),
					"admin", ADMIN_PASSWORD));
			if (!batch.hasNonNull("id")) {
				throw new AssertionError("no removal-time batch: " + batch);
			}
		}

		/**
		 * The cleanup job made due now, until no ended instance is left in the history.
		 */
		void cleanupUntilEmpty() {
			expect(200,
					call("POST", "/engine-rest/history/cleanup?immediatelyDue=true", null, "admin", ADMIN_PASSWORD));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (json(call("GET", "/engine-rest/history/process-instance/count?finished=true", null, "admin",
					ADMIN_PASSWORD))
				.get("count")
				.asInt() > 0) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("history cleanup not done after 10 min");
				}
				sleep(200);
			}
		}

		/** As Tasklist asks it: 15 per page, by creation date. */
		void filterList(String filter, String user) {
			expect(200, call("POST", "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
					Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc"))), user, PASSWORD));
		}

		void filterCount(String filter, String user) {
			expect(200, call("POST", "/engine-rest/filter/" + filter + "/count", Map.of(), user, PASSWORD));
		}

		/** A browser's session: the login form, then its cookie. */
		Session login(String user) {
			HttpClient browser = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			Session session = new Session(browser, this.url);
			try {
				String page = browser
					.send(HttpRequest.newBuilder(URI.create(this.url + "/connexion")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				Matcher csrf = CSRF.matcher(page);
				if (!csrf.find()) {
					throw new AssertionError("no CSRF token on /connexion");
				}
				String form = "username=" + user + "&password=" + PASSWORD + "&_csrf="
						+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
				HttpResponse<String> logged = browser.send(HttpRequest.newBuilder(URI.create(this.url + "/connexion"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
				String location = logged.headers().firstValue("Location").orElse("");
				if (logged.statusCode() != 302 || location.contains("error") || location.contains("connexion")) {
					throw new AssertionError("login of " + user + " refused: " + logged.statusCode() + " " + location);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return session;
		}

		private static Map<String, Object> lettre(String nom, String commune) {
			Map<String, Object> lettre = ApiPorteur.lettre(nom);
			lettre.put("communes", commune);
			return lettre;
		}

		private JsonNode json(HttpResponse<String> response) {
			try {
				return JSON.readTree(response.body());
			}
			catch (IOException ex) {
				throw new AssertionError(response.statusCode() + " " + response.body(), ex);
			}
		}

		/** HTTP calls made, by the first segments of their path (P1's note). */
		private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

		private HttpResponse<String> call(String method, String path, Object body, String user, String password) {
			String kind = method + " " + path.replaceAll("\\?.*", "").replaceAll("/[0-9a-f-]{8,}|/\\d+", "/{id}");
			this.calls.computeIfAbsent(kind, (k) -> new AtomicInteger()).incrementAndGet();
			return this.http.json(method, path, body, user, password);
		}

		private static void expect(int status, HttpResponse<String> response) {
			if (response.statusCode() != status) {
				throw new AssertionError(response.request().method() + " " + response.request().uri() + ": "
						+ response.statusCode() + " " + response.body());
			}
		}

	}

	/** A lettre sent: its id in the portal, its dossier's reference. */
	private record Envoi(long id, String reference) {
	}

	/** A logged-in browser: GET a page, its status. */
	private record Session(HttpClient browser, String url) {

		int get(String path) {
			try {
				return this.browser
					.send(HttpRequest.newBuilder(URI.create(this.url + path)).timeout(Duration.ofSeconds(60)).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * The bare engine: Camunda 7 with its defaults, history full and authorization on as
	 * in the service, nothing of the application.
	 */
	private static final class BareEngine implements AutoCloseable {

		private final ProcessEngine engine;

		private final DataSource dataSource;

		final double startSeconds;

		BareEngine(String jdbcUrl) {
			this(jdbcUrl, false, false);
		}

		BareEngine(String jdbcUrl, boolean reglages) {
			this(jdbcUrl, reglages, false);
		}

		/**
		 * @param reglages with the engine settings of the service (application.yml): no
		 * revoke check, no standalone task
		 * @param jobExecutor its job executor on, with Camunda's defaults (P3), and a
		 * model whose one user task carries one interrupting timer boundary event
		 */
		BareEngine(String jdbcUrl, boolean reglages, boolean jobExecutor) {
			long start = System.nanoTime();
			StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
			configuration.setJdbcUrl(jdbcUrl);
			configuration.setJdbcUsername("postgres");
			configuration.setJdbcPassword("postgres");
			configuration.setJdbcDriver("org.postgresql.Driver");
			// the service's pool (application-postgres.yml): with the engine's 10, P3's
			// storm
			// held them all in its 10 job threads while each job wanted one more (the id
			// block's own transaction, the acquisition, the benchmark's polling); MyBatis
			// took back connections checked out for 20 s and the jobs failed with
			// "Connection is invalid"
			configuration.setJdbcMaxActiveConnections(20);
			configuration.setDatabaseSchemaUpdate("true");
			configuration.setHistory("full");
			configuration.setAuthorizationEnabled(true);
			configuration.setJobExecutorActivate(jobExecutor);
			configuration.setHostname("moteur");
			configuration.setTenantIdProvider(new RegionVariable());
			if (reglages) {
				configuration.setAuthorizationCheckRevokes("never");
				configuration.setStandaloneTasksEnabled(false);
			}
			this.engine = configuration.buildProcessEngine();
			this.dataSource = configuration.getDataSource();
			this.startSeconds = (System.nanoTime() - start) / 1e9;
			if (jobExecutor) {
				this.engine.getRepositoryService()
					.createDeployment()
					.addModelInstance("minuteur.bpmn",
							Bpmn.createExecutableProcess("minuteur")
								.camundaHistoryTimeToLive(3650)
								.startEvent()
								.userTask("decider")
								.camundaCandidateGroups("ars")
								.boundaryEvent("delaiEcoule")
								.timerWithDate("${echeance}")
								.endEvent("valide")
								.moveToActivity("decider")
								.endEvent("decide")
								.done())
					.deploy();
			}
		}

		/** Instances of the one-timer model, their timers due in a year. */
		void startTimers(int count) throws Exception {
			Date far = Date.from(java.time.Instant.now().plus(Duration.ofDays(365)));
			parallel(WORKERS, count, () -> {
				this.engine.getRuntimeService().startProcessInstanceByKey("minuteur", Map.of("echeance", far));
				return 1;
			});
		}

		/** Job acquisition metrics, written now. */
		Map<String, Long> metrics() {
			this.engine.getManagementService().reportDbMetricsNow();
			return ScaleBenchmark.metrics(this.dataSource);
		}

		DataSource dataSource() {
			return this.dataSource;
		}

		void deployPath(int userTasks) {
			AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("parcours")
				.camundaHistoryTimeToLive(3650)
				.startEvent();
			for (int i = 0; i < userTasks; i++) {
				flow = flow.userTask("tache" + i).camundaCandidateGroups("guichet-cpts");
			}
			this.engine.getRepositoryService()
				.createDeployment()
				.addModelInstance("parcours.bpmn", flow.endEvent().done())
				.deploy();
		}

		/** One instance through its user tasks; returns how many were completed. */
		int runPath(String region) {
			String instance = this.engine.getRuntimeService()
				.startProcessInstanceByKey("parcours", Map.of("region", region))
				.getId();
			TaskService tasks = this.engine.getTaskService();
			int completed = 0;
			for (Task task = one(instance); task != null; task = one(instance)) {
				tasks.complete(task.getId(), Map.of("decision", "ok"));
				completed++;
			}
			return completed;
		}

		private Task one(String instance) {
			return this.engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
		}

		int pathInstances() {
			return (int) this.engine.getHistoryService()
				.createHistoricProcessInstanceQuery()
				.processDefinitionKey("parcours")
				.count();
		}

		/**
		 * The ended instances get a removal time of yesterday, then the cleanup job runs
		 * until none is left: the jobs the service's job executor runs, run here.
		 */
		int cleanupAllEnded() {
			var history = this.engine.getHistoryService();
			var management = this.engine.getManagementService();
			int ended = (int) history.createHistoricProcessInstanceQuery().finished().count();
			var batch = history.setRemovalTimeToHistoricProcessInstances()
				.absoluteRemovalTime(new java.util.Date(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)))
				.byQuery(history.createHistoricProcessInstanceQuery().finished())
				.hierarchical()
				.executeAsync();
			for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
				for (var job = management.createJobQuery().jobDefinitionId(definition).listPage(0, 1); !job
					.isEmpty(); job = management.createJobQuery().jobDefinitionId(definition).listPage(0, 1)) {
					management.executeJob(job.get(0).getId());
				}
			}
			history.cleanUpHistoryAsync(true);
			for (int run = 0; history.createHistoricProcessInstanceQuery().finished().count() > 0; run++) {
				if (run > 10_000) {
					throw new AssertionError("bare engine: history cleanup not done after 10,000 runs");
				}
				management.executeJob(history.findHistoryCleanupJobs().get(0).getId());
			}
			return ended;
		}

		void deploySingleTask() {
			var process = Bpmn.createExecutableProcess("attente");
			this.engine.getRepositoryService()
				.createDeployment()
				.addModelInstance("attente.bpmn",
						process.camundaHistoryTimeToLive(3650)
							.startEvent()
							.userTask("verifierCompletude")
							.camundaCandidateGroups("guichet-cpts")
							.endEvent()
							.done())
				.deploy();
		}

		/**
		 * {@code count} instances of the one-task model over the regions: one started
		 * through the Java API, the others SQL copies of it, as the service's open tasks
		 * are made.
		 */
		void startSingleTasks(int count, List<String> regions) throws Exception {
			if (count == 0) {
				return;
			}
			this.engine.getRuntimeService().startProcessInstanceByKey("attente", "B76-0", Map.of("region", "76"));
			copies(this.dataSource, "B76-0", null, "76", count - 1, regions);
		}

		private TaskQuery institution(String region) {
			IdentityService identity = this.engine.getIdentityService();
			identity.setAuthentication("guichet." + region, List.of("guichet-cpts"), List.of(region));
			return this.engine.getTaskService()
				.createTaskQuery()
				.taskCandidateGroupIn(List.of("guichet-cpts"))
				.includeAssignedTasks()
				.orderByTaskCreateTime()
				.desc();
		}

		void institutionTasks(String region, int page) {
			try {
				institution(region).listPage(0, page);
			}
			finally {
				this.engine.getIdentityService().clearAuthentication();
			}
		}

		void institutionCount(String region) {
			try {
				institution(region).count();
			}
			finally {
				this.engine.getIdentityService().clearAuthentication();
			}
		}

		@Override
		public void close() {
			this.engine.close();
		}

	}

	/**
	 * A second engine on the service's database, in this JVM, with the service's engine
	 * settings: the filter "Tâches de mon institution" as the REST API runs it (the
	 * filter's query extended by the sorting, then the variables the filter shows, for
	 * the page's tasks), without HTTP, authentication or the application around it.
	 */
	private static final class ServiceInProcess implements AutoCloseable {

		/** As in application-postgres.yml, read from it so that the two cannot differ. */
		private static final String SERVICE_PG_OPTIONS = servicePgOptions();

		private final ProcessEngine engine;

		private final HikariDataSource dataSource;

		/**
		 * @param explain every statement's plan, with its times, to the server's log
		 * (auto_explain)
		 */
		ServiceInProcess(String jdbcUrl, boolean explain) {
			this(jdbcUrl, explain, true);
		}

		/**
		 * @param customPlans the driver's startup option of the service
		 * (application-postgres.yml: {@code plan_cache_mode=force_custom_plan}); without
		 * it, PostgreSQL's default, a prepared statement's generic plan from its sixth
		 * execution
		 */
		ServiceInProcess(String jdbcUrl, boolean explain, boolean customPlans) {
			HikariConfig pool = new HikariConfig();
			pool.setJdbcUrl(jdbcUrl);
			pool.setUsername("postgres");
			pool.setPassword("postgres");
			pool.setMaximumPoolSize(4);
			if (customPlans) {
				pool.addDataSourceProperty("options", SERVICE_PG_OPTIONS);
			}
			if (explain) {
				pool.setConnectionInitSql("load 'auto_explain'; set auto_explain.log_min_duration = 0; "
						+ "set auto_explain.log_analyze = true; set auto_explain.log_buffers = true");
			}
			this.dataSource = new HikariDataSource(pool);
			StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
			configuration.setProcessEngineName("service-en-process");
			configuration.setDataSource(this.dataSource);
			configuration.setDatabaseSchemaUpdate("false");
			configuration.setHistory("full");
			configuration.setAuthorizationEnabled(true);
			configuration.setAuthorizationCheckRevokes("never");
			configuration.setStandaloneTasksEnabled(false);
			configuration.setJobExecutorActivate(false);
			configuration.setDbMetricsReporterActivate(false);
			this.engine = configuration.buildProcessEngine();
		}

		void filterList(String filterId, String user, String region, int page) {
			authenticate(user, region);
			try {
				List<Task> tasks = this.engine.getFilterService()
					.listPage(filterId, this.engine.getTaskService().createTaskQuery().orderByTaskCreateTime().desc(),
							0, page);
				Object shown = this.engine.getFilterService().getFilter(filterId).getProperties().get("variables");
				List<String> names = new ArrayList<>();
				if (shown instanceof List<?> variables) {
					variables.forEach((variable) -> names.add(String.valueOf(((Map<?, ?>) variable).get("name"))));
				}
				if (!tasks.isEmpty() && !names.isEmpty()) {
					List<String> scopes = new ArrayList<>();
					tasks.forEach((task) -> {
						scopes.add(task.getId());
						scopes.add(task.getProcessInstanceId());
					});
					this.engine.getRuntimeService()
						.createVariableInstanceQuery()
						.variableScopeIdIn(scopes.toArray(String[]::new))
						.variableNameIn(names.toArray(String[]::new))
						.disableBinaryFetching()
						.disableCustomObjectDeserialization()
						.list();
				}
			}
			finally {
				this.engine.getIdentityService().clearAuthentication();
			}
		}

		void filterCount(String filterId, String user, String region) {
			authenticate(user, region);
			try {
				this.engine.getFilterService().count(filterId);
			}
			finally {
				this.engine.getIdentityService().clearAuthentication();
			}
		}

		private void authenticate(String user, String region) {
			this.engine.getIdentityService().setAuthentication(user, List.of("guichet-cpts"), List.of(region));
		}

		@Override
		public void close() {
			this.engine.close();
			this.dataSource.close();
		}

	}

	/**
	 * The driver's startup options of the service's {@code postgres} profile
	 * ({@code spring.datasource.hikari.data-source-properties.options}).
	 */
	private static String servicePgOptions() {
		try {
			java.util.regex.Matcher option = java.util.regex.Pattern.compile("(?m)^\\s+options:\\s*\"([^\"]+)\"")
				.matcher(Files.readString(Path.of("src", "main", "resources", "application-postgres.yml")));
			if (!option.find()) {
				throw new AssertionError("no driver options in application-postgres.yml");
			}
			return option.group(1);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Like the service's: the tenant of an instance is its region. */
	private static final class RegionVariable implements TenantIdProvider {

		@Override
		public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
			return (String) ctx.getVariables().get("region");
		}

		@Override
		public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
			return null;
		}

		@Override
		public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
			return null;
		}

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
