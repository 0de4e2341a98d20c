package fr.parcourscpts.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;

/**
 * The purge of the application's rows of a dossier whose retention has passed, on H2 (the
 * same on PostgreSQL: {@code PurgeDossiersPostgresIT}).
 */
@ApplicationTest
class PurgeDossiersTest {

	@Autowired
	PurgeDossiers purge;

	@Autowired
	DataSource dataSource;

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	DossiersEchus dossiers;

	@BeforeEach
	void fixture() {
		this.dossiers = new DossiersEchus(this.dataSource, this.engine);
	}

	@Test
	void everyTableLinkedToADossierIsPurgedByAModuleAndFilledByTheFixture() throws Exception {
		var liees = DossiersEchus.tablesLieesAuDossier(this.dataSource);

		// what the migrations made today: a new table linked to a dossier must be added
		// here
		// on purpose, and to a module's DonneesDossier
		assertThat(liees).contains("dossier", "dossier_membre", "invitation", "lettre_intention", "piece_jointe",
				"note_dossier", "message_dossier", "message_piece", "courriel", "courriel_piece_jointe",
				"courriel_resume", "document", "accompagnement", "commentaire_accompagnement");
		assertThat(this.purge.tables()).containsAll(liees).doesNotHaveDuplicates();
		assertThat(this.dossiers.lignes(this.dossiers.termine(Period.ofYears(1))).keySet()).containsAll(liees);
	}

	@Test
	void aDossierEndedElevenYearsAgoLosesAllItsRowsAndOneEndedTodayKeepsThem() {
		Dossiers.Dossier ancien = this.dossiers.termine(Period.ofYears(11));
		Dossiers.Dossier recent = this.dossiers.termine(Period.ZERO);
		assertThat(this.dossiers.lignes(ancien).values()).allMatch((n) -> n > 0);
		Map<String, Integer> avant = this.dossiers.lignes(recent);
		assertThat(avant.values()).allMatch((n) -> n > 0);

		PurgeDossiers.Passage passage = this.purge.purger();

		assertThat(this.dossiers.lignes(ancien)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
		assertThat(this.dossiers.lignes(recent)).isEqualTo(avant);
		assertThat(passage.purges()).isPositive();
		assertThat(passage.lignes()).isGreaterThanOrEqualTo(avant.size());
		// the process's start added its own receipt and mail: at least the fixture's rows
		// whole table names, in whichever order the modules come
		assertThat(", " + passage.detail()).contains(", dossier 1", ", piece_jointe 1", ", courriel_piece_jointe ")
			.doesNotContain(ancien.reference());
		assertThat(this.purge.derniers(1)).singleElement()
			.satisfies((enregistre) -> assertThat(enregistre).usingRecursiveComparison()
				.ignoringFields("debut", "fin")
				.isEqualTo(passage));
	}

	@Test
	void aDossierCreatedElevenYearsAgoWhoseProcessStillRunsIsKept() {
		Dossiers.Dossier enCours = this.dossiers.enCours(Period.ofYears(11));
		Map<String, Integer> avant = this.dossiers.lignes(enCours);

		this.purge.purger();

		assertThat(this.dossiers.lignes(enCours)).isEqualTo(avant);
		assertThat(avant.get("dossier")).isOne();
	}

	@Test
	void aDossierEndedLongAgoButCreatedWithinTheRetentionIsKept() {
		// the process ended 11 years ago (its history says so) but the dossier row is
		// recent:
		// the purge waits for both, the row standing for the history once the engine
		// cleaned it
		Dossiers.Dossier ancien = this.dossiers.termine(Period.ofYears(11));
		var jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("update dossier set created_at = current_timestamp where id = :id").param("id", ancien.id()).update();

		this.purge.purger();

		assertThat(this.dossiers.lignes(ancien).get("dossier")).isOne();
	}

	@Test
	void administratorsSeeTheRunsCountsAndNobodyElse() throws Exception {
		Dossiers.Dossier ancien = this.dossiers.termine(Period.ofYears(11));
		this.purge.purger();

		HttpResponse<String> national = get("/admin/purges", "admin");
		assertThat(national.statusCode()).isEqualTo(200);
		assertThat(national.body())
			.contains("Purge des dossiers", "jours après la fin du dossier", "Dossiers purgés", "piece_jointe")
			.doesNotContain(ancien.reference());
		assertThat(get("/admin/purges", "admin.76").statusCode()).isEqualTo(200);
		// hostile: an agent and a porteur
		assertThat(get("/admin/purges", "ars.76").statusCode()).isEqualTo(403);
		assertThat(get("/admin/purges", "porteur.76").statusCode()).isEqualTo(403);
	}

	@Test
	void mailsAboutNoDossierLeaveSixMonthsAfterTheyWereWrittenUnlessStillWaitingToBeSent() {
		OffsetDateTime maintenant = OffsetDateTime.now();
		long envoye = courriel(null, "SENT", maintenant.minusMonths(7));
		long echoue = courriel(null, "FAILED", maintenant.minusMonths(7));
		long enAttente = courriel(null, "PENDING", maintenant.minusMonths(7));
		long recent = courriel(null, "SENT", maintenant.minusMonths(5));
		// a mail of a dossier still kept: it leaves with its dossier, not after 6 months
		Dossiers.Dossier dossier = this.dossiers.termine(Period.ZERO);
		long duDossier = courriel(dossier.reference(), "SENT", maintenant.minusMonths(7));
		var jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("""
				insert into courriel_piece_jointe (courriel_id, nom_fichier, content_type, contenu)
				values (:id, 'jeton.txt', 'text/plain', X'00')""").param("id", envoye).update();

		PurgeDossiers.Passage passage = this.purge.purger();

		assertThat(jdbc.sql("select id from courriel where id in (:ids)")
			.param("ids", List.of(envoye, echoue, enAttente, recent, duDossier))
			.query(Long.class)
			.list()).containsExactlyInAnyOrder(enAttente, recent, duDossier);
		assertThat(jdbc.sql("select count(*) from courriel_piece_jointe where courriel_id = :id")
			.param("id", envoye)
			.query(Long.class)
			.single()).isZero();
		assertThat(passage.detail()).containsPattern("courriel \\(sans dossier\\) ([2-9]|\\d{2,})")
			.contains("courriel_piece_jointe (sans dossier) ");
	}

	/** A mail of the outbox, as MailOutbox writes it, of that status and age. */
	private long courriel(String reference, String statut, OffsetDateTime creeLe) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		JdbcClient.create(this.dataSource)
			.sql("""
					insert into courriel (destinataires, sujet, modele, corps_html, corps_texte, reference, statut,
					                      tentatives, prochain_essai, created_at, sent_at)
					values ('compte@exemple.fr', 'Confirmez votre adresse', 'confirmationCompte', '<p>lien</p>', 'lien',
					        :reference, :statut, 1, :creeLe, :creeLe, :envoyeLe)""")
			.param("reference", reference)
			.param("statut", statut)
			.param("creeLe", creeLe)
			.param("envoyeLe", "SENT".equals(statut) ? creeLe : null)
			.update(key, "id");
		return key.getKey().longValue();
	}

	@Test
	void theRetentionIsTheCreationModelsTimeToLive() {
		assertThat(this.purge.retention()).hasValueSatisfying((d) -> assertThat(d.toDays()).isEqualTo(3650));
	}

	@Test
	void theWindowIsTheHistoryCleanupsAndMayPassMidnight() {
		PurgeSchedule.Fenetre nuit = PurgeSchedule.Fenetre.of("22:00+0100", "06:00+0100");
		ZoneOffset paris = ZoneOffset.ofHours(1);

		assertThat(nuit.contient(ZonedDateTime.of(2026, 12, 2, 23, 0, 0, 0, paris))).isTrue();
		assertThat(nuit.contient(ZonedDateTime.of(2026, 12, 2, 5, 59, 0, 0, paris))).isTrue();
		assertThat(nuit.contient(ZonedDateTime.of(2026, 12, 2, 6, 0, 0, 0, paris))).isFalse();
		assertThat(nuit.contient(ZonedDateTime.of(2026, 12, 2, 14, 0, 0, 0, paris))).isFalse();
		assertThat(PurgeSchedule.Fenetre.of("01:00", "03:00").contient(ZonedDateTime.now().withHour(2))).isTrue();
		assertThat(PurgeSchedule.Fenetre.of(null, null)).isNull();
	}

	private HttpResponse<String> get(String path, String user) throws Exception {
		return BasicHttp.local(this.port).get(path).as(user).send();
	}

}
