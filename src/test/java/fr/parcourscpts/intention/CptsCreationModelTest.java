package fr.parcourscpts.intention;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of the model that the process tests do not see: forms, listeners, due
 * dates, async notifications, diagram.
 */
class CptsCreationModelTest {

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static BpmnModelInstance model;

	@BeforeAll
	static void readTheModel() throws Exception {
		try (InputStream bpmn = resource("bpmn/cpts-creation.bpmn")) {
			model = Bpmn.readModelFromStream(bpmn);
		}
	}

	@Test
	void everyUserTaskHasADueDateTheDecisionRecorderAndAFormOrAPortalKey() {
		Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
		assertThat(tasks).hasSize(10);
		for (UserTask task : tasks) {
			assertThat(task.getCamundaDueDate()).as(task.getId()).isNotBlank();
			assertThat(listeners(task)).as(task.getId()).contains("${decisionRecorder}");
			if ("${porteur}".equals(task.getCamundaAssignee())) {
				assertThat(task.getCamundaFormKey()).isEqualTo("portail:" + task.getId());
			}
			else {
				assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
				assertThat(task.getCamundaFormRef()).isEqualTo(task.getId());
				assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
				assertThat(listeners(task)).as(task.getId())
					.containsExactly("${controleDecisions}", "${decisionRecorder}");
			}
		}
	}

	@Test
	void everyAgentFormIsNamedAfterItsTaskAndRequiresTheDecision() throws Exception {
		// (the patterns below are the form-js templating: {{variable}} or a FEEL
		// expression)
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			if (task.getCamundaFormRef() == null) {
				continue;
			}
			JsonNode form;
			try (InputStream in = resource("forms/" + task.getId() + ".form")) {
				assertThat(in).as("form of %s", task.getId()).isNotNull();
				form = JSON.readTree(in);
			}
			assertThat(form.path("id").asText()).isEqualTo(task.getId());
			assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
			List<String> required = new ArrayList<>();
			List<String> shown = new ArrayList<>();
			for (JsonNode component : form.path("components")) {
				if (component.path("validate").path("required").asBoolean()) {
					required.add(component.path("key").asText());
				}
				shown.add(component.path("key").asText());
				// Facts shown as text or HTML: the variables named in its {{ … }}
				// templates.
				Matcher template = TEMPLATE
					.matcher(component.path("text").asText() + component.path("content").asText());
				while (template.find()) {
					Matcher name = IDENTIFIER.matcher(template.group(1));
					while (name.find()) {
						shown.add(name.group());
					}
				}
			}
			assertThat(required).as(task.getId()).isNotEmpty();
			assertThat(shown).as(task.getId())
				.contains("reference", "nomCpts", "region", "departement", "communes", "population", "tailleCpts",
						"porteur");
		}
	}

	@Test
	void urpsFormCarriesTheThreeCriteriaWithCommentsAndTheOverallOpinion() throws Exception {
		JsonNode form;
		try (InputStream in = resource("forms/rendreAvisUrps.form")) {
			form = JSON.readTree(in);
		}
		List<String> editable = new ArrayList<>();
		for (JsonNode component : form.path("components")) {
			if (component.has("key") && !component.path("disabled").asBoolean()) {
				editable.add(component.path("key").asText());
			}
		}
		assertThat(editable).containsExactly("critereMissions", "commentaireMissions", "critereMobilisation",
				"commentaireMobilisation", "critereTerritoire", "commentaireTerritoire", "avisGlobal");
	}

	@Test
	void notificationsAreAsyncWithRetries() {
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			if ("${notifier}".equals(task.getCamundaDelegateExpression())) {
				assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
				assertThat(task.getExtensionElements().getRawTextContent()).as(task.getId()).contains("R5/PT5M");
			}
		}
	}

	@Test
	void everyFlowNodeIsDrawn() {
		List<String> drawn = model.getModelElementsByType(BpmnShape.class)
			.stream()
			.map((shape) -> shape.getBpmnElement().getId())
			.toList();
		List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
		assertThat(drawn).containsAll(nodes);
	}

	private static List<String> listeners(UserTask task) {
		return task.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaTaskListener.class)
			.list()
			.stream()
			.map(CamundaTaskListener::getCamundaDelegateExpression)
			.toList();
	}

	private static InputStream resource(String name) {
		return CptsCreationModelTest.class.getClassLoader().getResourceAsStream(name);
	}

}
