package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * The task-local display variables are written for the forms and the filters but leave no
 * history; everything else keeps history {@code full}.
 */
@ApplicationTest
class HistoriqueSansAffichageTest {

	@Autowired
	ProcessEngine engine;

	@Test
	void theEngineRunsTheLevelUnderTheIdOfFull() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryLevel()).isInstanceOf(HistoriqueSansAffichage.class);
		assertThat(this.engine.getManagementService().getHistoryLevel())
			.isEqualTo(ProcessEngineConfigurationImpl.HISTORYLEVEL_FULL);
		assertThat(this.engine.getManagementService().getProperties()).containsEntry("historyLevel", "3");
	}

	@Test
	void aTasksDisplayVariablesHaveNoHistoryWhileTheProcessVariablesAndOtherTaskVariablesKeepIt() {
		Task task = TacheDeCompletude.demarrer(this.engine, "CPTS-76-2026-9203", Map.of());
		this.engine.getTaskService().setVariableLocal(task.getId(), "noteDeTache", "écrite par un agent");

		// the form's labels and the filters' columns are there for Tasklist
		assertThat(this.engine.getTaskService().getVariablesLocal(task.getId())).containsKeys("populationLibelle",
				"communesLibelle", "porteurLibelle", "montantFirDemandeLibelle", "dossierReference", "dossierNomCpts",
				"noteDeTache");
		List<String> historiques = this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.list()
			.stream()
			.map(HistoricVariableInstance::getName)
			.toList();
		assertThat(historiques).contains("reference", "population", "communes", "nomCpts", "noteDeTache")
			.doesNotContainAnyElementsOf(HistoriqueSansAffichage.variablesAffichees());
		assertThat(this.engine.getHistoryService()
			.createHistoricDetailQuery()
			.processInstanceId(task.getProcessInstanceId())
			.variableUpdates()
			.list()).isNotEmpty()
			.noneMatch((detail) -> HistoriqueSansAffichage.variablesAffichees()
				.contains(((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()));

		// ending the task deletes its runtime variables, those without history included
		this.engine.getRuntimeService().deleteProcessInstance(task.getProcessInstanceId(), "test");
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
		assertThat(
				this.engine.getRuntimeService().createVariableInstanceQuery().variableScopeIdIn(task.getId()).count())
			.isZero();
	}

}
