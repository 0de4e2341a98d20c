package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

/**
 * The mails of the lettre name who has it in the dossier's region: the Guichet CPTS in
 * Occitanie, the ARS in Pays de la Loire (then the Inter-URPS) and in a region without
 * configuration.
 */
@ApplicationTest
class CourrielsDuParcoursRegionalTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CourrielSender sender;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@Autowired
	PlatformTransactionManager transactionManager;

	CourrielsFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CourrielsFixtures(this.jdbc, this.members);
		this.fixtures.emptyOutbox();
	}

	private String courrielAuPorteur(String reference, String region, String porteur, String evenement)
			throws Exception {
		this.fixtures.dossier(reference, region, porteur);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.events
			.publishEvent(new DossierNotified(reference, region, evenement, "porteur",
					Map.of("nomCpts", "CPTS " + reference, "motifCompletude", "Diagnostic manquant"), Instant.now())));
		this.sender.sendDue();
		MimeMessage mail = CourrielsFixtures.to(greenMail.getReceivedMessages(), porteur + "@demo.parcours-cpts.fr");
		return NotificationCourrielsTest.decoded(mail);
	}

	@Test
	void inOccitanieTheReceiptNamesTheGuichetAndTheTenUrps() throws Exception {
		String texte = courrielAuPorteur("CPTS-76-2026-8101", "76", "porteur.76", "lettreIntentionRecue");
		assertThat(texte).contains("Le Guichet CPTS (Occitanie) a reçu le").contains("l’avis des dix URPS");
	}

	@Test
	void inPaysDeLaLoireTheReceiptNamesTheArsThenTheInterUrps() throws Exception {
		String texte = courrielAuPorteur("CPTS-52-2026-8102", "52", "porteur.52", "lettreIntentionRecue");
		assertThat(texte).contains("L’Agence régionale de santé (Pays de la Loire) a reçu le")
			.contains("l’avis de l’Inter-URPS")
			.doesNotContain("Guichet");
	}

	@Test
	void inPaysDeLaLoireTheArsAsksForTheCorrections() throws Exception {
		String texte = courrielAuPorteur("CPTS-52-2026-8103", "52", "porteur.52", "correctionsLettreDemandees");
		assertThat(texte).contains("L’Agence régionale de santé de votre région demande des corrections")
			.contains("l’ARS la vérifiera de nouveau")
			.doesNotContain("Guichet");
	}

}
