package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

@ApplicationTest
class MailOutboxTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	MailOutbox outbox;

	@Autowired
	CourrielSender sender;

	@Autowired
	CourrielsProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void emptyOutbox() {
		new CourrielsFixtures(this.jdbc, this.members).emptyOutbox();
	}

	@Test
	void aMailEnqueuedInARolledBackStepIsNeitherRecordedNorSent() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		assertThatThrownBy(() -> transaction.executeWithoutResult((status) -> {
			this.outbox.enqueue(mail("alice@exemple.fr", "Étape annulée"));
			throw new IllegalStateException("la décision échoue après la notification");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(count(null)).isZero();
		assertThat(this.sender.sendDue()).isZero();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void aCommittedMailIsSentOnceWithBothPartsAndMarkedSent() throws Exception {
		this.outbox.enqueue(mail("alice@exemple.fr", "Bienvenue"));
		assertThat(greenMail.getReceivedMessages()).as("nothing leaves before the sender runs").isEmpty();

		assertThat(this.sender.sendDue()).isEqualTo(1);
		assertThat(this.sender.sendDue()).isZero();

		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Bienvenue");
		assertThat(GreenMailUtil.getBody(received[0])).contains("CPTS-76-2026-0001");
		assertThat(count(MailOutbox.SENT)).isEqualTo(1);
	}

	@Test
	void smtpDownForAnHourThenEveryMailLeavesExactlyOnce() throws Exception {
		greenMail.stop();
		for (int i = 1; i <= 3; i++) {
			this.outbox.enqueue(mail("agent" + i + "@exemple.fr", "Courriel " + i));
		}

		assertThat(this.sender.sendDue()).isZero();
		List<Map<String, Object>> rows = this.jdbc
			.sql("select statut, tentatives, prochain_essai, derniere_erreur from courriel")
			.query()
			.listOfRows();
		assertThat(rows).hasSize(3).allSatisfy((row) -> {
			assertThat(row.get("STATUT")).isEqualTo(MailOutbox.PENDING);
			assertThat(row.get("TENTATIVES")).isEqualTo(1);
			assertThat((String) row.get("DERNIERE_ERREUR")).isNotBlank();
		});
		OffsetDateTime next = this.jdbc.sql("select min(prochain_essai) from courriel")
			.query(OffsetDateTime.class)
			.single();
		assertThat(Duration.between(OffsetDateTime.now(), next)).as("first backoff: one minute")
			.isBetween(Duration.ofSeconds(45), Duration.ofSeconds(61));

		// Within the backoff, nothing is tried again.
		assertThat(this.sender.sendDue()).isZero();
		assertThat(this.jdbc.sql("select max(tentatives) from courriel").query(Integer.class).single()).isEqualTo(1);

		// Still down at the next attempts: the wait doubles.
		makeDue();
		assertThat(this.sender.sendDue()).isZero();
		OffsetDateTime second = this.jdbc.sql("select min(prochain_essai) from courriel")
			.query(OffsetDateTime.class)
			.single();
		assertThat(Duration.between(OffsetDateTime.now(), second)).isBetween(Duration.ofSeconds(105),
				Duration.ofSeconds(121));

		// An hour later the server is back and the backoff has expired.
		greenMail.start();
		makeDue();
		assertThat(this.sender.sendDue()).isEqualTo(3);
		makeDue();
		assertThat(this.sender.sendDue()).isZero();

		assertThat(CourrielsFixtures.recipients(greenMail.getReceivedMessages()))
			.containsExactlyInAnyOrder("agent1@exemple.fr", "agent2@exemple.fr", "agent3@exemple.fr");
		assertThat(count(MailOutbox.SENT)).isEqualTo(3);
	}

	@Test
	void afterTheLastAttemptTheMailIsFailedUntilAnAdministratorResendsIt() {
		greenMail.stop();
		this.outbox.enqueue(mail("alice@exemple.fr", "Jamais parti"));
		this.jdbc.sql("update courriel set tentatives = :n")
			.param("n", this.properties.getTentativesMax() - 1)
			.update();

		assertThat(this.sender.sendDue()).isZero();
		assertThat(count(MailOutbox.FAILED)).isEqualTo(1);
		makeDue();
		assertThat(this.sender.sendDue()).as("a failed mail is not retried on its own").isZero();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void backoffDoublesFromTheBaseUpToTheMaximum() {
		CourrielsProperties defaults = new CourrielsProperties();
		assertThat(defaults.attenteApres(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(defaults.attenteApres(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(defaults.attenteApres(6)).isEqualTo(Duration.ofMinutes(32));
		assertThat(defaults.attenteApres(7)).isEqualTo(Duration.ofHours(1));
		assertThat(defaults.attenteApres(50)).isEqualTo(Duration.ofHours(1));
	}

	private void makeDue() {
		this.jdbc.sql("update courriel set prochain_essai = :past")
			.param("past", OffsetDateTime.now().minusSeconds(1))
			.update();
	}

	private int count(String status) {
		return (status == null) ? this.jdbc.sql("select count(*) from courriel").query(Integer.class).single()
				: this.jdbc.sql("select count(*) from courriel where statut = :s")
					.param("s", status)
					.query(Integer.class)
					.single();
	}

	private static OutgoingMail mail(String to, String subject) {
		return OutgoingMail.of(to, subject, "evenement",
				Map.of("reference", "CPTS-76-2026-0001", "nomCpts", "CPTS du Lauragais", "libelle", "Test", "lien",
						"http://localhost:8080/", "agent", false, "donnees", Map.of()));
	}

}
