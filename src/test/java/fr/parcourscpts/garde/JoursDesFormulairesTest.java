package fr.parcourscpts.garde;

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DatesLegales;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ARS's and the CPAM's tasks on a projet de santé carry the Paris days their forms
 * show, whatever the zone of the JVM (the build runs it in UTC, Paris and Auckland). A
 * deposit on 14 January 2026 at 23:30 Paris is 22:30 UTC on the 14th and 11:30 in
 * Auckland on the 15th: the forms say 14/01/2026, and the last day 14/03/2026.
 */
@ApplicationTest
class JoursDesFormulairesTest {

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@Test
	void theFormsOfTheProjetShowItsParisDays() {
		Date depot = Date.from(LocalDate.of(2026, 1, 14).atTime(23, 30).atZone(DatesLegales.PARIS).toInstant());
		LocalDate dernierJour = LocalDate.of(2026, 3, 14);
		String pi = this.fixtures.avant("cpts-creation", "instruireProjetSante", "76",
				Map.of("dateValidationTacite", DatesLegales.midi(dernierJour), "echeanceValidationTacite",
						DatesLegales.finDuJour(dernierJour), "dateRappelValidationTacite",
						DatesLegales.finDuJour(dernierJour.minusDays(15)), "dateDepotProjetSante", depot));

		Task avisCpam = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(pi)
			.taskDefinitionKey("donnerAvisCpam")
			.singleResult();
		assertThat(this.engine.getTaskService().getVariablesLocal(avisCpam.getId()))
			.containsEntry("dateDepotProjetSanteJour", "14/01/2026")
			.containsEntry("dateValidationTaciteJour", "14/03/2026");
		assertThat(this.engine.getFormService()
			.getTaskFormVariables(avisCpam.getId())
			.getValue("dateValidationTaciteJour", String.class)).as("what Tasklist gives the form")
			.isEqualTo("14/03/2026");
	}

	@Test
	void theFirFormStatesTheLastDayOfItsTask() throws Exception {
		String pi = this.fixtures.avant("cpts-creation", "deciderFinancementFir", "76", Map.of());
		Task decision = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(pi)
			.taskDefinitionKey("deciderFinancementFir")
			.singleResult();
		assertThat(decision.getDueDate()).isNotNull();
		String dernierJour = DatesLegales.jour(decision.getDueDate())
			.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
		assertThat(this.engine.getTaskService().getVariableLocal(decision.getId(), "echeanceJour"))
			.isEqualTo(dernierJour);
		assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms/deciderFinancementFir.form")))
			.contains("réputée rejetée le {{if echeanceJour = null then \\\"\\\" else echeanceJour}} à minuit");
	}

}
