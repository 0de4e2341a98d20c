package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * Checks that the engine deployed every model of {@code bpmn/} and every form of
 * {@code forms/} in one deployment: shared by the H2 test and the PostgreSQL IT.
 */
public final class DeploymentAssertions {

	/**
	 * The name the Camunda Spring Boot starter gives its deployment of the classpath
	 * resources.
	 */
	static final String AUTO_DEPLOYMENT = "SpringAutoDeployment";

	private DeploymentAssertions() {
	}

	public static void assertEveryModelAndFormDeployedTogether(RepositoryService repositoryService) {
		List<String> expected = Stream.concat(filesOf("bpmn"), filesOf("forms")).toList();
		assertThat(expected).as("bpmn/ and forms/ are not empty").isNotEmpty();
		List<Deployment> deployments = repositoryService.createDeploymentQuery()
			.deploymentName(AUTO_DEPLOYMENT)
			.orderByDeploymentTime()
			.desc()
			.list();
		assertThat(deployments).as("the application's deployment").isNotEmpty();
		// Named by file name from a jar, by absolute path from target/classes: compare
		// file names.
		List<String> deployed = repositoryService.getDeploymentResourceNames(deployments.get(0).getId())
			.stream()
			.map((name) -> Path.of(name).getFileName().toString())
			.toList();
		assertThat(deployed).as("resources of the application's deployment").containsAll(expected);
		assertThat(repositoryService.createProcessDefinitionQuery().latestVersion().count())
			.as("every model deployed as a process definition or decision")
			.isPositive();
	}

	private static Stream<String> filesOf(String directory) {
		try (Stream<Path> files = Files.walk(Path.of(directory))) {
			return files.filter(Files::isRegularFile)
				// The Spring Boot auto-deployment names each resource by its file name.
				.map((file) -> file.getFileName().toString())
				.toList()
				.stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
