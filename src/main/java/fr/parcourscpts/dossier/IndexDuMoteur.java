package fr.parcourscpts.dossier;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The service's own additions to the engine's tables ({@code act_ru_*}) for the queries
 * of the Tasklist filters at many open tasks: planner statistics on PostgreSQL
 * (docs/scale.md, "P2 at 10,000 and 100,000 open tasks"). Camunda creates its schema when
 * the process engine is built, after the application's Flyway migrations ran: a migration
 * of {@code db/migration} would find no {@code act_ru_*} table on a new database. These
 * ({@code db/moteur/<database>}) run in a second Flyway with a history table of their
 * own, once the engine, hence its schema, exists; each is written {@code if not exists},
 * so that a database changed by hand migrates too. Two nodes starting at once are
 * serialised by Flyway's lock. H2 (the tests, the demo) has none: its planner is another,
 * and it holds a few tasks.
 */
@Component
class IndexDuMoteur implements InitializingBean {

	static final String HISTORY_TABLE = "parcours_moteur_history";

	private final DataSource dataSource;

	/** The engine is a dependency only so that its schema exists before the migration. */
	IndexDuMoteur(ProcessEngine engine, DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		String location = location(this.dataSource);
		if (location != null) {
			flyway(this.dataSource, location).migrate();
		}
	}

	/** The migrations of this database, none for another than PostgreSQL. */
	static String location(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
					? "classpath:db/moteur/postgresql" : null;
		}
	}

	static Flyway flyway(DataSource dataSource, String location) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations(location)
			.table(HISTORY_TABLE)
			// the schema is not empty (the application's and the engine's tables)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
	}

}
