package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;

@ApplicationTest
class ApplicationStartsTest {

	@Autowired
	RepositoryService repositoryService;

	@LocalServerPort
	int port;

	@Test
	void deploysEveryModelAndFormOfTheRepositoryInOneDeployment() {
		DeploymentAssertions.assertEveryModelAndFormDeployedTogether(this.repositoryService);
	}

	@Test
	void homePageTellsEachKindOfUserWhereToGo() throws Exception {
		HttpResponse<String> home = get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Parcours CPTS")
			.contains("Porteurs de projet")
			.contains("/camunda/app/tasklist/")
			.contains("/camunda/app/cockpit/")
			.contains("lang=\"fr\"");
	}

	@Test
	void healthIsPublic() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
