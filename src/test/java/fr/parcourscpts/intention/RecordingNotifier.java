package fr.parcourscpts.intention;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Hand-written fake of the {@code notifier} bean: records each notification the model
 * sends, with the same input parameters as the real delegate.
 */
public class RecordingNotifier implements JavaDelegate {

	private final List<Notification> sent = new ArrayList<>();

	@Override
	public void execute(DelegateExecution execution) {
		String evenement = (String) execution.getVariableLocal("evenement");
		String destinataires = (String) execution.getVariableLocal("destinataires");
		if (evenement == null || destinataires == null) {
			throw new IllegalStateException("notification incomplete at " + execution.getCurrentActivityId());
		}
		this.sent.add(new Notification(evenement, destinataires));
	}

	public List<Notification> sent() {
		return this.sent;
	}

	public record Notification(String evenement, String destinataires) {
	}

}
