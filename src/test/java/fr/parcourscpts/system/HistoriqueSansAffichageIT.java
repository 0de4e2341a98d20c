package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL database made with history {@code full} (main before issue 12's P1) starts
 * with {@code full-sans-affichage}, and back: the level keeps the id stored in
 * {@code ACT_GE_PROPERTY}, which the engine compares at start.
 */
class HistoriqueSansAffichageIT {

	@Test
	void aDatabaseOfHistoryFullStartsWithTheLevelWithoutDisplayVariablesAndBack() throws Exception {
		Path jar = ApplicationEnfant.jar("HistoriqueSansAffichageIT");
		Path logs = Files.createDirectories(Path.of("target", "historique-it"));
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			Map<String, String> environment = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "PARCOURS_DB_URL",
					postgres.getJdbcUrl("postgres", "postgres"), "PARCOURS_DB_USER", "postgres", "PARCOURS_DB_PASSWORD",
					"postgres", "PARCOURS_ADMIN_PASSWORD", "Adm1n-Historique-IT!");
			String[] niveaux = { "full", HistoriqueSansAffichage.NAME, "full" };
			for (int n = 0; n < niveaux.length; n++) {
				ApplicationEnfant application = ApplicationEnfant.demarrer(jar, environment,
						logs.resolve(n + "-" + niveaux[n] + ".log"), Duration.ofSeconds(300),
						"--camunda.bpm.history-level=" + niveaux[n], "--parcours.courriels.envoi-planifie=false");
				try {
					assertThat(Files.readString(logs.resolve(n + "-" + niveaux[n] + ".log")))
						.doesNotContain("historyLevel mismatch");
					assertThat(historyLevel(postgres.getPostgresDatabase())).as(niveaux[n]).isEqualTo("3");
				}
				finally {
					application.stop();
				}
			}
		}
	}

	private static String historyLevel(DataSource database) throws Exception {
		try (Connection connection = database.getConnection();
				ResultSet row = connection.createStatement()
					.executeQuery("select value_ from act_ge_property where name_ = 'historyLevel'")) {
			return row.next() ? row.getString(1) : null;
		}
	}

}
