package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The process test coverage of every model of {@code bpmn/}, over all the process tests
 * of the build: runs after them (failsafe), reads what the coverage extension recorded
 * under {@code target/process-test-coverage}, prints the figures and requires every flow
 * node and every sequence flow to be covered. Test stubs (models outside {@code bpmn/})
 * do not count.
 */
class ProcessCoverageIT {

	private static final Path REPORTS = Path.of("target/process-test-coverage");

	@Test
	void everyFlowNodeAndSequenceFlowOfEveryModelIsCovered() throws IOException {
		Assumptions.assumeTrue(Files.isDirectory(REPORTS),
				"Pas de rapport de couverture : les tests de processus n'ont pas tourné dans ce build");
		Map<String, Set<String>> covered = coveredElementsByProcess();
		Map<String, String> missing = new TreeMap<>();
		StringBuilder figures = new StringBuilder("\nCouverture des tests de processus (bpmn/) :\n");
		for (Path file : models()) {
			BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
			for (Process process : model.getModelElementsByType(Process.class)) {
				Set<String> nodes = idsOf(process, FlowNode.class);
				Set<String> flows = idsOf(process, SequenceFlow.class);
				Set<String> seen = covered.getOrDefault(process.getId(), Set.of());
				Set<String> nodesMissed = new HashSet<>(nodes);
				nodesMissed.removeAll(seen);
				Set<String> flowsMissed = new HashSet<>(flows);
				flowsMissed.removeAll(seen);
				figures.append(String.format("  %-22s noeuds %3d/%-3d  flux %3d/%-3d%n", process.getId(),
						nodes.size() - nodesMissed.size(), nodes.size(), flows.size() - flowsMissed.size(),
						flows.size()));
				if (!nodesMissed.isEmpty() || !flowsMissed.isEmpty()) {
					missing.put(process.getId(), "noeuds " + nodesMissed + ", flux " + flowsMissed);
				}
			}
		}
		System.out.println(figures);
		assertThat(missing).as("éléments non couverts par les tests de processus").isEmpty();
	}

	private static Set<String> idsOf(Process process,
			Class<? extends org.camunda.bpm.model.xml.instance.ModelElementInstance> type) {
		Set<String> ids = new HashSet<>();
		for (var element : process.getModelInstance().getModelElementsByType(type)) {
			if (belongsTo(element, process)) {
				ids.add(element.getAttributeValue("id"));
			}
		}
		return ids;
	}

	private static boolean belongsTo(org.camunda.bpm.model.xml.instance.ModelElementInstance element, Process process) {
		for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
			if (parent instanceof Process owner) {
				return owner.getId().equals(process.getId());
			}
		}
		return false;
	}

	private static List<Path> models() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			return files.filter((file) -> file.toString().endsWith(".bpmn")).sorted().toList();
		}
	}

	private static Map<String, Set<String>> coveredElementsByProcess() throws IOException {
		Map<String, Set<String>> covered = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		try (Stream<Path> reports = Files.walk(REPORTS)) {
			for (Path report : reports.filter((file) -> file.getFileName().toString().equals("report.json")).toList()) {
				for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
					for (JsonNode run : suite.path("runs")) {
						for (JsonNode event : run.path("events")) {
							covered.computeIfAbsent(event.path("modelKey").asText(), (key) -> new HashSet<>())
								.add(event.path("definitionKey").asText());
						}
					}
				}
			}
		}
		return covered;
	}

}
