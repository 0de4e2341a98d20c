package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on our machines: these tests read docker-compose.yml and the
 * Dockerfile and check them against what the application really reads.
 */
class ContainerFilesTest {

	/**
	 * A placeholder without default, such as {@code ${PARCOURS_DB_URL}}: it must be
	 * given.
	 */
	private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

	/** Any placeholder, with or without default. */
	private static final Pattern ANY = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::[^}]*)?}");

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsPostgresMailpitAndTheApplication() throws IOException {
		Map<String, Object> services = (Map<String, Object>) compose().get("services");
		assertThat(services).containsKeys("postgres", "mailpit", "app");
		assertThat(((Map<String, Object>) services.get("postgres")).get("image").toString()).startsWith("postgres:16");
		assertThat(((Map<String, Object>) services.get("mailpit")).get("image").toString())
			.startsWith("axllent/mailpit");
		assertThat(((Map<String, Object>) services.get("app")).get("build")).isEqualTo(".");
	}

	@Test
	void applicationGetsEveryVariableItNeedsAndOnlyVariablesItReads() throws IOException {
		Map<String, String> environment = appEnvironment();
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");

		Set<String> required = placeholders(REQUIRED, "application.yml", "application-postgres.yml");
		assertThat(required).as("the postgres profile reads these without default").isNotEmpty();
		assertThat(environment.keySet()).as("compose passes every required variable").containsAll(required);

		Set<String> readByTheApplication = placeholders(ANY, "application.yml", "application-postgres.yml");
		Set<String> passed = new HashSet<>(environment.keySet());
		passed.remove("SPRING_PROFILES_ACTIVE");
		assertThat(readByTheApplication).as("compose passes no variable the application ignores").containsAll(passed);
	}

	@Test
	@SuppressWarnings("unchecked")
	void applicationTalksToTheComposeDatabaseAndMailServer() throws IOException {
		Map<String, String> app = appEnvironment();
		Map<String, Object> services = (Map<String, Object>) compose().get("services");
		Map<String, Object> postgres = (Map<String, Object>) ((Map<String, Object>) services.get("postgres"))
			.get("environment");
		assertThat(app.get("PARCOURS_DB_URL"))
			.isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
		assertThat(app.get("PARCOURS_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
		assertThat(app.get("PARCOURS_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
		assertThat(app).containsEntry("PARCOURS_MAIL_HOST", "mailpit").containsEntry("PARCOURS_MAIL_PORT", "1025");
		assertThat(app).doesNotContainKey("SPRING_PROFILES_INCLUDE");
		assertThat(app.get("SPRING_PROFILES_ACTIVE")).doesNotContain("demo");
	}

	@Test
	@SuppressWarnings("unchecked")
	void applicationScansUploadsWithTheComposeClamav() throws IOException {
		Map<String, Object> services = (Map<String, Object>) compose().get("services");
		assertThat(((Map<String, Object>) services.get("clamav")).get("image").toString()).startsWith("clamav/clamav");
		assertThat(appEnvironment()).containsEntry("PARCOURS_CLAMAV_HOST", "clamav")
			.containsEntry("PARCOURS_CLAMAV_PORT", "3310");
	}

	@Test
	void imageIsBuiltInStagesAndRunsAsANonRootUserWithAHealthCheck() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
		assertThat(lines.stream().filter((line) -> line.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(2);
		String user = lines.stream()
			.filter((line) -> line.startsWith("USER "))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(user.substring(5).trim()).isNotIn("root", "0");
		assertThat(lines).anyMatch((line) -> line.startsWith("HEALTHCHECK") && line.contains("--interval"));
		assertThat(String.join("\n", lines)).contains("/actuator/health");
	}

	/**
	 * The image starts with the class archive its own build wrote (docs/scale.md, P5):
	 * the archive and the extracted jar where scripts/cds-archive puts them, and a
	 * bounded memory whatever the container's size.
	 */
	@Test
	void imageStartsWithTheClassArchiveItsBuildWroteAndABoundedMemory() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String script = Files.readString(Path.of("scripts", "cds-archive"));
		assertThat(script).contains("-XX:ArchiveClassesAtExit=\"$destination/app.jsa\"")
			.contains("--application-filename app.jar")
			.contains("-Dspring.context.exit=onRefresh");
		assertThat(dockerfile).contains("RUN cds-archive /tmp/parcours-cpts.jar /app")
			.contains("ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=/app/app.jsa\", \"-jar\", \"/app/app.jar\"]");
		// the archive is written before USER: the training run may write where the user
		// may not
		assertThat(dockerfile.indexOf("RUN cds-archive")).isLessThan(dockerfile.lastIndexOf("USER "));
		assertThat(dockerfile).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-Xmx\\d+m")
			.contains("-XX:+UseSerialGC")
			.contains("MALLOC_ARENA_MAX=2");
	}

	@Test
	@SuppressWarnings("unchecked")
	void twoIdenticalNodesRunBehindTheProxy() throws IOException {
		Map<String, Object> services = (Map<String, Object>) compose().get("services");
		assertThat(services).containsKeys("app", "app2", "proxy");
		Map<String, Object> app = (Map<String, Object>) services.get("app");
		Map<String, Object> app2 = (Map<String, Object>) services.get("app2");
		assertThat(app2.get("build")).isEqualTo(app.get("build"));
		assertThat(app2.get("environment")).as("the same configuration on both nodes")
			.isEqualTo(app.get("environment"));
		assertThat(app).as("only the proxy is published").doesNotContainKey("ports");
		assertThat(app2).doesNotContainKey("ports");

		Map<String, Object> proxy = (Map<String, Object>) services.get("proxy");
		assertThat(proxy.get("image").toString()).startsWith("nginx:");
		assertThat((List<String>) proxy.get("ports")).containsExactly("8080:8080");
		assertThat((List<String>) proxy.get("volumes")).contains("./docker/nginx.conf:/etc/nginx/nginx.conf:ro");
		String nginx = Files.readString(Path.of("docker", "nginx.conf"));
		assertThat(nginx).contains("server app:8080").contains("server app2:8080").contains("listen 8080");
		assertThat(nginx).doesNotContain("ip_hash").doesNotContain("sticky");
		Matcher bodyLimit = Pattern.compile("client_max_body_size (\\d+)m;").matcher(nginx);
		assertThat(bodyLimit.find()).isTrue();
		assertThat(Integer.parseInt(bodyLimit.group(1))).as("at least the application's 25MB")
			.isGreaterThanOrEqualTo(25);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> appEnvironment() throws IOException {
		Map<String, Object> services = (Map<String, Object>) compose().get("services");
		Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("app"))
			.get("environment");
		Map<String, String> values = new java.util.TreeMap<>();
		environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
		return values;
	}

	private static Map<String, Object> compose() throws IOException {
		return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
	}

	private static Set<String> placeholders(Pattern pattern, String... files) throws IOException {
		Set<String> names = new HashSet<>();
		for (String file : files) {
			Matcher matcher = pattern.matcher(Files.readString(Path.of("src/main/resources", file)));
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

}
