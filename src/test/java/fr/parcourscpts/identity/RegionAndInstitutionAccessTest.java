package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;

/**
 * An agent sees and completes only the tasks of their own institution and region. These
 * tests fail if the engine's authorization or tenant check is switched off.
 */
@ApplicationTest
class RegionAndInstitutionAccessTest {

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	RegionalTasksAccess tasks;

	@BeforeEach
	void setUp() {
		this.tasks = new RegionalTasksAccess(this.engine);
	}

	@AfterEach
	void tearDown() {
		this.tasks.clearAuthentication();
	}

	@Test
	void arsAgentSeesAndCompletesATaskOfTheirOwnRegion() {
		Task occitanie = this.tasks.startTaskFor("ars", Region.OCCITANIE);

		this.tasks.authenticateAs("ars.76");
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(occitanie.getId()).count()).isEqualTo(1);
		this.engine.getTaskService().complete(occitanie.getId());
		this.tasks.clearAuthentication();

		assertThat(this.engine.getTaskService().createTaskQuery().taskId(occitanie.getId()).count()).isZero();
	}

	@Test
	void arsAgentOfOccitanieNeitherSeesNorCompletesATaskOfPaysDeLaLoire() {
		Task paysDeLaLoire = this.tasks.startTaskFor("ars", Region.PAYS_DE_LA_LOIRE);

		this.tasks.authenticateAs("ars.76");
		assertThat(this.engine.getTaskService().createTaskQuery().list()).extracting(Task::getId)
			.doesNotContain(paysDeLaLoire.getId());
		assertThatThrownBy(() -> this.engine.getTaskService().complete(paysDeLaLoire.getId()))
			.hasMessageContaining("Tâche introuvable");
		this.tasks.clearAuthentication();

		assertThat(this.engine.getTaskService().createTaskQuery().taskId(paysDeLaLoire.getId()).count())
			.as("the task of region 52 is still open")
			.isEqualTo(1);
	}

	@Test
	void urpsAgentCannotCompleteAnArsTaskOfTheirOwnRegion() {
		Task arsTask = this.tasks.startTaskFor("ars", Region.OCCITANIE);

		this.tasks.authenticateAs("urps-medecins.76");
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(arsTask.getId()).count()).isZero();
		// Not a task of theirs: the engine's guard answers "not found", as for any task
		// they cannot see.
		assertThatThrownBy(() -> this.engine.getTaskService().complete(arsTask.getId()))
			.hasMessageContaining("Tâche introuvable");
	}

	@Test
	void restApiKeepsEachAgentToTheirRegion() throws Exception {
		Task occitanie = this.tasks.startTaskFor("ars", Region.OCCITANIE);
		Task paysDeLaLoire = this.tasks.startTaskFor("ars", Region.PAYS_DE_LA_LOIRE);

		HttpResponse<String> list = call("GET", "/engine-rest/task?candidateGroup=ars", "ars.76");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(occitanie.getId()).doesNotContain(paysDeLaLoire.getId());

		HttpResponse<String> complete = call("POST", "/engine-rest/task/" + paysDeLaLoire.getId() + "/complete",
				"ars.76");
		// Refused inside the engine (its JSON error), not by a CSRF filter: a task of
		// another region is "not found", which tells nothing of its existence.
		assertThat(complete.statusCode()).isEqualTo(404);
		assertThat(complete.body()).contains("\"type\"").contains("Tâche introuvable");
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(paysDeLaLoire.getId()).count()).isEqualTo(1);
	}

	@Test
	void restApiLetsAnAgentCompleteATaskOfTheirRegionWithBasicCredentials() throws Exception {
		Task occitanie = this.tasks.startTaskFor("ars", Region.OCCITANIE);

		HttpResponse<String> complete = call("POST", "/engine-rest/task/" + occitanie.getId() + "/complete", "ars.76");

		assertThat(complete.statusCode()).as(complete.body()).isEqualTo(204);
		assertThat(complete.headers().firstValue("Set-Cookie")).as("the REST API keeps no session").isEmpty();
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(occitanie.getId()).count()).isZero();
	}

	@Test
	void nationalAdministratorSeesEveryRegionThroughTheRestApi() throws Exception {
		Task occitanie = this.tasks.startTaskFor("ars", Region.OCCITANIE);
		Task hautsDeFrance = this.tasks.startTaskFor("cpam", Region.HAUTS_DE_FRANCE);

		HttpResponse<String> definitions = call("GET", "/engine-rest/process-definition", "admin");
		assertThat(definitions.statusCode()).isEqualTo(200);
		assertThat(definitions.body()).contains("\"key\":\"cpts-creation\"");
		HttpResponse<String> tasks = call("GET", "/engine-rest/task", "admin");
		assertThat(tasks.body()).contains(occitanie.getId()).contains(hautsDeFrance.getId());
	}

	@Test
	void anonymousCallToTheRestApiIsRefused() throws Exception {
		HttpResponse<String> response = call("GET", "/engine-rest/task", null);
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordOnTheRestApiIsRefused() throws Exception {
		// the same account with its own password first: a 401 below then comes from the
		// password, not from a request that carried no credentials
		assertThat(BasicHttp.local(this.port).get("/engine-rest/task").as("cpam.52").send().statusCode())
			.isEqualTo(200);
		HttpResponse<String> response = BasicHttp.local(this.port)
			.get("/engine-rest/task")
			// Another account than the other tests: failed logins lock an account for a
			// while.
			.as("cpam.52", "pas-le-bon")
			.send();
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> call(String method, String path, String user) throws Exception {
		return BasicHttp.local(this.port)
			.call(method, path)
			.as(user)
			.body("application/json", "POST".equals(method) ? "{}" : null)
			.send();
	}

}
