package fr.parcourscpts.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The application's jar in a JVM of its own, on a free port, its output in a log file:
 * what the tests that kill a node or run two of them start ({@code DurabilityIT},
 * {@code DeuxNoeudsIT}, the scale benchmark). The child gets none of the
 * {@code PARCOURS_*} and {@code SPRING_*} variables of the build's environment, only
 * those given.
 */
public final class ApplicationEnfant {

	/** Spring Boot's readiness probe: the application may take traffic. */
	public static final String READINESS = "/actuator/health/readiness";

	private final Process process;

	private final int port;

	private final Path log;

	private double demarreeEnSecondes;

	private long debut;

	private ApplicationEnfant(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * The jar built by {@code ./mvnw verify} (its package phase); the calling test is
	 * skipped, visibly, when there is none.
	 */
	public static Path jar(String test) throws IOException {
		Path target = Path.of("target");
		List<Path> jars = List.of();
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				jars = files.filter((file) -> file.getFileName().toString().matches("parcours-cpts-.*\\.jar")).toList();
			}
		}
		if (jars.isEmpty()) {
			System.out.println("== " + test + " skipped: no target/parcours-cpts-*.jar (run ./mvnw verify)");
		}
		Assumptions.assumeFalse(jars.isEmpty(), "no target/parcours-cpts-*.jar: run ./mvnw verify");
		return jars.get(0).toAbsolutePath();
	}

	/**
	 * Starts the jar with small JVM options ({@code -Xmx512m}, C1 only: the tests are
	 * short) and waits until it is ready ({@code /actuator/health/readiness}).
	 * @param environment the child's {@code PARCOURS_*} / {@code SPRING_*} variables
	 * @param log where its output goes (kept after the run, for a look)
	 * @param attente how long it may take to become ready
	 * @param arguments Spring arguments after {@code --server.port}
	 */
	public static ApplicationEnfant demarrer(Path jar, Map<String, String> environment, Path log, Duration attente,
			String... arguments) throws Exception {
		return demarrer(jar, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), List.of(arguments), environment, log,
				attente);
	}

	/**
	 * Starts the jar with these JVM options and Spring arguments and waits until it is
	 * ready; {@link #demarreeEnSecondes()} says how long that took.
	 */
	public static ApplicationEnfant demarrer(Path jar, List<String> jvm, List<String> arguments,
			Map<String, String> environment, Path log, Duration attente) throws Exception {
		return demarrer(jar, jvm, arguments, environment, log, attente, READINESS);
	}

	/**
	 * Starts the jar and waits until {@code page} answers 200: {@link #READINESS}, or
	 * {@code "/"} for the first page a person gets (the benchmark's start time, P5).
	 */
	public static ApplicationEnfant demarrer(Path jar, List<String> jvm, List<String> arguments,
			Map<String, String> environment, Path log, Duration attente, String page) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvm);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment()
			.keySet()
			.removeIf((variable) -> variable.startsWith("PARCOURS_") || variable.startsWith("SPRING_"));
		builder.environment().putAll(environment);
		long debut = System.nanoTime();
		ApplicationEnfant application = new ApplicationEnfant(builder.start(), port, log);
		application.debut = debut;
		application.attendre200(page, attente);
		application.demarreeEnSecondes = (System.nanoTime() - debut) / 1e9;
		return application;
	}

	/**
	 * Waits for the readiness probe too: {@code "/"} answers before the start-up runners
	 * (identity set-up, the regional paths check) are done.
	 * @return seconds from the start of the JVM to its readiness
	 */
	public double attendrePret(Duration attente) throws Exception {
		attendre200(READINESS, attente);
		return (System.nanoTime() - this.debut) / 1e9;
	}

	/** CPU time (user + system, all threads) the JVM has used so far, in seconds. */
	public double cpuSecondes() {
		return this.process.info().totalCpuDuration().map((cpu) -> cpu.toMillis() / 1000.0).orElse(-1.0);
	}

	/** From the start of the JVM to its readiness. */
	public double demarreeEnSecondes() {
		return this.demarreeEnSecondes;
	}

	/** The process id, to read its memory in {@code /proc}. */
	public long pid() {
		return this.process.pid();
	}

	/** Its output so far. */
	public Path log() {
		return this.log;
	}

	/** VmRSS of the process, from {@code /proc} (Linux). */
	public long rssMegaoctets() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		return -1;
	}

	/** A diagnostic command of the JDK on the application (Flight Recorder). */
	public void jcmd(String... command) throws Exception {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid())));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (jcmd.waitFor() != 0) {
			throw new AssertionError(String.join(" ", line) + ": " + out);
		}
	}

	public String url() {
		return "http://localhost:" + this.port;
	}

	private void attendre200(String page, Duration attente) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long deadline = System.nanoTime() + attente.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("application stopped (" + this.process.exitValue() + "):\n" + tail());
			}
			try {
				HttpResponse<String> health = client.send(
						HttpRequest.newBuilder(URI.create(url() + page)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		kill();
		throw new AssertionError(page + " not answering 200 after " + attente.toSeconds() + " s:\n" + tail());
	}

	/** SIGKILL on Linux: {@code destroyForcibly} of a process started by Java. */
	public void kill() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	public int exitCode() {
		return this.process.exitValue();
	}

	/** A clean stop (SIGTERM), so that the database files are closed. */
	public void stop() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	/** The last 60 lines of its log. */
	public String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
