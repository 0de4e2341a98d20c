package fr.parcourscpts.contrat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every model of the contract follows, checked on the files: each user
 * task has its institution (or the porteur), a due date, the decision recorder and, for
 * an agent, a deployed Camunda Form named after it whose required fields exist; each
 * notification is asynchronous with retries.
 */
class ModelesContratTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static BpmnModelInstance modele(String nom) throws IOException {
		try (InputStream bpmn = ModelesContratTest.class.getResourceAsStream("/bpmn/" + nom + ".bpmn")) {
			return Bpmn.readModelFromStream(bpmn);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "contrat-aci", "evaluation-annuelle" })
	void processIdIsTheFileNameAndHistoryHasATimeToLive(String nom) throws IOException {
		Collection<Process> processes = modele(nom).getModelElementsByType(Process.class);

		assertThat(processes).singleElement().satisfies((process) -> {
			assertThat(process.getId()).isEqualTo(nom);
			assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "contrat-aci", "evaluation-annuelle" })
	void everyUserTaskHasItsActorDueDateAndDecisionRecorder(String nom) throws IOException {
		Collection<UserTask> tasks = modele(nom).getModelElementsByType(UserTask.class);
		assertThat(tasks).isNotEmpty();
		for (UserTask task : tasks) {
			assertThat(task.getName()).as(task.getId()).isNotBlank();
			assertThat(task.getCamundaDueDate()).as(task.getId()).startsWith("${delaisContrat.");
			assertThat(listeners(task)).as(task.getId()).anySatisfy((listener) -> {
				assertThat(listener.getCamundaEvent()).isEqualTo("complete");
				assertThat(listener.getCamundaDelegateExpression()).isEqualTo("${decisionRecorder}");
			});
			if ("${porteur}".equals(task.getCamundaAssignee())) {
				assertThat(task.getCamundaFormKey()).as(task.getId()).isEqualTo("portail:" + task.getId());
			}
			else {
				assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isIn("cpam", "ars");
				assertThat(task.getCamundaFormRef()).as(task.getId()).isEqualTo(task.getId());
				assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
				assertFormulaire(task.getId());
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "contrat-aci", "evaluation-annuelle" })
	void everyNotificationIsAsynchronousWithRetries(String nom) throws IOException {
		List<ServiceTask> notifications = modele(nom).getModelElementsByType(ServiceTask.class)
			.stream()
			.filter((task) -> "${notifier}".equals(task.getCamundaDelegateExpression()))
			.toList();

		assertThat(notifications).isNotEmpty().allSatisfy((task) -> {
			assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
			assertThat(failedJobRetryTimeCycle(task)).as(task.getId()).isEqualTo("R5/PT5M");
		});
	}

	private static void assertFormulaire(String taskId) throws IOException {
		Path file = Path.of("forms", taskId + ".form");
		assertThat(file).as("formulaire de " + taskId).exists();
		JsonNode form = JSON.readTree(Files.readString(file));
		assertThat(form.path("id").asText()).isEqualTo(taskId);
		assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
		boolean required = false;
		for (JsonNode component : form.path("components")) {
			required |= component.path("validate").path("required").asBoolean(false);
		}
		assertThat(required).as("au moins un champ obligatoire dans " + taskId).isTrue();
	}

	private static Collection<CamundaTaskListener> listeners(BaseElement task) {
		return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list();
	}

	private static String failedJobRetryTimeCycle(ServiceTask task) {
		return task.getDomElement().getAttribute("http://camunda.org/schema/1.0/bpmn", "failedJobRetryTimeCycle");
	}

}
