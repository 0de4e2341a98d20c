package fr.parcourscpts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
 * heap, default 384m), {@code bench.appArgs} (more arguments for the application, to
 * compare a setting: {@code --camunda.bpm.generic-properties.properties.x=y}).
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
	 * User tasks of P1 per dossier, from the lettre to the FIR decision: the completeness
	 * check, the ten URPS opinions, the forwarding to the ARS, the FIR decision.
	 */
	private static final int TACHES_P1 = 13;

	private static final int WORKERS = 4;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<String[]> lignes = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	@Test
	void scale() throws Exception {
		Path jar = jar();
		int dossiers = Integer.getInteger("bench.dossiers", 24);
		int taches = Integer.getInteger("bench.taches", 2000);
		int clients = Integer.getInteger("bench.clients", 50);
		int secondes = Integer.getInteger("bench.secondes", 30);
		String xmx = System.getProperty("bench.xmx", "384m");
		String appArgs = System.getProperty("bench.appArgs", "");
		Path dir = Files.createDirectories(Path.of("target", "bench"));
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.start()) {
			DataSource server = postgres.getPostgresDatabase();
			execute(server, "create database service");
			execute(server, "create database moteur");
			DataSource service = postgres.getDatabase("postgres", "service");
			List<String> jvm = List.of("-Xmx" + xmx, "-Xss512k", "-XX:MaxMetaspaceSize=192m",
					"-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC");
			Map<String, String> environment = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
					postgres.getJdbcUrl("postgres", "service"), "PARCOURS_DB_USER", "postgres", "PARCOURS_DB_PASSWORD",
					"postgres", "PARCOURS_ADMIN_PASSWORD", ADMIN_PASSWORD);
			List<String> args = new ArrayList<>(List.of("--parcours.courriels.envoi-planifie=false"));
			if (!appArgs.isBlank()) {
				args.addAll(List.of(appArgs.trim().split("\\s+")));
			}
			ChildApplication app = ChildApplication.start(jar, jvm, args, environment, dir.resolve("application.log"));
			BareEngine bare = new BareEngine(postgres.getJdbcUrl("postgres", "moteur"));
			try {
				long rssStart = app.rssMegabytes();
				Api api = new Api(app.url());
				api.createAccounts();

				long[] serviceBefore = sizes(service);
				long[] bareBefore = sizes(bare.dataSource());
				p1(api, bare, dossiers);
				p6(service, serviceBefore, bare, bareBefore, dossiers);
				List<String> porteurLettres = api.references();
				p2(api, bare, taches);
				p4(api, porteurLettres, clients, secondes);
				long rssAfter = app.rssMegabytes();
				ligne("P5 start to first 200 (s)", "%.1f".formatted(app.startSeconds()),
						"%.1f".formatted(bare.startSeconds), "—", "≤ 10 s");
				ligne("P5 RSS after start / after the load (MB), -Xmx" + xmx, rssStart + " / " + rssAfter, "—", "—",
						"≤ 600 MB");
				this.notes.add("P5 JVM options: " + String.join(" ", jvm));
			}
			finally {
				app.stop();
				bare.close();
			}
		}
		String table = table(dossiers, taches, clients, secondes, appArgs);
		System.out.println(table);
		Files.writeString(dir.resolve("resultats.md"), table);
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
				defaut.deployPath(TACHES_P1);
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

	// P1: user-task completions per second, the service over HTTP against the bare engine

	private void p1(Api api, BareEngine bare, int dossiers) throws Exception {
		AtomicInteger numero = new AtomicInteger();
		long start = System.nanoTime();
		List<Integer> done = parallel(WORKERS, dossiers, () -> api.parcoursJusquAuFir(numero.incrementAndGet()));
		double seconds = (System.nanoTime() - start) / 1e9;
		int completions = done.stream().mapToInt(Integer::intValue).sum();
		double service = completions / seconds;

		bare.deployPath(TACHES_P1);
		// a warm-up like the service's (its JIT is warm from the accounts and first
		// lettres)
		parallel(WORKERS, Math.max(4, dossiers / 4), () -> bare.runPath("76"));
		long bareStart = System.nanoTime();
		List<Integer> bareDone = parallel(WORKERS, dossiers * 4, () -> bare.runPath("76"));
		double bareRate = bareDone.stream().mapToInt(Integer::intValue).sum() / ((System.nanoTime() - bareStart) / 1e9);
		ligne("P1 user-task completions/s, lettre → FIR decision (" + TACHES_P1 + " user tasks), " + WORKERS
				+ " workers", "%.1f (%d dossiers, %d tasks)".formatted(service, dossiers, completions),
				"%.1f".formatted(bareRate), ratio(service, bareRate), "≥ 0.8");
	}

	// P2: "Tâches de mon institution", 15 per page, and its count

	private void p2(Api api, BareEngine bare, int taches) throws Exception {
		int already = api.openVerifierCompletude();
		int toSend = Math.max(0, taches - already);
		List<String> regions = new ArrayList<>(COMMUNE_PAR_REGION.keySet());
		AtomicInteger n = new AtomicInteger();
		long start = System.nanoTime();
		parallel(WORKERS, toSend, () -> {
			int i = n.incrementAndGet();
			api.sendLettre("CPTS de charge " + i, COMMUNE_PAR_REGION.get(regions.get(i % regions.size())));
			return 1;
		});
		this.notes.add("P2 load: %d lettres sent through the portal's API in %.0f s (%.1f/s)".formatted(toSend,
				(System.nanoTime() - start) / 1e9, toSend / ((System.nanoTime() - start) / 1e9)));
		int open = api.openTasks();
		String filter = api.filterId("Tâches de mon institution");
		Stats list = measure(200, () -> api.filterList(filter, "guichet.bench"));
		Stats count = measure(200, () -> api.filterCount(filter, "guichet.bench"));

		bare.deploySingleTask();
		bare.startSingleTasks(open, regions);
		Stats bareList = measure(200, () -> bare.institutionTasks("76", 15));
		Stats bareCount = measure(200, () -> bare.institutionCount("76"));
		ligne("P2 list p50/p95/p99 (ms), " + open + " open tasks, 18 regions", list.toString(), bareList.toString(),
				ratio(list.p95(), bareList.p95()), "≤ 1.5");
		ligne("P2 its count p50/p95/p99 (ms)", count.toString(), bareCount.toString(),
				ratio(count.p95(), bareCount.p95()), "—");
	}

	// P4: pages under 50 concurrent users

	private void p4(Api api, List<String> lettres, int clients, int secondes) throws Exception {
		Pages porteur = load(clients, secondes, () -> {
			Session session = api.login(PORTEUR);
			return () -> session.get("/dossiers/" + lettres.get((int) (Math.random() * lettres.size())));
		});
		ligne("P4 porteur's dossier page p50/p95/p99 (ms), " + clients + " users, " + secondes + " s",
				porteur.stats + "; " + porteur.pages + " pages, " + porteur.errors + " errors", "—", "—",
				"p95 ≤ 100 ms, 0 errors");
		Pages agents = load(clients, secondes, () -> {
			Session session = api.login("guichet.bench");
			return () -> session.get("/agents");
		});
		ligne("P4 agents' dossier list p50/p95/p99 (ms), " + clients + " users, " + secondes + " s",
				agents.stats + "; " + agents.pages + " pages, " + agents.errors + " errors", "—", "—",
				"p95 ≤ 100 ms, 0 errors");
	}

	private record Pages(Stats stats, int pages, int errors) {
	}

	private Pages load(int clients, int secondes, Supplier<Supplier<Integer>> session) throws Exception {
		List<Supplier<Integer>> sessions = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			sessions.add(session.get());
		}
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
		return new Pages(Stats.of(times), times.size(), errors.get());
	}

	// P6: database growth per dossier, runtime and history

	private void p6(DataSource service, long[] serviceBefore, BareEngine bare, long[] bareBefore, int dossiers)
			throws Exception {
		long[] app = minus(sizes(service), serviceBefore);
		long[] moteur = minus(sizes(bare.dataSource()), bareBefore);
		int bareInstances = bare.pathInstances();
		ligne("P6 DB growth per dossier at the FIR decision (kB): runtime / history / application",
				"%d / %d / %d".formatted(app[0] / 1024 / dossiers, app[1] / 1024 / dossiers, app[2] / 1024 / dossiers),
				"%d / %d / —".formatted(moteur[0] / 1024 / bareInstances, moteur[1] / 1024 / bareInstances), "—", "—");
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

	private static void execute(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The Spring Boot jar built by {@code package}. */
	private static Path jar() throws IOException {
		Path target = Path.of("target");
		List<Path> jars = List.of();
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				jars = files.filter((file) -> file.getFileName().toString().matches("parcours-cpts-.*\\.jar")).toList();
			}
		}
		Assumptions.assumeFalse(jars.isEmpty(), "no target/parcours-cpts-*.jar: run bash scripts/bench");
		return jars.get(0).toAbsolutePath();
	}

	/** The application's APIs as its users call them. */
	private static final class Api {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

		private final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		private final String url;

		Api(String url) {
			this.url = url;
		}

		void createAccounts() {
			createUser(PORTEUR, "porteurs", null);
			createUser("guichet.bench", "guichet-cpts", "76");
			createUser("ars.bench", "ars", "76");
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
		 * A lettre of Occitanie sent, then its 13 user tasks completed by their agents.
		 */
		int parcoursJusquAuFir(int numero) {
			String reference = sendLettre("CPTS du parcours " + numero, "31555");
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
			return completed;
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
			HttpResponse<String> created = call("POST", "/api/portail/dossiers", lettre(nom, commune), PORTEUR,
					PASSWORD);
			expect(201, created);
			long id = json(created).get("id").asLong();
			HttpResponse<String> sent = call("POST", "/api/portail/dossiers/" + id + "/envoi", null, PORTEUR, PASSWORD);
			expect(200, sent);
			return json(sent).get("reference").asText();
		}

		/** The references of the porteur's sent dossiers: the dossier page's URL is by reference. */
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
			Map<String, Object> lettre = new LinkedHashMap<>();
			lettre.put("nomCpts", nom);
			lettre.put("communes", commune);
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

		private JsonNode json(HttpResponse<String> response) {
			try {
				return JSON.readTree(response.body());
			}
			catch (IOException ex) {
				throw new AssertionError(response.statusCode() + " " + response.body(), ex);
			}
		}

		private HttpResponse<String> call(String method, String path, Object body, String user, String password) {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
					.timeout(Duration.ofSeconds(120))
					.header("Accept", "application/json")
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
				if (body != null) {
					request.header("Content-Type", "application/json")
						.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
				}
				else {
					request.method(method, HttpRequest.BodyPublishers.noBody());
				}
				return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static void expect(int status, HttpResponse<String> response) {
			if (response.statusCode() != status) {
				throw new AssertionError(response.request().method() + " " + response.request().uri() + ": "
						+ response.statusCode() + " " + response.body());
			}
		}

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
			this(jdbcUrl, false);
		}

		/**
		 * @param reglages with the engine settings of the service (application.yml): no
		 * revoke check, no CMMN, no standalone task
		 */
		BareEngine(String jdbcUrl, boolean reglages) {
			long start = System.nanoTime();
			StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
			configuration.setJdbcUrl(jdbcUrl);
			configuration.setJdbcUsername("postgres");
			configuration.setJdbcPassword("postgres");
			configuration.setJdbcDriver("org.postgresql.Driver");
			configuration.setJdbcMaxActiveConnections(10);
			configuration.setDatabaseSchemaUpdate("true");
			configuration.setHistory("full");
			configuration.setAuthorizationEnabled(true);
			configuration.setJobExecutorActivate(false);
			configuration.setTenantIdProvider(new RegionVariable());
			if (reglages) {
				configuration.setAuthorizationCheckRevokes("never");
				configuration.setStandaloneTasksEnabled(false);
			}
			this.engine = configuration.buildProcessEngine();
			this.dataSource = configuration.getDataSource();
			this.startSeconds = (System.nanoTime() - start) / 1e9;
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

		void startSingleTasks(int count, List<String> regions) throws Exception {
			AtomicInteger n = new AtomicInteger();
			parallel(WORKERS, count, () -> {
				this.engine.getRuntimeService()
					.startProcessInstanceByKey("attente",
							Map.of("region", regions.get(n.incrementAndGet() % regions.size())));
				return 1;
			});
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

	/** The jar in its own JVM, on a free port, its output in a log file. */
	private static final class ChildApplication {

		private final Process process;

		private final int port;

		private final Path log;

		private double startSeconds;

		private ChildApplication(Process process, int port, Path log) {
			this.process = process;
			this.port = port;
			this.log = log;
		}

		static ChildApplication start(Path jar, List<String> jvm, List<String> args, Map<String, String> environment,
				Path log) throws Exception {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvm);
			command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
			command.addAll(args);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment()
				.keySet()
				.removeIf((name) -> name.startsWith("PARCOURS_") || name.startsWith("SPRING_"));
			builder.environment().putAll(environment);
			long start = System.nanoTime();
			ChildApplication application = new ChildApplication(builder.start(), port, log);
			application.awaitFirst200();
			application.startSeconds = (System.nanoTime() - start) / 1e9;
			return application;
		}

		String url() {
			return "http://localhost:" + this.port;
		}

		double startSeconds() {
			return this.startSeconds;
		}

		/** VmRSS of the process, from /proc (Linux). */
		long rssMegabytes() throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
			return -1;
		}

		/** The home page answered 200: the first page a person gets. */
		private void awaitFirst200() throws Exception {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new AssertionError("application stopped (" + this.process.exitValue() + "), see " + this.log);
				}
				try {
					HttpResponse<String> home = client.send(
							HttpRequest.newBuilder(URI.create(url() + "/")).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.ofString());
					if (home.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(100);
			}
			stop();
			throw new AssertionError("application not answering after 300 s, see " + this.log);
		}

		void stop() throws InterruptedException {
			if (this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
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
