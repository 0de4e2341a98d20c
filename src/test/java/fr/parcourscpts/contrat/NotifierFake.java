package fr.parcourscpts.contrat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Stands for the {@code notifier} bean in process tests: records each notification with
 * the variables it would carry, so that tests assert who was told what (and which
 * amounts).
 */
public class NotifierFake implements JavaDelegate {

	private final List<Notification> notifications = new ArrayList<>();

	@Override
	public void execute(DelegateExecution execution) {
		this.notifications
			.add(new Notification(execution.getCurrentActivityId(), (String) execution.getVariableLocal("evenement"),
					(String) execution.getVariableLocal("destinataires"), new HashMap<>(execution.getVariables())));
	}

	public List<Notification> notifications() {
		return this.notifications;
	}

	public List<Notification> of(String evenement) {
		return this.notifications.stream().filter((n) -> n.evenement().equals(evenement)).toList();
	}

	public List<String> evenements() {
		return this.notifications.stream().map(Notification::evenement).toList();
	}

	public record Notification(String activite, String evenement, String destinataires, Map<String, Object> variables) {
	}

}
