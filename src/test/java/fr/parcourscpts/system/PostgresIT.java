package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.parcourscpts.BasicHttp;
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

	/**
	 * application-postgres.yml plans each execution with its values
	 * ({@code plan_cache_mode=force_custom_plan}): the generic plan PostgreSQL would run
	 * from a prepared statement's sixth execution compared every task of the region with
	 * every authorization (docs/scale.md, "P2: the generic plan"). What the filter lists
	 * must not change with it: called more often than the driver's threshold, over HTTP
	 * as Tasklist calls it, "Tâches de mon institution" and {@code /engine-rest/task}
	 * give each Guichet agent the Guichet's tasks of their region only, never those of
	 * another region or another institution.
	 */
	@Test
	void plansEachExecutionOfTheFiltersWithItsOwnValuesAndKeepsEachAgentToTheirRegion() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
		createAgent("guichet.filtre.76", "guichet-cpts", Region.OCCITANIE);
		createAgent("guichet.filtre.52", "guichet-cpts", Region.PAYS_DE_LA_LOIRE);
		RegionalTasksAccess tasks = new RegionalTasksAccess(this.engine);
		String occitanie = tasks.startTaskFor("guichet-cpts", Region.OCCITANIE).getId();
		String occitanieClaimed = tasks.startTaskFor("guichet-cpts", Region.OCCITANIE).getId();
		this.engine.getTaskService().claim(occitanieClaimed, "guichet.filtre.76");
		String paysDeLaLoire = tasks.startTaskFor("guichet-cpts", Region.PAYS_DE_LA_LOIRE).getId();
		String arsOccitanie = tasks.startTaskFor("ars", Region.OCCITANIE).getId();
		String filter = this.engine.getFilterService()
			.createFilterQuery()
			.filterName("Tâches de mon institution")
			.singleResult()
			.getId();
		// 12 calls each: past the driver's 5 and PostgreSQL's 5 custom plans
		for (int i = 0; i < 12; i++) {
			assertThat(taskIds("POST", "/engine-rest/filter/" + filter + "/list", "guichet.filtre.76")).as("call %d", i)
				.contains(occitanie, occitanieClaimed)
				.doesNotContain(paysDeLaLoire, arsOccitanie);
			assertThat(taskIds("POST", "/engine-rest/filter/" + filter + "/list", "guichet.filtre.52")).as("call %d", i)
				.contains(paysDeLaLoire)
				.doesNotContain(occitanie, occitanieClaimed, arsOccitanie);
			assertThat(taskIds("GET", "/engine-rest/task?candidateGroup=guichet-cpts&includeAssignedTasks=true",
					"guichet.filtre.52"))
				.as("call %d", i)
				.contains(paysDeLaLoire)
				.doesNotContain(occitanie, occitanieClaimed, arsOccitanie);
			assertThat(taskIds("GET", "/engine-rest/task", "guichet.filtre.52")).as("call %d", i)
				.doesNotContain(occitanie, occitanieClaimed, arsOccitanie);
		}
	}

	/** The ids of the tasks a JSON list of tasks of the engine's REST API holds. */
	private List<String> taskIds(String method, String path, String user) throws Exception {
		BasicHttp.Call call = BasicHttp.local(this.port)
			.call(method, path)
			.as(user, "secret-de-test")
			.accept("application/json");
		if ("POST".equals(method)) {
			call.json("{}");
		}
		HttpResponse<String> response = call.send();
		assertThat(response.statusCode()).as(method + " " + path + " as " + user + ": " + response.body())
			.isEqualTo(200);
		List<String> ids = new ArrayList<>();
		for (JsonNode task : new ObjectMapper().readTree(response.body())) {
			ids.add(task.get("id").asText());
		}
		return ids;
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
