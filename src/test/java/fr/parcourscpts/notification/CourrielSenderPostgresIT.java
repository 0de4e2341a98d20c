package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import fr.parcourscpts.system.PostgresMigre;

/**
 * The sender on real PostgreSQL, without a Spring context (no second engine): the
 * application's migrations, then several senders at once on the same outbox, as several
 * nodes would run. {@code FOR UPDATE SKIP LOCKED} must hand each mail to exactly one.
 */
class CourrielSenderPostgresIT {

	static EmbeddedPostgres postgres;

	static GreenMail greenMail;

	static DataSource dataSource;

	@BeforeAll
	static void start() throws Exception {
		postgres = PostgresMigre.demarrer();
		dataSource = postgres.getPostgresDatabase();
		greenMail = new GreenMail(new ServerSetup(3026, null, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
	}

	@AfterAll
	static void stop() throws Exception {
		greenMail.stop();
		postgres.close();
	}

	@Test
	void concurrentSendersDeliverEveryMailExactlyOnce() throws Exception {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		int mails = 40;
		for (int i = 0; i < mails; i++) {
			jdbc.sql("""
					insert into courriel (destinataires, sujet, modele, corps_html, corps_texte, statut, tentatives,
					                      prochain_essai, created_at)
					values (:to, :subject, 'evenement', '<p>html</p>', 'texte', 'PENDING', 0, :now, :now)
					""")
				.param("to", "agent" + i + "@exemple.fr")
				.param("subject", "Courriel " + i)
				.param("now", OffsetDateTime.now().minusSeconds(1))
				.update();
		}
		List<Callable<Integer>> senders = new ArrayList<>();
		for (int node = 0; node < 3; node++) {
			CourrielSender sender = newSender();
			senders.add(sender::sendDue);
		}
		ExecutorService pool = Executors.newFixedThreadPool(3);
		int sent = 0;
		try {
			for (Future<Integer> result : pool.invokeAll(senders)) {
				sent += result.get();
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(sent).isEqualTo(mails);
		assertThat(greenMail.getReceivedMessages()).hasSize(mails);
		assertThat(CourrielsFixtures.recipients(greenMail.getReceivedMessages())).doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from courriel where statut = 'SENT' and tentatives = 1")
			.query(Integer.class)
			.single()).isEqualTo(mails);
	}

	private static CourrielSender newSender() {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("localhost");
		mail.setPort(3026);
		return new CourrielSender(JdbcClient.create(dataSource), mail, new DataSourceTransactionManager(dataSource),
				// its mails attach no official document
				new CourrielsProperties(), dataSource, null);
	}

}
