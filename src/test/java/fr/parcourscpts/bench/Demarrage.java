package fr.parcourscpts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the benchmark starts the application's JVM (P5). By default as the image does
 * ({@code Dockerfile}): the jar extracted and a CDS archive made once by
 * {@code scripts/cds-archive}, the Dockerfile's {@code JAVA_TOOL_OPTIONS},
 * {@code MALLOC_ARENA_MAX} and {@code TZ}. {@code -Dbench.demarrage=jar} (or
 * {@code bench.demarrage.<n>} for the n-th jar of {@code bench.jars}) starts it as a
 * plain {@code java -jar}, for comparison. The options are read from the Dockerfile
 * itself, so that the benchmark cannot drift from what production runs.
 *
 * @param jar the jar to give to {@code java -jar}: the extracted {@code app.jar} or the
 * jar itself
 * @param jvm options before the benchmark's own (a later option wins: the benchmark's
 * {@code -Xmx} and per-jar options still apply)
 * @param environment the child's variables added to the benchmark's
 * @param mode {@code image} or {@code jar}, for the table
 */
record Demarrage(Path jar, List<String> jvm, Map<String, String> environment, String mode) {

	private static final Pattern JAVA_TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

	private static final Pattern MALLOC_ARENA_MAX = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)");

	private static final Pattern TZ = Pattern.compile("\\bTZ=(\\S+)");

	/**
	 * The n-th jar's start: {@code bench.demarrage.<n>}, else {@code bench.demarrage}.
	 */
	static Demarrage pour(Path jar, int n) throws IOException, InterruptedException {
		String mode = System.getProperty("bench.demarrage." + n, System.getProperty("bench.demarrage", "image"))
			.trim()
			.toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "jar" -> new Demarrage(jar, List.of(), Map.of(), "jar");
			case "image" -> image(jar, Path.of("Dockerfile"), Path.of("target", "bench", "cds"));
			default -> throw new IllegalArgumentException("bench.demarrage: image or jar, not " + mode);
		};
	}

	/**
	 * As the image starts: an already extracted {@code app.jar} with its {@code app.jsa}
	 * beside it is used as it is; any other jar is extracted with its archive into
	 * {@code cache/<name>-<size>-<date>}, once (the training run costs a start; an
	 * archive is valid only for these very jar files, so a new jar gets a new folder).
	 */
	static Demarrage image(Path jar, Path dockerfile, Path cache) throws IOException, InterruptedException {
		Path archive;
		Path application;
		if (jar.getFileName().toString().equals("app.jar") && Files.isRegularFile(jar.resolveSibling("app.jsa"))) {
			application = jar;
			archive = jar.resolveSibling("app.jsa");
		}
		else {
			String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
			Path destination = cache
				.resolve(name + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis())
				.toAbsolutePath();
			application = destination.resolve("app.jar");
			archive = destination.resolve("app.jsa");
			if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
				archiver(jar, destination);
			}
		}
		String dockerfileText = Files.readString(dockerfile);
		List<String> jvm = new ArrayList<>();
		// -Xshare:on, not the image's auto: a stale archive stops the start instead of
		// silently measuring a start without it under the name "image"
		jvm.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
		jvm.add("-Xshare:on");
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA_TOOL_OPTIONS", find(JAVA_TOOL_OPTIONS, dockerfileText));
		environment.put("MALLOC_ARENA_MAX", find(MALLOC_ARENA_MAX, dockerfileText));
		environment.put("TZ", find(TZ, dockerfileText));
		return new Demarrage(application, jvm, environment, "image");
	}

	/**
	 * The Dockerfile's {@code JAVA_TOOL_OPTIONS}, its {@code -Xmx} replaced by
	 * {@code -Xmx<xmx>} (the benchmark's own options, after the variable on the command
	 * line, so that {@code bench.xmx} and {@code bench.appJvm} win).
	 */
	static List<String> options(String xmx) {
		List<String> options = new ArrayList<>();
		for (String option : javaToolOptions().split("\\s+")) {
			if (!option.startsWith("-Xmx")) {
				options.add(option);
			}
		}
		options.add(0, "-Xmx" + xmx);
		return options;
	}

	/** The Dockerfile's maximum heap ({@code 384m}), the benchmark's default. */
	static String xmx() {
		for (String option : javaToolOptions().split("\\s+")) {
			if (option.startsWith("-Xmx")) {
				return option.substring("-Xmx".length());
			}
		}
		throw new IllegalStateException("Dockerfile: no -Xmx in JAVA_TOOL_OPTIONS");
	}

	private static String javaToolOptions() {
		try {
			return find(JAVA_TOOL_OPTIONS, Files.readString(Path.of("Dockerfile")));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Runs {@code scripts/cds-archive} with the JVM that will run the application. */
	private static void archiver(Path jar, Path destination) throws IOException, InterruptedException {
		Files.createDirectories(destination);
		Path log = destination.resolveSibling(destination.getFileName() + ".log");
		ProcessBuilder builder = new ProcessBuilder("sh", Path.of("scripts", "cds-archive").toString(),
				jar.toAbsolutePath().toString(), destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// the benchmark's own database settings must not reach the training run
		builder.environment()
			.keySet()
			.removeIf((variable) -> variable.startsWith("PARCOURS_") || variable.startsWith("SPRING_"));
		int status = builder.start().waitFor();
		if (status != 0) {
			throw new IllegalStateException("scripts/cds-archive failed (" + status + "), see " + log);
		}
	}

	private static String find(Pattern pattern, String dockerfile) {
		Matcher matcher = pattern.matcher(dockerfile);
		if (!matcher.find()) {
			throw new IllegalStateException("Dockerfile: no " + pattern.pattern());
		}
		return matcher.group(1);
	}

	/** The options and variables of this start, for the notes under the table. */
	String description() {
		if (this.mode.equals("jar")) {
			return "java -jar (bench.demarrage=jar: no CDS archive, no JAVA_TOOL_OPTIONS of the image)";
		}
		return "as the image (bench.demarrage=image): extracted " + this.jar + ", " + String.join(" ", this.jvm)
				+ ", JAVA_TOOL_OPTIONS=\"" + this.environment.get("JAVA_TOOL_OPTIONS") + "\" MALLOC_ARENA_MAX="
				+ this.environment.get("MALLOC_ARENA_MAX") + " TZ=" + this.environment.get("TZ");
	}

}
