package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.UserQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.notification.DossierNotified;
import fr.parcourscpts.system.PostgresMigre;

/**
 * The SQL of the messages on PostgreSQL: the migrations V41 and V42, the thread, the
 * attachments, the unread markers per side. The engine is absent: the institution in
 * charge is given.
 */
class MessageriePostgresIT {

	static EmbeddedPostgres postgres;

	static JdbcClient jdbc;

	static Messagerie messagerie;

	static final List<Object> events = new ArrayList<>();

	@BeforeAll
	static void migrate() throws Exception {
		postgres = PostgresMigre.demarrer();
		jdbc = JdbcClient.create(postgres.getPostgresDatabase());
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(postgres.getPostgresDatabase());
		PiecesJointes pieces = new PiecesJointes(jdbc, new Antivirus("", 3310, Duration.ofSeconds(1)), transactions,
				new PiecesJointes.Limites(30, DataSize.ofMegabytes(150), DataSize.ofMegabytes(100)));
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages-messagerie", "messages-portail");
		messages.setDefaultEncoding("UTF-8");
		// no user record: the author's name is their login
		IdentityService identity = mock(IdentityService.class);
		UserQuery users = mock(UserQuery.class);
		when(identity.createUserQuery()).thenReturn(users);
		when(users.userId(anyString())).thenReturn(users);
		messagerie = new Messagerie(jdbc, pieces, mock(TaskService.class), mock(HistoryService.class), identity,
				events::add, messages, transactions, "https://cpts.example.fr");
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void aThreadBothWaysWithItsAttachmentsAndUnreadMarkers() {
		String reference = "CPTS-76-2026-9901";
		jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, created_at)
				values (:r, '76', 'CPTS sur PostgreSQL', 'porteur.76', :at)""")
			.param("r", reference)
			.param("at", OffsetDateTime.now())
			.update();
		byte[] pdf = PdfHostiles.honnete();

		messagerie.ecrire(Messagerie.Cote.PORTEUR, Institution.GUICHET_CPTS, reference, "76", "porteur.76",
				"Une question sur le budget.", List.of(new MockMultipartFile("fichiers", "budget.pdf", null, pdf)));
		messagerie.ecrireAuNomDe(Institution.GUICHET_CPTS, reference, "76", "guichet.76", "Voici la réponse.", null);

		List<Messagerie.Message> fil = messagerie.fil(reference);
		assertThat(fil).extracting(Messagerie.Message::texte)
			.containsExactly("Une question sur le budget.", "Voici la réponse.");
		assertThat(fil.get(0).pieces()).singleElement().satisfies((piece) -> {
			assertThat(piece.nom()).isEqualTo("budget.pdf");
			assertThat(messagerie.piece(reference, piece.id())).get()
				.satisfies((fichier) -> assertThat(fichier.contenu()).isEqualTo(pdf));
			assertThat(messagerie.piece("CPTS-76-2026-0000", piece.id())).isEmpty();
		});
		assertThat(fil.get(0).envoyeLe().getZone().getId()).isEqualTo("Europe/Paris");
		assertThat(fil.get(0).auteurNom()).isEqualTo("porteur.76");
		assertThat(fil).noneMatch(Messagerie.Message::lu);
		assertThat(events).filteredOn(DossierNotified.class::isInstance)
			.extracting((event) -> ((DossierNotified) event).destinataires())
			.containsExactly("guichet-cpts", "porteur");

		// an URPS reading the thread does not read the Guichet's message
		assertThat(messagerie.luParLInstitution(reference, Set.of("urps-medecins"), "urps-medecins.76")).isZero();
		assertThat(messagerie.luParLInstitution(reference, Set.of("guichet-cpts"), "guichet.76")).isEqualTo(1);
		assertThat(messagerie.luParLePorteur(reference, "porteur.76")).isEqualTo(1);
		assertThat(messagerie.luParLePorteur(reference, "porteur.76")).isZero();
		assertThat(messagerie.fil(reference)).allMatch(Messagerie.Message::lu);
	}

}
