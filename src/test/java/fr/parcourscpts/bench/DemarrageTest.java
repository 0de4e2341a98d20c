package fr.parcourscpts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark starts the application with the image's options, read from the Dockerfile
 * itself: if the Dockerfile changes its form, this fails instead of the benchmark
 * silently measuring another start.
 */
class DemarrageTest {

	@Test
	void anExtractedJarWithItsArchiveStartsWithTheDockerfilesOptionsAndArchive(@TempDir Path dir) throws Exception {
		Path jar = Files.createFile(dir.resolve("app.jar"));
		Files.writeString(dir.resolve("app.jsa"), "archive");

		Demarrage demarrage = Demarrage.image(jar, Path.of("Dockerfile"), dir.resolve("cache"));

		assertThat(demarrage.jar()).isEqualTo(jar);
		assertThat(demarrage.jvm()).containsExactly("-XX:SharedArchiveFile=" + dir.resolve("app.jsa").toAbsolutePath(),
				"-Xshare:on");
		assertThat(demarrage.environment()).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("TZ", "Europe/Paris");
		assertThat(demarrage.environment().get("JAVA_TOOL_OPTIONS")).contains("-Xmx320m", "-XX:MetaspaceSize=128m",
				"-XX:+UseSerialGC");
		assertThat(Files.exists(dir.resolve("cache"))).as("nothing extracted again").isFalse();
		assertThat(demarrage.mode()).isEqualTo("image");
	}

	@Test
	void theBenchmarksOptionsAreTheDockerfilesWithItsHeapReplaced() throws Exception {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(Demarrage.options("200m")).startsWith("-Xmx200m")
			.doesNotContain("-Xmx" + Demarrage.xmx())
			.contains("-XX:+UseSerialGC");
		assertThat(dockerfile).contains("-Xmx" + Demarrage.xmx() + " ");
		for (String option : Demarrage.options(Demarrage.xmx())) {
			assertThat(dockerfile).as("every option comes from the Dockerfile").contains(option);
		}
	}

	@Test
	void thePlainJarModeAddsNothing(@TempDir Path dir) throws Exception {
		Path jar = Files.createFile(dir.resolve("parcours-cpts-1.jar"));
		System.setProperty("bench.demarrage.7", "jar");
		try {
			Demarrage demarrage = Demarrage.pour(jar, 7);
			assertThat(demarrage.jar()).isEqualTo(jar);
			assertThat(demarrage.jvm()).isEmpty();
			assertThat(demarrage.environment()).isEmpty();
			assertThat(demarrage.mode()).isEqualTo("jar");
		}
		finally {
			System.clearProperty("bench.demarrage.7");
		}
	}

	@Test
	void anUnknownModeIsRefused(@TempDir Path dir) {
		System.setProperty("bench.demarrage.8", "docker");
		try {
			assertThatIllegalArgumentException().isThrownBy(() -> Demarrage.pour(dir.resolve("x.jar"), 8))
				.withMessageContaining("docker");
		}
		finally {
			System.clearProperty("bench.demarrage.8");
		}
	}

}
