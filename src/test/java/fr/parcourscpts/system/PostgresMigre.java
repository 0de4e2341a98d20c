package fr.parcourscpts.system;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL (embedded) with the application's tables and nothing else, for the
 * {@code *IT} that test SQL without the whole application: the migrations applied as
 * Flyway applies them at start ({@code spring.flyway.*} in {@code application.yml}).
 */
public final class PostgresMigre {

	private PostgresMigre() {
	}

	/** A new server, migrated; the caller closes it. */
	public static EmbeddedPostgres demarrer() throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
		Flyway.configure()
			.dataSource(postgres.getPostgresDatabase())
			.locations("classpath:db/migration")
			.table("parcours_schema_history")
			.load()
			.migrate();
		return postgres;
	}

}
