package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * Raw values as people read them, from the one place of formats: on the portal, in the
 * mails and in the agents' forms (display variables of each new task).
 */
@ApplicationTest
class FormatsTest {

	private static final String MILLIERS = "\u202f";

	private static final String AVANT_EURO = "\u00a0";

	@Autowired
	Formats formats;

	@Autowired
	ProcessEngine engine;

	@Test
	void amountsAndCountsAreWrittenTheFrenchWay() {
		assertThat(this.formats.montant(30000.0)).isEqualTo("30" + MILLIERS + "000" + AVANT_EURO + "€");
		assertThat(this.formats.montant(142500L)).isEqualTo("142" + MILLIERS + "500" + AVANT_EURO + "€");
		assertThat(this.formats.montant(1250.5)).isEqualTo("1" + MILLIERS + "250,50" + AVANT_EURO + "€");
		assertThat(this.formats.montant("30000.0")).isEqualTo("30" + MILLIERS + "000" + AVANT_EURO + "€");
		assertThat(this.formats.montantSansDevise(30000.0)).isEqualTo("30" + MILLIERS + "000");
		assertThat(this.formats.nombre(26632L)).isEqualTo("26" + MILLIERS + "632");
		assertThat(this.formats.nombre(12.5)).isEqualTo("12,5");
		assertThat(this.formats.montant(null)).isEmpty();
		assertThat(this.formats.nombre("sans chiffre")).isEqualTo("sans chiffre");
	}

	@Test
	void theDocumentsWriteTheirAmountsWithoutTheCurrencyTheirTextGives() {
		// documents/*.html: "{1} €" in the messages, fmt.montantSansDevise(..) for {1}
		assertThat(this.formats.montantSansDevise(287000L)).isEqualTo("287" + MILLIERS + "000");
		assertThat(this.formats.montantSansDevise(1500000)).isEqualTo("1" + MILLIERS + "500" + MILLIERS + "000");
		assertThat(this.formats.montantSansDevise(new java.math.BigDecimal("999"))).isEqualTo("999");
		assertThat(this.formats.montantSansDevise("1234.5")).isEqualTo("1" + MILLIERS + "234,50");
		assertThat(this.formats.montantSansDevise(null)).isEmpty();
	}

	@Test
	void groupsAreInstitutionsLoginsArePeopleAndCodesAreCommunes() {
		assertThat(this.formats.institution("urps-biologistes")).isEqualTo("URPS Biologistes");
		assertThat(this.formats.institution("ars")).isEqualTo("Agence Régionale de Santé");
		assertThat(this.formats.institution("groupe-inconnu")).isEqualTo("groupe-inconnu");
		assertThat(this.formats.personne("guichet.76")).isEqualTo("Guichet CPTS Occitanie");
		assertThat(this.formats.personne("personne.inconnue")).isEqualTo("personne.inconnue");
		assertThat(this.formats.communes("31555,31069")).isEqualTo("Toulouse (31555), Blagnac (31069)");
		assertThat(this.formats.communes("31555, 99999")).isEqualTo("Toulouse (31555), 99999");
		assertThat(this.formats.missions("AccesSoins,Parcours,Qualite"))
			.isEqualTo("Accès aux soins, Parcours pluriprofessionnels, Qualité et pertinence des soins");
	}

	@Test
	void eachNewAgentTaskCarriesTheDisplayVariablesItsFormShows() {
		Task task = TacheDeCompletude.demarrer(this.engine, "CPTS-76-2026-9201", Map.of());

		Map<String, Object> locales = this.engine.getTaskService().getVariablesLocal(task.getId());
		assertThat(locales).containsEntry("populationLibelle", "26" + MILLIERS + "632")
			.containsEntry("montantFirDemandeLibelle", "30" + MILLIERS + "000")
			.containsEntry("communesLibelle", "Toulouse (31555), Blagnac (31069)")
			.containsEntry("porteurLibelle", this.formats.personne("porteur.76"));
		assertThat(locales.get("porteurLibelle")).isNotEqualTo("porteur.76");
		// the raw values stay what the process routes on
		assertThat(this.engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "population"))
			.isEqualTo(26632L);
	}

	@Test
	void aNewAgentTaskCarriesNoDisplayVariableItsFormDoesNotShow() {
		// values the process may hold that the completeness check's form does not show
		Task task = TacheDeCompletude.demarrer(this.engine, "CPTS-76-2026-9202",
				Map.of("montantFirAccorde", 20000.0, "dateDepotProjetSante", new java.util.Date()));

		Map<String, Object> locales = this.engine.getTaskService().getVariablesLocal(task.getId());
		assertThat(locales).containsKeys("populationLibelle", "montantFirDemandeLibelle", "communesLibelle",
				"porteurLibelle");
		assertThat(locales).doesNotContainKeys("montantFirAccordeLibelle", "dateDepotProjetSanteJour", "echeanceJour");
		// the form that shows them gets them
		assertThat(LibellesFormulaires.montreesPar("donnerAvisCpam").test("montantFirAccordeLibelle")).isTrue();
		assertThat(LibellesFormulaires.montreesPar("donnerAvisCpam").test("dateDepotProjetSanteJour")).isTrue();
		assertThat(LibellesFormulaires.montreesPar("deciderFinancementFir").test("echeanceJour")).isTrue();
		// a form not in the jar: every display value, as before
		assertThat(LibellesFormulaires.montreesPar("formulaireInconnu").test("montantFirAccordeLibelle")).isTrue();
	}

	@Test
	void theFormsShowTheDisplayVariablesAndFallBackToTheRawOnes() throws Exception {
		for (java.nio.file.Path form : java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("forms"),
				"*.form")) {
			String json = java.nio.file.Files.readString(form);
			assertThat(json).as(form.toString())
				.contains(
						"{{if communesLibelle = null then (if communes = null then \\\"\\\" else communes) else communesLibelle}}")
				.contains(
						"{{if populationLibelle = null then (if population = null then \\\"\\\" else population) else populationLibelle}} habitants")
				.doesNotContain("{{if population = null then \\\"\\\" else population}}")
				.doesNotContain("{{if montantAnnuelMaximum = null then \\\"\\\" else montantAnnuelMaximum}}");
		}
	}

}
