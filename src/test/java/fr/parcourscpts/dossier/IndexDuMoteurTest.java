package fr.parcourscpts.dossier;

import javax.sql.DataSource;

import fr.parcourscpts.ApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's additions to the engine's tables on H2, the fast suite's database: none
 * (they are PostgreSQL planner statistics), and the application starts without them.
 * {@code system/PostgresIT} checks them on PostgreSQL.
 */
@ApplicationTest
class IndexDuMoteurTest {

	@Autowired
	DataSource dataSource;

	@Test
	void addsNothingToTheEngineTablesOnH2() throws Exception {
		assertThat(IndexDuMoteur.location(this.dataSource)).isNull();
		assertThat(new JdbcTemplate(this.dataSource).queryForObject(
				"select count(*) from information_schema.tables where lower(table_name) = ?", Integer.class,
				IndexDuMoteur.HISTORY_TABLE))
			.isZero();
	}

}
