package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;

/**
 * Every timer of the models is either a legal deadline, which the guard never lets fire
 * early, or a reminder (its id says so: {@code relance…}, {@code rappel…}), so that a new
 * timer cannot slip past the guard unclassified.
 */
class EcheancesLegalesTest {

	@Test
	void everyTimerOfTheModelsIsALegalDeadlineOrAReminder() {
		List<String> legal = new ArrayList<>();
		List<String> unclassified = new ArrayList<>();
		for (File file : new File("bpmn").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
			BpmnModelInstance model = Bpmn.readModelFromFile(file);
			for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
				String id = ((Event) timer.getParentElement()).getId();
				if (EcheancesLegales.TIMERS.contains(id)) {
					legal.add(id);
				}
				else if (!id.startsWith("relance") && !id.startsWith("rappel")) {
					unclassified.add(file.getName() + ": " + id);
				}
			}
		}
		assertThat(unclassified).as("timers neither legal nor reminders").isEmpty();
		assertThat(legal).as("every legal timer listed exists in a model")
			.containsExactlyInAnyOrderElementsOf(EcheancesLegales.TIMERS);
	}

}
