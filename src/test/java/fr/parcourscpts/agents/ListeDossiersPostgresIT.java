package fr.parcourscpts.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.system.EmbeddedPostgresInitializer;

/**
 * The list's SQL on the engine's tables, on real PostgreSQL: the step, the holder, the
 * legal deadline, the region and the search, as on H2.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListeDossiersPostgresIT {

	@Autowired
	private ListeDossiers liste;

	@Autowired
	private ExportDossiers export;

	@Autowired
	private IdentityService identity;

	@Autowired
	private RuntimeService runtime;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theListReadsTheEngineOnPostgresql() {
		agent("ars.pg76", "ars", "76");
		String fir = dossier("CPTS-76-2026-P0001", "76", CreationProcess.DECIDER_FINANCEMENT_FIR, Map.of());
		Date dans40 = new Date(System.currentTimeMillis() + 40L * 86_400_000L);
		dossier("CPTS-76-2026-P0002", "76", CreationProcess.INSTRUIRE_PROJET_SANTE,
				Map.of(CreationProcess.DATE_VALIDATION_TACITE, dans40, CreationProcess.ECHEANCE_VALIDATION_TACITE,
						dans40, CreationProcess.DATE_RAPPEL_VALIDATION_TACITE, dans40));
		dossier("CPTS-52-2026-P0003", "52", CreationProcess.DECIDER_FINANCEMENT_FIR, Map.of());

		List<LigneDossier> lignes = this.liste.toutes("ars.pg76", FiltreDossiers.tous());

		assertThat(lignes).extracting(LigneDossier::reference).containsExactly(fir);
		LigneDossier ligne = lignes.get(0);
		assertThat(ligne.etape()).isEqualTo(CreationProcess.DECIDER_FINANCEMENT_FIR);
		assertThat(ligne.groupe()).isEqualTo("ars");
		assertThat(ligne.aTraiter()).isTrue();
		assertThat(ligne.departement()).isEqualTo("31");
		assertThat(ligne.echeance().type()).isEqualTo(LigneDossier.Echeance.Type.REFUS_IMPLICITE_FIR);
		assertThat(this.liste.toutes("ars.pg76",
				new FiltreDossiers(null, false, false, null, "p0001", null, false, 1, 25)))
			.hasSize(1);
		assertThat(this.export.csv(lignes)).isNotEmpty();

		agent("cpam.pg76", "cpam", "76");
		List<LigneDossier> cpam = this.liste.toutes("cpam.pg76", FiltreDossiers.tous());
		assertThat(cpam).extracting(LigneDossier::reference).containsExactly("CPTS-76-2026-P0002");
		assertThat(cpam.get(0).echeance().type()).isEqualTo(LigneDossier.Echeance.Type.VALIDATION_TACITE);
		assertThat(cpam.get(0).echeance().joursRestants()).isBetween(39L, 40L);
	}

	private void agent(String userId, String groupe, String region) {
		User user = this.identity.newUser(userId);
		user.setPassword("Pg-" + java.util.UUID.randomUUID() + "-x9");
		this.identity.saveUser(user);
		if (this.identity.createGroupQuery().groupId(groupe).count() == 0) {
			this.identity.saveGroup(this.identity.newGroup(groupe));
		}
		this.identity.createMembership(userId, groupe);
		if (this.identity.createTenantQuery().tenantId(region).count() == 0) {
			this.identity.saveTenant(this.identity.newTenant(region));
		}
		this.identity.createTenantUserMembership(region, userId);
	}

	private String dossier(String reference, String region, String etape, Map<String, Object> extra) {
		Map<String, Object> variables = new HashMap<>(extra);
		variables.put(CreationProcess.REFERENCE, reference);
		variables.put(CreationProcess.REGION, region);
		// what the start's decision parcours-regional gives, for a dossier started
		// mid-path
		variables.put(CreationProcess.DESTINATAIRE_LETTRE, "76".equals(region) ? "guichet-cpts" : "ars");
		variables.put(CreationProcess.CONSULTATION_URPS, "76".equals(region) ? "dixUrps" : "interUrps");
		variables.put(CreationProcess.DEPARTEMENT, "76".equals(region) ? "31" : "44");
		variables.put(CreationProcess.NOM_CPTS, "CPTS " + reference);
		variables.put(CreationProcess.PORTEUR, "porteur");
		variables.put(CreationProcess.MONTANT_FIR_DEMANDE, 50_000.0);
		String id = this.runtime.createProcessInstanceByKey(CreationProcess.PROCESS_ID)
			.businessKey(reference)
			.setVariables(variables)
			.startBeforeActivity(etape)
			.execute()
			.getId();
		this.jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, process_instance_id, created_at)
				values (:reference, :region, :nom, 'porteur', :pi, :at)""")
			.param("reference", reference)
			.param("region", region)
			.param("nom", "CPTS " + reference)
			.param("pi", id)
			.param("at", OffsetDateTime.now())
			.update();
		return reference;
	}

}
