package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.CompteurSql;

/**
 * The Tasklist filters show each task's dossier (reference and CPTS name), also in a
 * database whose filters were created before they did, and the agent may read what they
 * show: the task's own copies, not the process instance's variables.
 */
@ApplicationTest
class TasklistFiltersTest {

	private static final List<Map<String, String>> DOSSIER = List.of(
			Map.of("name", "dossierReference", "label", "Référence"),
			Map.of("name", "dossierNomCpts", "label", "CPTS"));

	@Autowired
	FilterService filterService;

	@Autowired
	IdentitySetup identitySetup;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	IdentityService identityService;

	@Autowired
	TaskListVariables taskListVariables;

	@AfterEach
	void restoreFilters() {
		for (Filter filter : filters()) {
			Map<String, Object> properties = new HashMap<>(filter.getProperties());
			properties.put("variables", DOSSIER);
			this.filterService.saveFilter(filter.setProperties(properties));
		}
	}

	@Test
	void bothFiltersShowTheReferenceAndTheCptsName() {
		assertThat(filters()).hasSize(2)
			.allSatisfy((filter) -> assertThat(filter.getProperties().get("variables")).isEqualTo(DOSSIER));
	}

	@Test
	void filtersCreatedWithoutVariablesGetThemAtTheNextStart() {
		for (Filter filter : filters()) {
			Map<String, Object> properties = new HashMap<>(filter.getProperties());
			properties.remove("variables");
			this.filterService.saveFilter(filter.setProperties(properties));
		}

		this.identitySetup.run(null);

		assertThat(filters()).hasSize(2)
			.allSatisfy((filter) -> assertThat(filter.getProperties().get("variables")).isEqualTo(DOSSIER))
			.allSatisfy((filter) -> assertThat(filter.getProperties()).containsKeys("priority", "description"));
	}

	@Test
	void variablesAnAdministratorChoseAreKept() {
		Filter mine = this.filterService.createFilterQuery().filterName(IdentitySetup.FILTER_MINE).singleResult();
		Map<String, Object> properties = new HashMap<>(mine.getProperties());
		List<Map<String, String>> chosen = List.of(Map.of("name", "reference", "label", "Dossier"));
		properties.put("variables", chosen);
		this.filterService.saveFilter(mine.setProperties(properties));

		this.identitySetup.run(null);

		assertThat(this.filterService.getFilter(mine.getId()).getProperties().get("variables")).isEqualTo(chosen);
	}

	@Test
	void theGuichetReadsTheDossierOfItsNewTaskThoughNotItsProcessInstance() {
		String reference = "CPTS-76-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String processInstanceId = this.runtimeService.createProcessInstanceByKey("cpts-creation")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "76", "nomCpts", "CPTS du Lauragais", "porteur",
					"porteur.76", "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"))
			.startBeforeActivity("verifierCompletude")
			.execute()
			.getId();
		Task task = this.taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();

		this.identityService.setAuthentication("guichet.76", List.of("guichet-cpts"), List.of("76"));
		try {
			Map<String, Object> shown = new HashMap<>();
			this.runtimeService.createVariableInstanceQuery()
				.variableScopeIdIn(task.getId(), processInstanceId)
				.list()
				.forEach((variable) -> shown.put(variable.getName(), variable.getValue()));
			assertThat(shown).containsEntry("dossierReference", reference)
				.containsEntry("dossierNomCpts", "CPTS du Lauragais")
				.doesNotContainKey("reference");
		}
		finally {
			this.identityService.clearAuthentication();
		}
	}

	@Test
	void openTasksCreatedBeforeTheCopiesGetThemAtTheNextStart() {
		String reference = "CPTS-76-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String processInstanceId = this.runtimeService.createProcessInstanceByKey("cpts-creation")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "76", "nomCpts", "CPTS du Comminges", "porteur",
					"porteur.76", "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"))
			.startBeforeActivity("verifierCompletude")
			.execute()
			.getId();
		Task task = this.taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
		this.taskService.removeVariablesLocal(task.getId(), List.of("dossierReference", "dossierNomCpts"));

		this.taskListVariables.run(null);

		assertThat(this.taskService.getVariablesLocal(task.getId())).containsEntry("dossierReference", reference)
			.containsEntry("dossierNomCpts", "CPTS du Comminges");
	}

	@Test
	void aStartWhoseOpenTasksHaveTheirCopiesReadsThemInOneQuery() {
		for (int i = 0; i < 3; i++) {
			this.runtimeService.createProcessInstanceByKey("cpts-creation")
				.setVariables(Map.of("reference", "CPTS-76-2026-Q" + i, "region", "76", "nomCpts", "CPTS " + i,
						"porteur", "porteur.76", "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"))
				.startBeforeActivity("verifierCompletude")
				.execute();
		}
		// and one whose dossier has nothing to copy: it is not read again at each start
		this.runtimeService.createProcessInstanceByKey("cpts-creation")
			.setVariables(Map.of("region", "76", "porteur", "porteur.76", "destinataireLettre", "guichet-cpts",
					"consultationUrps", "dixUrps"))
			.startBeforeActivity("verifierCompletude")
			.execute();
		// the tasks other tests left without copies get theirs first
		this.taskListVariables.run(null);

		List<String> statements = CompteurSql.statements(() -> this.taskListVariables.run(null));

		assertThat(this.taskService.createTaskQuery().count()).isGreaterThanOrEqualTo(3);
		assertThat(statements).as("one query, whatever the number of open tasks").hasSize(1);
	}

	private List<Filter> filters() {
		return List.of(
				this.filterService.createFilterQuery().filterName(IdentitySetup.FILTER_MY_INSTITUTION).singleResult(),
				this.filterService.createFilterQuery().filterName(IdentitySetup.FILTER_MINE).singleResult());
	}

}
