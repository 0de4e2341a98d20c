package fr.parcourscpts.agents;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.intention.CreationProcess;

/**
 * Not a test: the time of the list and of its export with many dossiers in one region,
 * printed as p50/p95. Its name keeps it out of the default run (Surefire runs
 * {@code *Test}); run it with
 * {@code ./mvnw -B -q test -Dtest=ListeDossiersBenchmark -Dbenchmark.dossiers=10000}. The
 * dossiers are inserted and their processes started where the list has something to show
 * (completeness, the ten URPS opinions, the FIR decision, the instruction), not sent
 * through the portal, which would take far longer than what is measured.
 */
@ApplicationTest
@Tag("benchmark")
class ListeDossiersBenchmark {

	private static final String[] ETAPES = { CreationProcess.VERIFIER_COMPLETUDE,
			CreationProcess.RECUEILLIR_AVIS_URPS + "#multiInstanceBody", CreationProcess.DECIDER_FINANCEMENT_FIR,
			CreationProcess.INSTRUIRE_PROJET_SANTE };

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RuntimeService runtime;

	@Autowired
	private ListeDossiers liste;

	@Autowired
	private ExportDossiers export;

	@Test
	void listOfTheRegion() {
		int nombre = Integer.getInteger("benchmark.dossiers", 2000);
		long debut = System.nanoTime();
		for (int i = 0; i < nombre; i++) {
			creer(i);
		}
		System.out.printf("%d dossiers created in %d s%n", nombre, (System.nanoTime() - debut) / 1_000_000_000);
		FiltreDossiers tous = FiltreDossiers.tous();
		FiltreDossiers filtre = new FiltreDossiers(null, true, true, "31", null, FiltreDossiers.Tri.NOM, false, 3, 25);
		mesurer("page 1, default order (admin.76)", () -> this.liste.page("admin.76", tous));
		mesurer("page 3, to do + due soon + département, by name (guichet.76)",
				() -> this.liste.page("guichet.76", filtre));
		mesurer("search by name (guichet.76)", () -> this.liste.page("guichet.76",
				new FiltreDossiers(null, false, false, null, "bench 12", null, false, 1, 25)));
		mesurer("CSV export of the region (admin.76)",
				() -> this.export.csv(this.liste.toutes("admin.76", tous)).length);
	}

	private void creer(int i) {
		String reference = "CPTS-76-2026-B%05d".formatted(i);
		Map<String, Object> variables = new HashMap<>();
		variables.put(CreationProcess.REFERENCE, reference);
		variables.put(CreationProcess.REGION, "76");
		variables.put(CreationProcess.DESTINATAIRE_LETTRE, "guichet-cpts");
		variables.put(CreationProcess.CONSULTATION_URPS, "dixUrps");
		variables.put(CreationProcess.DEPARTEMENT, (i % 3 == 0) ? "34" : "31");
		variables.put(CreationProcess.NOM_CPTS, "CPTS bench " + i);
		variables.put(CreationProcess.PORTEUR, "porteur.76");
		variables.put(CreationProcess.POPULATION, 120_000L);
		variables.put(CreationProcess.TAILLE_CPTS, 3);
		variables.put(CreationProcess.COMMUNES, "31555");
		variables.put(CreationProcess.MONTANT_FIR_DEMANDE, 50_000.0);
		String etape = ETAPES[i % ETAPES.length];
		if (etape.equals(CreationProcess.INSTRUIRE_PROJET_SANTE)) {
			java.util.Date date = new java.util.Date(System.currentTimeMillis() + (i % 60) * 86_400_000L);
			variables.put(CreationProcess.DATE_VALIDATION_TACITE, date);
			variables.put(CreationProcess.ECHEANCE_VALIDATION_TACITE, date);
			variables.put(CreationProcess.DATE_RAPPEL_VALIDATION_TACITE, date);
		}
		String id = this.runtime.createProcessInstanceByKey(CreationProcess.PROCESS_ID)
			.businessKey(reference)
			.setVariables(variables)
			.startBeforeActivity(etape)
			.execute()
			.getId();
		this.jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, process_instance_id, created_at)
				values (:reference, '76', :nom, 'porteur.76', :pi, :at)""")
			.param("reference", reference)
			.param("nom", "CPTS bench " + i)
			.param("pi", id)
			.param("at", OffsetDateTime.now())
			.update();
	}

	private static void mesurer(String quoi, java.util.function.Supplier<Object> action) {
		for (int i = 0; i < 3; i++) {
			action.get();
		}
		List<Long> durees = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long debut = System.nanoTime();
			action.get();
			durees.add((System.nanoTime() - debut) / 1_000_000);
		}
		long[] tri = durees.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("%-70s p50 %5d ms  p95 %5d ms  (%s)%n", quoi, tri[tri.length / 2],
				tri[(int) Math.ceil(tri.length * 0.95) - 1], Arrays.toString(tri));
		System.out.flush();
	}

}
