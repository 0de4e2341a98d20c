package fr.parcourscpts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import fr.parcourscpts.system.PostgresMigre;

/**
 * The rate limiter on real PostgreSQL, without a Spring context (no second engine): the
 * application's migrations, then several limiters at once on the same counter, as several
 * nodes would run. No count may be lost, even when they all create the counter at the
 * same moment.
 */
class RateLimiterPostgresIT {

	static EmbeddedPostgres postgres;

	static DataSource dataSource;

	@BeforeAll
	static void start() throws Exception {
		postgres = PostgresMigre.demarrer();
		dataSource = postgres.getPostgresDatabase();
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void nodesCountingTheSameSubjectAtOnceLoseNoCount() throws Exception {
		RateLimitRule rule = new RateLimitRule("test-concurrence", 1000, Duration.ofHours(1), Duration.ofMinutes(1),
				Duration.ofMinutes(1));
		List<Callable<Boolean>> hits = new ArrayList<>();
		for (int node = 0; node < 4; node++) {
			RateLimiter limiter = limiter(Clock.systemUTC());
			for (int i = 0; i < 25; i++) {
				hits.add(() -> limiter.record(rule, "ars.76|203.0.113.9").allowed());
			}
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (Future<Boolean> hit : pool.invokeAll(hits)) {
				assertThat(hit.get()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(JdbcClient.create(dataSource)
			.sql("select nombre from limite where regle = 'test-concurrence'")
			.query(Integer.class)
			.single()).isEqualTo(100);
	}

	@Test
	void aBlockDoublesThenEndsByItselfAndAResetForgetsIt() {
		SettableClock clock = new SettableClock();
		RateLimiter limiter = limiter(clock);
		RateLimitRule rule = new RateLimitRule("test-blocage", 3, Duration.ofMinutes(15), Duration.ofMinutes(1),
				Duration.ofMinutes(15));
		String subject = "cpam.52|198.51.100.3";

		assertThat(limiter.record(rule, subject).blocked()).isFalse();
		assertThat(limiter.record(rule, subject).blocked()).isFalse();
		assertThat(limiter.record(rule, subject).blockedFor()).isEqualTo(Duration.ofMinutes(1));
		assertThat(limiter.record(rule, subject).allowed()).as("refused during the block, not counted").isFalse();
		assertThat(limiter.blocked(rule, subject)).isPresent();

		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(limiter.blocked(rule, subject)).isEmpty();
		limiter.record(rule, subject);
		limiter.record(rule, subject);
		assertThat(limiter.record(rule, subject).blockedFor()).isEqualTo(Duration.ofMinutes(2));

		limiter.reset(rule, subject);
		assertThat(limiter.blocked(rule, subject)).isEmpty();
		assertThat(limiter.record(rule, subject).blocked()).isFalse();
	}

	private static RateLimiter limiter(Clock clock) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", clock);
		return new RateLimiter(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
				beans.getBeanProvider(Clock.class));
	}

}
