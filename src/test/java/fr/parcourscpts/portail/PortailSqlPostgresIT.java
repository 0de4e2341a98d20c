package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.system.PostgresMigre;

/**
 * The portal's SQL on real PostgreSQL, without Spring nor engine (one engine per JVM is
 * enough): the migrations, then the lettres and their attachments read and written as the
 * portal does.
 */
class PortailSqlPostgresIT {

	static EmbeddedPostgres postgres;

	static JdbcClient jdbc;

	@BeforeAll
	static void migrate() throws Exception {
		postgres = PostgresMigre.demarrer();
		jdbc = JdbcClient.create(postgres.getPostgresDatabase());
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void lettresAndAttachmentsRoundTrip() {
		Lettres lettres = lettres(jdbc, postgres.getPostgresDatabase());
		LettreForm form = new LettreForm();
		form.setNomCpts("CPTS sur PostgreSQL");
		form.setCommunes("31555, 31069, pas-un-code");
		form.setBesoins("Des besoins.");
		form.setMissionParcours(true);
		form.setProfessionnels(Map.of("infirmiers", "12"));
		form.setMontantFirDemande("1000");
		form.setLignesBudget(List.of(new LettreForm.LigneBudget("Réunions", "1000")));
		long id = lettres.create("porteur.76", form);

		Lettres.Lettre lettre = lettres.find(id).orElseThrow();
		assertThat(lettre.brouillon()).isTrue();
		assertThat(lettre.form().getCommunes()).isEqualTo("31555, 31069, pas-un-code");
		assertThat(lettre.form().getProfessionnels()).containsEntry("infirmiers", "12");
		assertThat(lettre.form().getLignesBudget()).singleElement()
			.satisfies((ligne) -> assertThat(ligne.getMontant()).isEqualTo("1000"));
		assertThat(lettre.form().isMissionParcours()).isTrue();
		assertThat(lettres.visibleTo("porteur.76")).extracting(Lettres.Lettre::id).contains(id);

		// sent: a dossier, then the overlap seen from another lettre
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into dossier (reference, region, nom_cpts, porteur, created_at) "
				+ "values ('CPTS-76-2026-0001', '76', 'CPTS', 'porteur.76', :at)")
			.param("at", OffsetDateTime.now())
			.update(keys, "id");
		long dossier = keys.getKeyAs(Number.class).longValue();
		lettres.markSent(id, dossier);
		assertThatThrownBy(() -> lettres.markSent(id, dossier)).isInstanceOf(IllegalStateException.class);
		long autre = lettres.create("porteur.52", new LettreForm());
		assertThat(lettres.overlaps(autre, List.of("31555", "44109")))
			.isEqualTo(Map.of("31555", List.of("CPTS-76-2026-0001")));

		PiecesJointes pieces = new PiecesJointes(jdbc, new Antivirus("", 3310, java.time.Duration.ofSeconds(1)),
				new org.springframework.jdbc.datasource.DataSourceTransactionManager(postgres.getPostgresDatabase()),
				new PiecesJointes.Limites(30, org.springframework.util.unit.DataSize.ofMegabytes(150),
						org.springframework.util.unit.DataSize.ofMegabytes(100)));
		long piece = pieces.ajouter(id, PiecesJointes.Categorie.LETTRE, "../été.pdf", PortailFixtures.pdf(),
				"porteur.76");
		assertThat(pieces.contenu(piece)).isEqualTo(PortailFixtures.pdf());
		assertThat(pieces.piece(id, piece)).hasValueSatisfying((p) -> {
			assertThat(p.nom()).isEqualTo("été.pdf");
			assertThat(p.sha256()).isEqualTo(PiecesJointes.sha256(PortailFixtures.pdf()));
		});
	}

	@Test
	void aSendThatWaitedForAnotherFindsTheLettreSentBeforeNumberingADossier() throws Exception {
		// one DataSource for the transactions and the statements, as in the application
		DataSource dataSource = postgres.getPostgresDatabase();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Lettres lettres = lettres(JdbcClient.create(dataSource), dataSource);
		long id = lettres.create("porteur.76", new LettreForm());
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into dossier (reference, region, nom_cpts, porteur, created_at) "
				+ "values ('CPTS-76-2026-0099', '76', 'CPTS', 'porteur.76', :at)")
			.param("at", OffsetDateTime.now())
			.update(keys, "id");
		long dossier = keys.getKeyAs(Number.class).longValue();

		CountDownLatch sentNotCommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult((status) -> {
			assertThat(lettres.lockDraft(id)).isTrue();
			lettres.markSent(id, dossier);
			sentNotCommitted.countDown();
			try {
				commit.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(sentNotCommitted.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Boolean> second = CompletableFuture
			.supplyAsync(() -> transaction.execute((status) -> lettres.lockDraft(id)));
		Thread.sleep(500);
		assertThat(second).as("the second send waits for the first's row lock").isNotDone();
		commit.countDown();
		first.get(10, TimeUnit.SECONDS);
		assertThat(second.get(10, TimeUnit.SECONDS)).as("then finds the lettre sent").isFalse();
	}

	private static Lettres lettres(JdbcClient jdbc, DataSource dataSource) {
		DossierMembers members = new DossierMembers(jdbc);
		return new Lettres(jdbc, new Dossiers(jdbc, members, new DataSourceTransactionManager(dataSource)), members);
	}

}
