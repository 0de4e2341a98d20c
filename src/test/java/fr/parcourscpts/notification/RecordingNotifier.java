package fr.parcourscpts.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Hand-written fake of the {@code notifier} bean for the process tests: checks each
 * notification has the input parameters the real {@link NotifierDelegate} requires, and
 * records it with the variables it would carry, so that tests assert who was told what.
 */
public class RecordingNotifier implements JavaDelegate {

	private final List<Notification> notifications = new ArrayList<>();

	@Override
	public void execute(DelegateExecution execution) {
		String evenement = (String) execution.getVariableLocal(NotifierDelegate.EVENEMENT);
		String destinataires = (String) execution.getVariableLocal(NotifierDelegate.DESTINATAIRES);
		if (evenement == null || destinataires == null) {
			throw new IllegalStateException("notification incomplete at " + execution.getCurrentActivityId());
		}
		this.notifications.add(new Notification(execution.getCurrentActivityId(), evenement, destinataires,
				new HashMap<>(execution.getVariables())));
	}

	/** Forgets what was recorded, to watch what comes next. */
	public void clear() {
		this.notifications.clear();
	}

	/** Every notification, in order. */
	public List<Notification> notifications() {
		return this.notifications;
	}

	/** The notifications of one event. */
	public List<Notification> of(String evenement) {
		return this.notifications.stream().filter((n) -> n.evenement().equals(evenement)).toList();
	}

	/** The events notified, in order. */
	public List<String> evenements() {
		return this.notifications.stream().map(Notification::evenement).toList();
	}

	/** What was sent to whom, in order. */
	public List<Envoi> sent() {
		return this.notifications.stream().map((n) -> new Envoi(n.evenement(), n.destinataires())).toList();
	}

	/** A notification with the activity that sent it and the variables it carried. */
	public record Notification(String activite, String evenement, String destinataires, Map<String, Object> variables) {
	}

	/** An event and its recipients. */
	public record Envoi(String evenement, String destinataires) {
	}

}
