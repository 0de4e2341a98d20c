package fr.parcourscpts.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import fr.parcourscpts.system.PostgresApplicationTest;

/**
 * The purge on real PostgreSQL: every table linked to a dossier emptied of an expired
 * dossier's rows, a recent one kept, and two purges at once (two nodes) purging each
 * expired dossier exactly once ({@code FOR UPDATE SKIP LOCKED}).
 */
@PostgresApplicationTest
@TestPropertySource(properties = { "parcours.purge.planifiee=false", "parcours.purge.lot=3" })
class PurgeDossiersPostgresIT {

	@Autowired
	PurgeDossiers purge;

	@Autowired
	DataSource dataSource;

	@Autowired
	ProcessEngine engine;

	@Test
	void everyTableLinkedToADossierOnPostgresqlIsPurgedByAModule() throws Exception {
		var liees = DossiersEchus.tablesLieesAuDossier(this.dataSource);

		assertThat(liees).contains("dossier", "lettre_intention", "piece_jointe", "message_piece", "courriel",
				"courriel_piece_jointe", "document");
		assertThat(this.purge.tables()).containsAll(liees);
	}

	@Test
	void twoNodesPurgeEachExpiredDossierOnceAndKeepTheRecentOnes() throws Exception {
		DossiersEchus dossiers = new DossiersEchus(this.dataSource, this.engine);
		List<Dossiers.Dossier> anciens = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			anciens.add(dossiers.termine(Period.ofYears(11)));
		}
		Dossiers.Dossier recent = dossiers.termine(Period.ZERO);
		Dossiers.Dossier enCours = dossiers.enCours(Period.ofYears(11));
		Map<String, Integer> recentAvant = dossiers.lignes(recent);
		Map<String, Integer> enCoursAvant = dossiers.lignes(enCours);
		assertThat(dossiers.lignes(anciens.get(0)).keySet())
			.containsAll(DossiersEchus.tablesLieesAuDossier(this.dataSource));
		assertThat(dossiers.lignes(anciens.get(0)).values()).allMatch((n) -> n > 0);

		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Callable<PurgeDossiers.Passage>> noeuds = List.of(this.purge::purger, this.purge::purger);
		int purges = 0;
		try {
			for (Future<PurgeDossiers.Passage> passage : pool.invokeAll(noeuds)) {
				purges += passage.get().purges();
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(purges).isEqualTo(anciens.size());
		for (Dossiers.Dossier ancien : anciens) {
			assertThat(dossiers.lignes(ancien)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
		}
		assertThat(dossiers.lignes(recent)).isEqualTo(recentAvant);
		assertThat(dossiers.lignes(enCours)).isEqualTo(enCoursAvant);
		assertThat(this.purge.derniers(2)).hasSize(2);
	}

}
