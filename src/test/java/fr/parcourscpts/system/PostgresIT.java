package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.parcourscpts.identity.Region;
import fr.parcourscpts.identity.RegionalTasksAccess;

/**
 * The application on real PostgreSQL, with the production profile: it starts, migrates,
 * deploys everything, keeps agents to their region, and has no demo account.
 */
@PostgresApplicationTest
class PostgresIT {

	@Autowired
	ProcessEngine engine;

	@Autowired
	DataSource dataSource;

	@LocalServerPort
	int port;

	@Test
	void runsOnPostgresql() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

	@Test
	void migratesTheApplicationTablesAndDeploysEveryModelAndForm() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("select count(*) from dossier", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("select max(version) from parcours_schema_history where success", String.class))
			.isNotBlank();
		DeploymentAssertions.assertEveryModelAndFormDeployedTogether(this.engine.getRepositoryService());
	}

	@Test
	void givesThePlannerStatisticsOnTheAuthorizationsOnceTheEngineSchemaExists() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// db/moteur/postgresql, run by dossier/IndexDuMoteur after the engine built
		// act_ru_*
		assertThat(jdbc.queryForList("select stxname from pg_statistic_ext where stxrelid = "
				+ "'act_ru_authorization'::regclass order by 1", String.class))
			.containsExactly("parcours_auth_perms_read", "parcours_auth_perms_read_history");
		assertThat(jdbc.queryForObject("select count(*) from parcours_moteur_history where success and version = '1'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void hasNoDemoAccount() {
		assertThat(this.engine.getIdentityService().createUserQuery().userId("ars.76").count()).isZero();
		assertThat(this.engine.getIdentityService().createUserQuery().memberOfGroup("porteurs").count())
			.as("no demo porteur")
			.isZero();
		assertThat(this.engine.getIdentityService().createUserQuery().userId("admin").count())
			.as("no administrator without PARCOURS_ADMIN_PASSWORD")
			.isZero();
		assertThat(this.engine.getIdentityService().createGroupQuery().groupId("ars").count()).isEqualTo(1);
	}

	@Test
	void keepsAnArsAgentToTheirRegion() {
		createAgent("agent.ars.76", "ars", Region.OCCITANIE);
		RegionalTasksAccess tasks = new RegionalTasksAccess(this.engine);
		Task paysDeLaLoire = tasks.startTaskFor("ars", Region.PAYS_DE_LA_LOIRE);
		Task occitanie = tasks.startTaskFor("ars", Region.OCCITANIE);
		try {
			tasks.authenticateAs("agent.ars.76");
			assertThat(this.engine.getTaskService().createTaskQuery().list()).extracting(Task::getId)
				.contains(occitanie.getId())
				.doesNotContain(paysDeLaLoire.getId());
			// The engine's guard: a task of another region is "not found".
			assertThatThrownBy(() -> this.engine.getTaskService().complete(paysDeLaLoire.getId()))
				.hasMessageContaining("Tâche introuvable");
		}
		finally {
			tasks.clearAuthentication();
		}
	}

	@Test
	void refusesAnonymousCallsToTheRestApi() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/engine-rest/task")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private void createAgent(String userId, String group, Region region) {
		IdentityService identity = this.engine.getIdentityService();
		User user = identity.newUser(userId);
		user.setPassword("secret-de-test");
		identity.saveUser(user);
		identity.createMembership(userId, group);
		identity.createTenantUserMembership(region.code(), userId);
	}

}
