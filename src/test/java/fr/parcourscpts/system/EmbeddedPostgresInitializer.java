package fr.parcourscpts.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a real PostgreSQL server (embedded, no installation) for a Spring test context
 * and hands it to the application exactly as production does: through the environment
 * variables the {@code postgres} profile reads. The server is stopped with the context,
 * after every other bean (it is the first disposable bean registered).
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		EmbeddedPostgres postgres = start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embeddedPostgres",
					Map.of("PARCOURS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "PARCOURS_DB_USER",
							"postgres", "PARCOURS_DB_PASSWORD", "postgres")));
		context.getBeanFactory().registerSingleton("embeddedPostgres", postgres);
		((org.springframework.beans.factory.support.DefaultListableBeanFactory) context.getBeanFactory())
			.registerDisposableBean("embeddedPostgres", postgres::close);
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Impossible de démarrer PostgreSQL embarqué", ex);
		}
	}

}
