package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A porteur never reaches the engine: not its REST API, not the webapps nor their API,
 * whatever task it holds; and, should a door be forgotten, the engine itself refuses a
 * porteur's command.
 */
@ApplicationTest
class PorteursHorsDuMoteurTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	WebApplicationContext context;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@AfterEach
	void clear() {
		this.engine.getIdentityService().clearAuthentication();
	}

	@Test
	void porteurIsRefusedOnEveryEngineRestCallEvenOnItsOwnTask() throws Exception {
		String pi = this.fixtures.avant("cpts-creation", "deposerProjetSante", "76", Map.of());
		Task depot = this.fixtures.tache(pi, "deposerProjetSante");
		assertThat(depot.getAssignee()).isEqualTo("porteur.76");

		List<String[]> attempts = List.of(new String[] { "GET", "/task", null },
				new String[] { "GET", "/task/" + depot.getId() + "/variables", null },
				new String[] { "PUT", "/task/" + depot.getId() + "/variables/population",
						"{\"value\":600000,\"type\":\"Long\"}" },
				new String[] { "PUT", "/task/" + depot.getId() + "/variables/dateValidationTacite",
						"{\"value\":\"2020-01-01T00:00:00.000+0100\",\"type\":\"Date\"}" },
				new String[] { "POST", "/task/" + depot.getId() + "/complete", "{}" },
				new String[] { "POST", "/task/" + depot.getId() + "/identity-links",
						"{\"groupId\":\"ars\",\"type\":\"candidate\"}" },
				new String[] { "POST", "/task/" + depot.getId() + "/assignee", "{\"userId\":\"ars.76\"}" },
				new String[] { "PUT", "/user/porteur.76/profile",
						"{\"id\":\"porteur.76\",\"email\":\"pirate@exemple.invalid\"}" },
				new String[] { "GET", "/user", null });
		for (String[] attempt : attempts) {
			HttpResponse<String> response = this.fixtures.rest(attempt[0], attempt[1], "porteur.76", attempt[2]);
			boolean refused = response.statusCode() == 403;
			AbuseSuite.attempt("porteur sur le moteur", attempt[0] + " /engine-rest" + attempt[1], refused);
			assertThat(response.statusCode()).as(attempt[0] + " " + attempt[1]).isEqualTo(403);
		}

		assertThat(this.engine.getTaskService().createTaskQuery().taskId(depot.getId()).count())
			.as("the deposit is still to be done")
			.isEqualTo(1);
		assertThat(this.engine.getRuntimeService().getVariable(pi, "population")).isEqualTo(120_000L);
		assertThat(this.engine.getTaskService().getIdentityLinksForTask(depot.getId()))
			.noneMatch((link) -> "ars".equals(link.getGroupId()));
		assertThat(this.engine.getIdentityService().createUserQuery().userId("porteur.76").singleResult().getEmail())
			.isNotEqualTo("pirate@exemple.invalid");
	}

	@Test
	void porteurIsRefusedOnTheWebappsAndTheirEngineApi() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
		for (String path : List.of("/camunda/app/tasklist/default/", "/camunda/api/engine/engine/default/task",
				"/camunda/api/admin/auth/user/default")) {
			int status = mvc.perform(get(path).with(user("porteur.76").authorities(() -> "GROUP_porteurs")))
				.andReturn()
				.getResponse()
				.getStatus();
			AbuseSuite.attempt("porteur sur le moteur", "GET " + path, status == 403);
			assertThat(status).as(path).isEqualTo(403);
		}
		int status = mvc
			.perform(post("/camunda/api/engine/engine/default/task/x/complete")
				.with(user("porteur.76").authorities(() -> "GROUP_porteurs"))
				.contentType("application/json")
				.content("{}"))
			.andReturn()
			.getResponse()
			.getStatus();
		AbuseSuite.attempt("porteur sur le moteur", "POST /camunda/api/engine/.../complete", status == 403);
		assertThat(status).isEqualTo(403);
	}

	@Test
	void theEngineItselfRefusesACommandOfAPorteur() {
		String pi = this.fixtures.avant("cpts-creation", "deposerProjetSante", "76", Map.of());
		Task depot = this.fixtures.tache(pi, "deposerProjetSante");

		this.engine.getIdentityService().setAuthentication("porteur.76", List.of("porteurs"), List.of("76"));
		boolean refused = false;
		try {
			assertThatThrownBy(() -> this.engine.getTaskService().complete(depot.getId()))
				.isInstanceOf(AuthorizationException.class)
				.hasMessageContaining("portail");
			assertThatThrownBy(() -> this.engine.getTaskService().createTaskQuery().list())
				.isInstanceOf(AuthorizationException.class);
			refused = true;
		}
		finally {
			AbuseSuite.attempt("porteur sur le moteur", "commande du moteur par un porteur (API Java)", refused);
		}
		this.engine.getIdentityService().clearAuthentication();
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(depot.getId()).count()).isEqualTo(1);
	}

}
