package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;

/**
 * Not a test: the time per mail of "a task waits for you" to the candidate agents of a
 * task, rendered for each agent (as the service did before issue 12's change) against
 * rendered once for all ({@link MailOutbox#enqueueEach}), each in one transaction,
 * alternated in the same run. Both record one mail per agent. Its name keeps it out of
 * the default run; run it with
 * {@code ./mvnw -q -o test -Dtest=CourrielsTacheBenchmark -Dbenchmark.agents=8}.
 */
@ApplicationTest
@Tag("benchmark")
class CourrielsTacheBenchmark {

	@Autowired
	private MailOutbox outbox;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void taskMailsRenderedForEachAgentAndOnce() throws IOException {
		int agents = Integer.getInteger("benchmark.agents", 8);
		int rounds = Integer.getInteger("benchmark.tours", 100);
		List<String> addresses = IntStream.range(0, agents).mapToObj((i) -> "agent" + i + "@ars.test").toList();
		Map<String, Object> model = Map.of("reference", "CPTS-76-2026-9002", "nomCpts", "CPTS du Lauragais", "region",
				"Occitanie", "tache", "Rendre l'avis de l'URPS sur la lettre d'intention", "lien",
				"http://localhost/agents/dossiers/CPTS-76-2026-9002", "lienTache", "http://localhost/camunda/tache",
				"agent", true, "creeeLe", new Date(), "echeance", new Date());
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		String subject = "CPTS-76-2026-9002 : une tâche vous attend";
		Runnable avant = () -> transactions.executeWithoutResult((status) -> addresses.forEach((to) -> this.outbox
			.enqueue(OutgoingMail.of(to, subject, "tacheEnAttente", model), "CPTS-76-2026-9002", "76")));
		Runnable apres = () -> transactions.executeWithoutResult((status) -> this.outbox.enqueueEach(
				new OutgoingMail(addresses, subject, "tacheEnAttente", model, List.of()), "CPTS-76-2026-9002", "76"));
		for (int i = 0; i < 20; i++) {
			avant.run();
			apres.run();
		}
		long tempsAvant = 0;
		long tempsApres = 0;
		for (int i = 0; i < rounds; i++) {
			long t0 = System.nanoTime();
			avant.run();
			long t1 = System.nanoTime();
			apres.run();
			long t2 = System.nanoTime();
			tempsAvant += t1 - t0;
			tempsApres += t2 - t1;
		}
		int mails = rounds * agents;
		System.out.printf(
				"Task mails to %d agents, %d rounds alternated: rendered for each agent %.2f ms a mail, "
						+ "rendered once %.2f ms a mail, ratio %.2f; load average %s%n",
				agents, rounds, tempsAvant / 1e6 / mails, tempsApres / 1e6 / mails, (double) tempsApres / tempsAvant,
				Files.readString(Path.of("/proc/loadavg")).trim());
		Long recorded = this.jdbc.sql("select count(*) from courriel where reference = 'CPTS-76-2026-9002'")
			.query(Long.class)
			.single();
		assertThat(recorded).isEqualTo(2L * (rounds + 20) * agents);
	}

}
